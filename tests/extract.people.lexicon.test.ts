// The people rules' word lists from compromise's lexicon are generated data
// (scripts/build-lexicon.ts): the committed file must be what the script builds from the installed
// compromise, and the rules must answer as a direct lookup in compromise's lexicon does.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compromiseLexicon, LEXICON_PATH, lexiconFileText, wordListsFromLexicon } from '../scripts/build-lexicon.ts';
import { isCommonWord, isKnownFirstName, NON_NAME_WORDS, ROLE_HEADS } from '../src/extract/people/lexicon.ts';

const lexicon = compromiseLexicon();
const tagsOf = (word: string): unknown[] => {
  const tag: unknown = lexicon[word];
  return Array.isArray(tag) ? tag : tag ? [tag] : [];
};
const NAME_TAGS = ['FirstName', 'MaleName', 'FemaleName', 'LastName', 'Person', 'ProperNoun', 'Honorific'];

describe('the generated lexicon', () => {
  it('is what scripts/build-lexicon.ts builds from the installed compromise (rerun it after updating compromise)', () => {
    expect(readFileSync(LEXICON_PATH, 'utf8')).toBe(lexiconFileText(wordListsFromLexicon(lexicon)));
  });

  it('answers as compromise does for every word it knows, in any case, and for words it does not', () => {
    const words = [...Object.keys(lexicon), 'constructor', 'Zzyzx', 'Parleyville', ''];
    const mismatches: string[] = [];
    for (const key of words) {
      for (const word of [key, key.charAt(0).toUpperCase() + key.slice(1), key.toUpperCase()]) {
        const lower = word.toLowerCase();
        const tags = tagsOf(lower);
        const firstName = tags.some((t) => t === 'FirstName' || t === 'MaleName' || t === 'FemaleName');
        const common =
          NON_NAME_WORDS.has(word) ||
          ROLE_HEADS.has(lower) ||
          (lexicon[lower] !== undefined && !tags.some((t) => NAME_TAGS.includes(t as string)));
        if (isKnownFirstName(word) !== firstName || isCommonWord(word) !== common) mismatches.push(word);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('knows first names and common words', () => {
    expect(isKnownFirstName('Lindsey')).toBe(true);
    expect(isKnownFirstName('Staff')).toBe(false);
    expect(isCommonWord('Power')).toBe(true);
    expect(isCommonWord('Lindsey')).toBe(false);
  });
});
