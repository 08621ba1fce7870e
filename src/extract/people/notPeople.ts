// Capitalised names that look like people to the name finder but are organisations or venues:
// "Israel and Hamas have agreed", "The leaders have arrived at Seri Perdana".
import { findCountryMentions } from '../geo/countries.ts';

/**
 * Armed, political and militant movements that news names without an article, as it names
 * people ("Hamas said", "Hezbollah fired"). General news knowledge, not tied to any article.
 */
export const MOVEMENTS = new Set(
  `Hamas Hezbollah Hizbollah Fatah Taliban Houthis Houthi Ansarallah ISIS ISIL Daesh Al-Qaeda al-Qaeda Qaeda
  Al-Shabaab al-Shabaab Shabaab Boko Haram PKK YPG SDF HTS Wagner M23 RSF Polisario Tatmadaw Jihad`.split(/\s+/),
);

/**
 * A lone name joined by "and" to a country ("Israel and Hamas", "Hamas and Israel") stands for a
 * party of the same kind as the country, not a person.
 */
export function coordinatedWithCountry(text: string, start: number, end: number): boolean {
  const before = /((?:\p{Lu}[\p{L}.'\u2019-]*\s+){0,2}\p{Lu}[\p{L}.'\u2019-]*)\s+(?:and|or|with)\s+$/u.exec(
    text.slice(Math.max(0, start - 50), start),
  );
  if (before) {
    const m = findCountryMentions(before[1]!).at(-1);
    if (m && m.end === before[1]!.length) return true;
  }
  const after = /^\s+(?:and|or)\s+(?:the\s+)?((?:\p{Lu}[\p{L}.'\u2019-]*\s*){1,3})/u.exec(text.slice(end, end + 50));
  if (after) {
    const m = findCountryMentions(after[1]!)[0];
    if (m && m.start === 0) return true;
  }
  return false;
}

const LOCATIVE_BEFORE = /\b(?:at|in|inside|outside|near|into)\s+(?:the\s+)?$/i;

/** The name stands where a place goes: "arrived at Seri Perdana", "gathered in Lancaster House". */
export function afterLocativePreposition(text: string, start: number): boolean {
  return LOCATIVE_BEFORE.test(text.slice(Math.max(0, start - 12), start));
}
