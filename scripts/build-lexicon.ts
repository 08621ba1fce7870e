// Builds src/extract/people/data/lexicon.json, the two word lists the people rules take from
// compromise's English lexicon (a dev package):
//   firstNames   words compromise tags as a first name ("steve", "lindsey")
//   commonWords  words it knows that carry no name tag at all ("power", "staff")
// Run: npx tsx scripts/build-lexicon.ts
// The output is committed, so compromise is not needed at run time and start-up does not pay for
// loading its whole model (about 0.25 s of CPU) to read two lists. tests/extract.people.lexicon.test.ts
// fails when the committed file no longer matches what this script builds.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const LEXICON_PATH = fileURLToPath(new URL('../src/extract/people/data/lexicon.json', import.meta.url));

const FIRST_NAME_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName']);
/** Tags that make a word possibly part of a name; a word with none of them is a common word. */
const NAME_TAGS = new Set([...FIRST_NAME_TAGS, 'LastName', 'Person', 'ProperNoun', 'Honorific']);

export interface WordLists {
  firstNames: string[];
  commonWords: string[];
}

type Lexicon = Record<string, string | string[]>;

/**
 * The lists from a compromise lexicon. The rules look words up in lower case, so only lower-case
 * entries can ever match. The lexicon used to be read as a plain object at run time, where an
 * inherited name ("constructor") counted as a word with no name tag; those names are classified
 * the same way here, so the generated lists answer exactly as the lexicon did.
 */
export function wordListsFromLexicon(lexicon: Lexicon): WordLists {
  const inherited = Object.getOwnPropertyNames(Object.prototype).filter((name) => name === name.toLowerCase());
  const words = [...new Set([...Object.keys(lexicon), ...inherited])].filter((word) => word === word.toLowerCase());
  const firstNames: string[] = [];
  const commonWords: string[] = [];
  for (const word of words.sort()) {
    const tag: unknown = lexicon[word];
    if (tag === undefined) continue;
    const tags = Array.isArray(tag) ? tag : [tag];
    if (tags.some((t) => FIRST_NAME_TAGS.has(t as string))) firstNames.push(word);
    if (!tags.some((t) => NAME_TAGS.has(t as string))) commonWords.push(word);
  }
  return { firstNames, commonWords };
}

export function compromiseLexicon(): Lexicon {
  const nlp = createRequire(import.meta.url)('compromise') as { model(): { one: { lexicon: Lexicon } } };
  return nlp.model().one.lexicon;
}

/** The file's text: one word per line, so a change to compromise shows as a readable diff of words. */
export function lexiconFileText(lists: WordLists): string {
  return `${JSON.stringify(lists, null, 1)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const lists = wordListsFromLexicon(compromiseLexicon());
  writeFileSync(LEXICON_PATH, lexiconFileText(lists));
  console.log(`${LEXICON_PATH}: ${lists.firstNames.length} first names, ${lists.commonWords.length} common words`);
}
