// Finding the spans of text that look like personal names: runs of capitalised words, with the
// title words in front peeled off ("Secretary of State Marco Rubio" gives "Marco Rubio") and
// organisation or place phrases rejected ("Zaporizhzhia Nuclear Power Plant").
import { countryFromWord } from '../geo/countries.ts';
import { NAME_LIKE_COUNTRIES } from '../geo/countryWords.ts';
import {
  HONORIFICS,
  NAME_PARTICLES,
  ROLE_HEADS,
  isCommonOnlyByLexicon,
  isCommonWord,
  isKnownFirstName,
  isTitleOrOrganisationWord,
} from './lexicon.ts';

export interface WordToken {
  /** The word without a possessive ending. */
  text: string;
  start: number;
  /** End of the word, possessive ending excluded. */
  end: number;
  /** The word carried "'s" or "’s". */
  possessive: boolean;
}

const WORD =
  /\p{Lu}(?:\.\p{Lu})+\.?|[\p{L}\p{M}][\p{L}\p{M}\p{N}]*(?:[-'\u2019](?:\p{Ll}[\p{L}\p{M}]*|\p{Lu}\p{Ll}[\p{L}\p{M}]*))*(?:['\u2019]s?)?\.?/gu;

/** Words with their offsets; "Trump's" is the word "Trump", marked possessive; "Mr." keeps its dot. */
export function wordTokens(text: string): WordToken[] {
  const out: WordToken[] = [];
  for (const m of text.matchAll(WORD)) {
    let word = m[0];
    const start = m.index;
    // A trailing dot belongs to the word only for abbreviations and initials ("Mr.", "J.", "U.S.").
    if (
      word.endsWith('.') &&
      !/^(?:\p{Lu}\.)+$|^\p{Lu}\.?$/u.test(word) &&
      !HONORIFICS.has(word.slice(0, -1)) &&
      !/^(?:\p{Lu}\.)+\p{Lu}?\.?$/u.test(word)
    ) {
      word = word.slice(0, -1);
    }
    let possessive = false;
    const poss = /['\u2019]s?$/u.exec(word);
    if (poss && word.length > poss[0].length + 1) {
      possessive = true;
      word = word.slice(0, -poss[0].length);
    }
    out.push({ text: word, start, end: start + word.length, possessive });
  }
  return out;
}

const isCapitalised = (w: string): boolean => /^\p{Lu}/u.test(w);

/** Junk from scraped pages glues words together ("UmerovSteve"); real names rarely look like that. */
function isGluedWord(w: string): boolean {
  if (!/\p{Ll}\p{Lu}/u.test(w)) return false;
  return !/^(?:Mc|Mac|O'|D'|De|Di|La|Le|Van|Von|Al-|El-)\p{Lu}/u.test(w);
}

/** A word that can be part of a personal name. */
const FUNCTION_WORDS = new Set([
  'And',
  'But',
  'Or',
  'Nor',
  'Yet',
  'So',
  'The',
  'A',
  'An',
  'In',
  'On',
  'At',
  'As',
  'If',
  'Then',
  'For',
  'To',
  'Of',
  'By',
  'With',
  'From',
  'While',
  'When',
  'After',
  'Before',
  'Meanwhile',
  'However',
  'Also',
  'Still',
  'Now',
  'Here',
  'There',
  'This',
  'That',
  'These',
  'Those',
  'His',
  'Her',
  'Their',
  'Its',
  'Our',
  'My',
  'Your',
  'We',
  'They',
  'He',
  'She',
  'It',
  'I',
  'You',
]);

/** Two-letter capitals that are abbreviations, not initials like "JD Vance". */
const NOT_INITIALS = new Set([
  'AP',
  'TV',
  'PM',
  'AM',
  'ID',
  'OK',
  'UN',
  'AI',
  'PR',
  'HQ',
  'IT',
  'EU',
  'US',
  'UK',
  'MP',
  'GP',
  'DC',
  'NY',
  'LA',
  'BC',
  'AD',
  'RT',
  'FT',
  'CN',
  'RU',
  'UA',
  'ET',
  'GMT',
  'UTC',
]);

/** Capitalised particles of Arabic names: "Al Thani", "Bin Zayed", "Abu Mazen". */
const CAPITALISED_PARTICLES = new Set(['Al', 'El', 'Bin', 'Ibn', 'Abu', 'Abd', 'Ould', 'Ben']);

/**
 * A surname carrying a lower-case Arabic article or particle: "al-Hayya", "el-Sisi", "bin-Laden".
 * It belongs to the name although it does not start with a capital.
 */
export function isParticleSurname(w: string): boolean {
  return /^(?:al|el|ad|ar|as|ash|at|az|an|ud|ul|bin|ibn|abu|abd)-\p{Lu}\p{Ll}/u.test(w);
}

/**
 * A short given name the lexicon reads as a function word ("He Lifeng", "Li Qiang", "An Ho"),
 * accepted only right after a title: "Vice Premier He Lifeng", "envoy Ma Zhaoxu".
 */
export function isShortGivenNameAfterTitle(word: string, wordBefore: string | undefined): boolean {
  if (wordBefore === undefined || !isTitleWord(wordBefore)) return false;
  return /^\p{Lu}\p{Ll}{0,2}$/u.test(word) && countryFromWord(word) === null;
}

/** A hyphenated capitalised word that is not a name: a title part, a country part, or ordinary words only. */
function isHyphenatedNonName(w: string): boolean {
  const parts = w.split('-').filter((p) => p.length > 0);
  const capital = (p: string): string => p[0]!.toUpperCase() + p.slice(1);
  if (parts.some((p) => isTitleOrOrganisationWord(capital(p)) || countryFromWord(capital(p)) !== null)) return true;
  const long = parts.filter((p) => p.length > 2 && !CAPITALISED_PARTICLES.has(capital(p)));
  return long.length > 0 && long.every((p) => isCommonWord(capital(p)));
}

export function isNameWord(w: string): boolean {
  if (CAPITALISED_PARTICLES.has(w)) return true;
  if (isParticleSurname(w)) return true;
  if (!isCapitalised(w) || w.length < 2) return false;
  if (/\d/.test(w)) return false;
  // Acronyms ("AFP", "ZNPP", "U.S.") are not names; two-letter initials ("JD Vance") may be.
  if (w === w.toUpperCase()) return /^\p{Lu}{2}$/u.test(w) && countryFromWord(w) === null && !NOT_INITIALS.has(w);
  if (isGluedWord(w)) return false;
  if (HONORIFICS.has(w.replace(/\.$/, ''))) return false;
  if (isPluralTitle(w)) return false;
  if (isCommonWord(w)) return false;
  if (countryFromWord(w) !== null && !NAME_LIKE_COUNTRIES.has(w)) return false;
  // "Secretary-General", "Vice-President", "Russia-Ukraine", "Long-Term": a hyphenated title,
  // pair of countries or phrase, unlike "Ramos-Horta" or "Jean-Noël" (one part a name).
  if (w.includes('-') && isHyphenatedNonName(w)) return false;
  return true;
}

export interface NameSpan {
  /** The name as written, honorifics and titles removed. */
  name: string;
  start: number;
  end: number;
  words: number;
  possessive: boolean;
  /** Index of the first token of the name in the token list. */
  firstToken: number;
  lastToken: number;
  /** A title or honorific stands right before the name ("President", "Mr."). */
  titled: boolean;
}

/** The gap between two tokens keeps them in one name: one space, no punctuation, no line break. */
function joined(text: string, a: WordToken, b: WordToken): boolean {
  if (a.possessive) return false;
  return /^ $/.test(text.slice(a.end, b.start));
}

/**
 * "Wang Yi, director of the Office of ...": a role appositive right after the run says the run is
 * a person's name, even where a sentence opens with it.
 */
export function introducedByRole(text: string, runEnd: number): boolean {
  const m = /^,\s+(?:(?:the|a|an)\s+)?((?:[\p{L}-]+\s+){0,3}?[\p{L}-]+)(?=\s+(?:of|to|for|at)\b|,)/u.exec(text.slice(runEnd, runEnd + 80));
  return m !== null && m[1]!.split(/\s+/).some((w) => ROLE_HEADS.has(w.toLowerCase()));
}

/**
 * The index of the surname after a nickname in double quotation marks that follows token `j`
 * ("Jorge “Tuto” Quiroga" gives the index of Quiroga), else -1. The nickname is one capitalised
 * word and the words around it are name words.
 */
export function nicknameBetween(text: string, tokens: readonly WordToken[], j: number): number {
  const open = /^ ["\u201c]$/;
  const close = /^["\u201d] $/;
  const a = tokens[j];
  if (!a || a.possessive || !isNameWord(a.text) || !open.test(text.slice(a.end, tokens[j + 1]?.start ?? a.end))) return -1;
  const nick = tokens[j + 1];
  const surname = tokens[j + 2];
  if (!nick || !surname || !isCapitalised(nick.text) || nick.possessive) return -1;
  return close.test(text.slice(nick.end, surname.start)) && isNameWord(surname.text) ? j + 2 : -1;
}

/**
 * An editor's bracket that opens before the run (at token `i`) and closes right after token `j`:
 * "[Russian President Vladimir] Putin" is Vladimir Putin.
 */
function bracketInsideName(text: string, tokens: readonly WordToken[], i: number, j: number): boolean {
  const a = tokens[j]!;
  const b = tokens[j + 1]!;
  if (a.possessive || !/^\] $/.test(text.slice(a.end, b.start))) return false;
  const lineStart = text.lastIndexOf('\n', tokens[i]!.start) + 1;
  const open = text.lastIndexOf('[', a.end);
  return open >= lineStart && open < tokens[i]!.start && !text.slice(open, a.end).includes(']');
}

/**
 * Capitalised runs turned into name candidates. A run may hold lower-case particles ("von der").
 * The name is the longest tail of the run made of name words; a trailing ordinary word is kept
 * after a known first name ("Theresa May").
 */
export function findNameSpans(text: string, tokens: WordToken[] = wordTokens(text)): NameSpan[] {
  const spans: NameSpan[] = [];
  let i = 0;
  while (i < tokens.length) {
    if (!isCapitalised(tokens[i]!.text) && !isParticleSurname(tokens[i]!.text)) {
      i++;
      continue;
    }
    // Extend the run.
    let j = i;
    const skipped = new Set<number>();
    for (;;) {
      // "Jorge “Tuto” Quiroga": a nickname in quotation marks stays out of the name.
      const nickname = nicknameBetween(text, tokens, j);
      if (nickname > 0) {
        skipped.add(j + 1);
        j = nickname;
        continue;
      }
      // "[Russian President Vladimir] Putin": an editor's bracket closed inside the name.
      if (j + 1 < tokens.length && bracketInsideName(text, tokens, i, j) && isCapitalised(tokens[j + 1]!.text)) {
        j++;
        continue;
      }
      if (!(j + 1 < tokens.length && joined(text, tokens[j]!, tokens[j + 1]!))) break;
      const next = tokens[j + 1]!.text;
      if (isCapitalised(next) || isParticleSurname(next)) {
        j++;
        continue;
      }
      // One or two lower-case particles before a capitalised word: "von der Leyen", "bin Salman".
      let p = j + 1;
      while (
        p < tokens.length &&
        p - j <= 2 &&
        NAME_PARTICLES.has(tokens[p]!.text) &&
        p + 1 < tokens.length &&
        joined(text, tokens[p]!, tokens[p + 1]!)
      )
        p++;
      if (p > j + 1 && p < tokens.length && isCapitalised(tokens[p]!.text)) j = p;
      else break;
    }
    // Longest tail of name words.
    let k = j;
    const last = tokens[j]!.text;
    const lastIsName =
      isNameWord(last) ||
      (j > i &&
        isKnownFirstName(tokens[j - 1]!.text) &&
        isCapitalised(last) &&
        !HONORIFICS.has(last) &&
        countryFromWord(last) === null &&
        last !== last.toUpperCase());
    if (lastIsName) {
      while (k - 1 >= i) {
        const prev = tokens[k - 1]!.text;
        // A given name the general lexicon calls a word ("Wang Yi", "Bill Burns"), not opening a sentence.
        const midSentence = k - 1 > 0 && !/[.!?\n"\u201c]\s*$/.test(text.slice(tokens[k - 2]!.end, tokens[k - 1]!.start));
        const titleBeforePrev =
          k - 2 >= 0 && /^ $/.test(text.slice(tokens[k - 2]!.end, tokens[k - 1]!.start)) ? tokens[k - 2]!.text : undefined;
        if (isNameWord(prev)) k--;
        else if (k === j && isShortGivenNameAfterTitle(prev, titleBeforePrev)) k--;
        else if (
          k === j &&
          !FUNCTION_WORDS.has(prev) &&
          (isKnownFirstName(prev) ||
            ((midSentence || introducedByRole(text, tokens[j]!.end)) &&
              isCommonOnlyByLexicon(prev) &&
              isCapitalised(prev) &&
              prev !== prev.toUpperCase() &&
              countryFromWord(prev) === null))
        )
          k--;
        else if (NAME_PARTICLES.has(prev) && k - 2 >= i && isNameWord(tokens[k - 2]!.text)) k -= 2;
        else if (NAME_PARTICLES.has(prev) && k - 3 >= i && NAME_PARTICLES.has(tokens[k - 2]!.text) && isNameWord(tokens[k - 3]!.text))
          k -= 3;
        else break;
      }
      // Keep at most four name words (six with particles: "Mohammed bin Abdulrahman Al Thani");
      // longer runs are headings, not names.
      if (skipped.has(k)) k++;
      const words = j - k + 1 - [...skipped].filter((t) => t > k && t < j).length;
      const particles = tokens.slice(k, j + 1).filter((t) => NAME_PARTICLES.has(t.text) || /^(?:Al|El|Bin|Ibn)$/.test(t.text)).length;
      if (words <= 4 + Math.min(particles, 2)) {
        const prevToken = k > 0 ? tokens[k - 1]! : null;
        const before = prevToken && /^\s+$/.test(text.slice(prevToken.end, tokens[k]!.start)) ? prevToken.text : '';
        const plain = /^[\p{L}\p{M}\p{N}.'\u2019 -]*$/u.test(text.slice(tokens[k]!.start, tokens[j]!.end));
        spans.push({
          name: plain
            ? text.slice(tokens[k]!.start, tokens[j]!.end)
            : tokens
                .slice(k, j + 1)
                .filter((_, x) => !skipped.has(k + x))
                .map((t) => t.text)
                .join(' '),
          start: tokens[k]!.start,
          end: tokens[j]!.end,
          words,
          possessive: tokens[j]!.possessive,
          firstToken: k,
          lastToken: j,
          titled: before !== '' && (HONORIFICS.has(before.replace(/\.$/, '')) || isTitleWord(before)),
        });
      }
    }
    i = j + 1;
  }
  return spans;
}

const TITLE_WORDS = new Set([
  'president',
  'senator',
  'sen',
  'minister',
  'chancellor',
  'premier',
  'secretary',
  'general',
  'envoy',
  'ambassador',
  'king',
  'queen',
  'prince',
  'princess',
  'pope',
  'governor',
  'mayor',
  'speaker',
  'representative',
  'rep',
  'gen',
  'lt',
  'colonel',
  'admiral',
  'commander',
  'sheikh',
  'emir',
  'sultan',
  'dictator',
  'leader',
  'aide',
  'adviser',
  'advisor',
  'negotiator',
  'counterpart',
  'chief',
  'head',
  'director',
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'businessman',
  'son-in-law',
  'official',
  'diplomat',
  'lawmaker',
  'congressman',
  'congresswoman',
  'judge',
]);

/** "Ministers", "Presidents", "Envoys": a plural title ("Foreign Ministers Lavrov and Kuleba") is never part of a name. */
export function isPluralTitle(word: string): boolean {
  const w = word.toLowerCase();
  return w.length > 3 && w.endsWith('s') && TITLE_WORDS.has(w.slice(0, -1));
}

export function isTitleWord(word: string): boolean {
  return TITLE_WORDS.has(word.toLowerCase().replace(/\.$/, ''));
}
