// Splitting article text into sentences with their offsets, so later rules can point back into
// the original text (quotes, evidence) and look at neighbouring sentences (pronouns, context).

export interface Sentence {
  text: string;
  /** Offsets into the text that was split. */
  start: number;
  end: number;
  /** Index of the paragraph (blank-line or line separated block) the sentence is in. */
  paragraph: number;
  /** Position in the returned list. */
  index: number;
}

// Words that end with a full stop without ending the sentence ("Mr. Umerov", "Dec. 19", "U.S. envoy").
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'st',
  'sen',
  'rep',
  'gov',
  'gen',
  'lt',
  'col',
  'capt',
  'sgt',
  'maj',
  'adm',
  'cmdr',
  'pres',
  'jr',
  'sr',
  'messrs',
  'rev',
  'hon',
  'amb',
  'no',
  'nos',
  'vs',
  'etc',
  'inc',
  'ltd',
  'corp',
  'co',
  'approx',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'mon',
  'tue',
  'tues',
  'wed',
  'thu',
  'thur',
  'thurs',
  'fri',
  'sat',
  'sun',
  'fig',
  'p',
  'pp',
  'ca',
  'cf',
  'al',
  'vol',
]);

const OPENING_QUOTES = '"\u201c\u00ab\u201e';
const CLOSING_QUOTES = '"\u201d\u00bb';

/** True when the dot at `dot` belongs to an abbreviation or an initial rather than ending a sentence. */
function isAbbreviationDot(text: string, dot: number): boolean {
  const before = text.slice(Math.max(0, dot - 20), dot);
  const word = /([\p{L}.]+)$/u.exec(before)?.[1] ?? '';
  if (word.length === 0) return false;
  // Dotted abbreviations: "U.S", "U.N", "E.U" (the dot just found closes it).
  if (/^(?:\p{Lu}\.)+\p{Lu}$/u.test(word)) {
    // "talks with the U.S. The next day" is rare in news; an uppercase word after "U.S." is
    // almost always a title ("U.S. Secretary").
    return true;
  }
  const bare = word.replace(/^.*\./, '');
  if (/^\p{Lu}$/u.test(bare)) return true; // an initial: "Donald J. Trump"
  return ABBREVIATIONS.has(bare.toLowerCase());
}

/** Paragraph blocks: separated by blank lines or, in scraped text, by single line breaks. */
function paragraphSpans(text: string): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  const re = /[^\n]+/g;
  for (const m of text.matchAll(re)) {
    if (m[0].trim().length === 0) continue;
    spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return spans;
}

/** Whether the quotes in a block pair up, so that "inside a quote" can be trusted. */
function quotesBalanced(block: string): boolean {
  const straight = (block.match(/"/g) ?? []).length;
  const open = (block.match(/[\u201c\u00ab\u201e]/g) ?? []).length;
  const close = (block.match(/[\u201d\u00bb]/g) ?? []).length;
  return straight % 2 === 0 && open === close;
}

/**
 * No real sentence is this long; a run of text without stops (a scraped table, a page that is
 * one line) is cut into pieces of at most this size, at a comma or a space, so that rules that
 * look at a whole sentence stay linear in the article's size instead of quadratic.
 */
export const MAX_SENTENCE_CHARS = 1500;

function pushTrimmed(out: Sentence[], text: string, start: number, end: number, paragraph: number): void {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  if (e <= s) return;
  while (e - s > MAX_SENTENCE_CHARS) {
    const window = text.slice(s, s + MAX_SENTENCE_CHARS);
    const comma = Math.max(window.lastIndexOf(', '), window.lastIndexOf('; '));
    const space = window.lastIndexOf(' ');
    let cut = s + (comma > MAX_SENTENCE_CHARS / 2 ? comma + 1 : space > MAX_SENTENCE_CHARS / 2 ? space : MAX_SENTENCE_CHARS);
    // Never between the two halves of a surrogate pair.
    if (/[\uD800-\uDBFF]/.test(text[cut - 1]!)) cut -= 1;
    pushTrimmed(out, text, s, cut, paragraph);
    s = cut;
    while (s < e && /\s/.test(text[s]!)) s++;
  }
  if (e <= s) return;
  out.push({ text: text.slice(s, e), start: s, end: e, paragraph, index: out.length });
}

/**
 * Splits text into sentences. Ends at . ! ? (plus closing quotes/brackets) before a capital,
 * digit or opening quote, and at line breaks; not after abbreviations or initials, and not
 * inside a quotation that closes in the same paragraph ("... the United States. ... We are
 * working," he wrote. stays one sentence).
 */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  paragraphSpans(text).forEach((para, paragraph) => {
    const block = text.slice(para.start, para.end);
    const trackQuotes = quotesBalanced(block);
    let inQuote = false;
    let sentenceStart = para.start;
    for (let i = para.start; i < para.end; i++) {
      const ch = text[i]!;
      if (trackQuotes) {
        if (ch === '"') inQuote = !inQuote;
        else if (OPENING_QUOTES.includes(ch)) inQuote = true;
        else if (CLOSING_QUOTES.includes(ch)) inQuote = false;
      }
      if (ch !== '.' && ch !== '!' && ch !== '?' && ch !== '…') continue;
      // Inside a quotation only a stop right before the closing quote can end the sentence.
      if (inQuote && !/^[.!?…]*["\u201d\u00bb]/.test(text.slice(i + 1, i + 4))) continue;
      if (ch === '.' && isAbbreviationDot(text, i)) continue;
      // Swallow further punctuation, closing quotes and brackets: `...," he said.` or `end.")`.
      let j = i + 1;
      while (j < para.end && /[.!?…"'\u201d\u2019)\]]/.test(text[j]!)) j++;
      if (j < para.end && !/\s/.test(text[j]!)) continue;
      let k = j;
      while (k < para.end && /\s/.test(text[k]!)) k++;
      if (k < para.end && !/[\p{Lu}\p{N}"'\u201c\u2018(\[«]/u.test(text[k]!)) continue;
      if (/["\u201d\u00bb]/.test(text.slice(i + 1, j))) inQuote = false;
      pushTrimmed(out, text, sentenceStart, j, paragraph);
      sentenceStart = k;
      i = k - 1;
    }
    pushTrimmed(out, text, sentenceStart, para.end, paragraph);
  });
  return out;
}
