// News-agency datelines opening a paragraph: the place and day the story was filed, not a day of
// what it reports. Both the publication date (src/ingest/publicationDate.ts) and the dates of a
// sentence (resolve.ts) read them here.
//
//   "WASHINGTON, June 27, 2025 (AFP) - ..."        "DOHA, Jan 15 (Reuters) - ..."
//   "SHARM EL-SHEIKH, Egypt, Oct 8 (AP) — ..."      "Tokyo, Oct. 2 (Jiji Press)--New Japanese ..."
//   "New Delhi, Dec 5 (IANS) Prime Minister ..."    "BUDAPEST, July 5. /TASS/. Hungarian ..."
//   "Washington, 2 April 2024 (dpa/MIA) - ..."      "Sharm El-Sheikh, Oct 7: Delegations ..."
//   "Riyadh [Saudi Arabia],August 7: Saudi ..."     "Nov 23 (Reuters) - ..." (no city: the agency is named)
//
// The city is capitalised, the date follows its comma, and something must end the dateline: an
// agency in brackets or slashes, a dash or a colon ("Geneva, May 12 was the day" is a sentence).

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const MONTH =
  '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
const YEAR = '(?:,?\\s+((?:19|20)\\d{2}))?';
const WORD = "\\p{Lu}[\\p{L}\\p{M}.'\u2019-]*";
const CITY = `(${WORD}(?:\\s+${WORD}){0,3})(?:\\s*\\[[^\\]\\n]{2,30}\\])?(?:,\\s*\\p{Lu}[\\p{L}\\p{M}.]*(?:\\s+\\p{Lu}[\\p{L}\\p{M}.]*){0,2})?`;
/** What ends a dateline: "(Reuters) -", "(IANS)", ". /TASS/.", " - ", ": ". */
const END = `\\s*(?:\\([^()\\n]{2,40}\\)\\s*(?:[-\u2013\u2014]+|:)?|\\.?\\s*\\/[^/\\n]{2,20}\\/\\.?|[-\u2013\u2014]+|:)(?=\\s|\\p{Lu}|["\u201c])`;

const MONTH_FIRST = new RegExp(`^\\s*${CITY},\\s*${MONTH}\\s+(\\d{1,2})${YEAR}${END}`, 'u');
const DAY_FIRST = new RegExp(`^\\s*${CITY},\\s*(\\d{1,2})\\.?\\s+${MONTH}${YEAR}${END}`, 'u');
const AGENCY_ONLY = new RegExp(
  `^\\s*${MONTH}\\s+(\\d{1,2})${YEAR}\\s*\\((?:Reuters|AP|AFP|Bloomberg|dpa|DPA|Xinhua|Anadolu|TASS|Kyodo|Yonhap|UPI|ANI|PTI|IANS|EFE|ANSA|Interfax)\\)\\s*[-\u2013\u2014]+(?=\\s|\\p{Lu})`,
  'u',
);

/** A weekday or a time word is no city: "On Monday, Dec 4: ..." opens a sentence. */
const NOT_A_CITY =
  /^(?:On|By|As|At|In|Since|Until|From|Updated|Published|Posted|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/;

export interface WireDateline {
  /** The city as written ("SHARM EL-SHEIKH", "New Delhi"), or null for "Nov 23 (Reuters) -". */
  city: string | null;
  month: number;
  day: number;
  year: number | null;
  /** Offset just past the dateline in the text given. */
  end: number;
}

const monthOf = (word: string): number => MONTHS[word.slice(0, 3).toLowerCase()]!;

/** The dateline opening `text`, or null. */
export function wireDatelineOf(text: string): WireDateline | null {
  const m = MONTH_FIRST.exec(text);
  if (m && !NOT_A_CITY.test(m[1]!)) {
    return { city: m[1]!, month: monthOf(m[2]!), day: Number(m[3]), year: m[4] ? Number(m[4]) : null, end: m[0].length };
  }
  const d = DAY_FIRST.exec(text);
  if (d && !NOT_A_CITY.test(d[1]!)) {
    return { city: d[1]!, month: monthOf(d[3]!), day: Number(d[2]), year: d[4] ? Number(d[4]) : null, end: d[0].length };
  }
  const a = AGENCY_ONLY.exec(text);
  if (a) return { city: null, month: monthOf(a[1]!), day: Number(a[2]), year: a[3] ? Number(a[3]) : null, end: a[0].length };
  return null;
}
