// The ISO 3166-1 alpha-2 codes Parley knows (data/countries.json) plus "EU". Kept apart from the
// country lexicon so that validating a config field does not build the whole lexicon.
import { readFileSync } from 'node:fs';

let codes: Set<string> | null = null;

function knownCodes(): Set<string> {
  if (!codes) {
    const records = JSON.parse(readFileSync(new URL('./data/countries.json', import.meta.url), 'utf8')) as Array<{ code: string }>;
    codes = new Set([...records.map((record) => record.code), 'EU']);
  }
  return codes;
}

/** True for an assigned ISO 3166-1 alpha-2 code ("UA", "XK") or "EU"; "XX" and "ua" are not. */
export function isCountryCode(code: string): boolean {
  return knownCodes().has(code);
}
