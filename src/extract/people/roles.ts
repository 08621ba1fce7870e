// Roles from the words around a name: a title in front ("Russian envoy Kirill Dmitriev",
// "Secretary of the National Security and Defense Council of Ukraine Rustem Umerov", "Trump's
// son-in-law Jared Kushner"), an appositive after it ("Yuri Ushakov, an aide to Vladimir Putin,")
// or a possessive appositive before it ("Putin's aide, Yuri Ushakov").
import type { CountryCode } from '../../domain/types.ts';
import { countryFromWord, findCountryMentions } from '../geo/countries.ts';
import { AGENCY_COUNTRIES, HONORIFICS, ROLE_HEADS, ROLE_MODIFIERS } from './lexicon.ts';
import type { WordToken } from './names.ts';

export interface RoleFinding {
  /** The role as written, nationality and determiners in front removed ("special envoy"). */
  role: string;
  /** Country named in the role by a nationality, country or institution word. */
  country: CountryCode | null;
  /** A person the role is relative to, as written: "Trump" in "Trump's son-in-law". */
  relativeTo: string | null;
  /** Offsets of the role phrase in the text. */
  start: number;
  end: number;
}

const CONNECTORS = new Set(['of', 'the', 'to', 'and', 'for', 'on']);
const CALENDAR_WORDS =
  /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Today|Yesterday|On|In|At|The|A|An|And|But|As|After|Before|Meanwhile|However|Also|Then|While|When|Despite|Although)$/;

const lower = (w: string): string => w.toLowerCase().replace(/\.$/, '');
// "Secretary-General", "Vice-Chancellor": a hyphenated title with a role word in it.
/** "Ministers" gives "Minister" when the singular is a role head ("Prime Ministers Modi and Sharif"), else null. */
export function singularRoleHead(w: string): string | null {
  const l = lower(w);
  if (ROLE_HEADS.has(l) || !l.endsWith('s')) return null;
  const singular = l.endsWith('ies') ? `${w.slice(0, -3)}y` : w.slice(0, -1);
  return ROLE_HEADS.has(lower(singular)) ? singular : null;
}
const isRoleHead = (w: string): boolean =>
  ROLE_HEADS.has(lower(w)) ||
  singularRoleHead(w) !== null ||
  (w.includes('-') &&
    !/-in-law$/i.test(w) &&
    lower(w)
      .split('-')
      .some((p) => ROLE_HEADS.has(p)));
const isModifier = (w: string): boolean => ROLE_MODIFIERS.has(lower(w));

const AGENCY_WORD = new RegExp(`(?<![\\p{L}])(${Object.keys(AGENCY_COUNTRIES).join('|')})(?![\\p{L}])`, 'u');

/** Country of a role phrase: the first nationality or institution word not used as a destination. */
export function roleCountry(phrase: string): CountryCode | null {
  for (const m of findCountryMentions(phrase)) {
    if (m.locative && m.kind !== 'institution') continue;
    if (/\b(?:envoy|ambassador|emissary|representative)\s+(?:to|for)\s+(?:the\s+)?$/i.test(phrase.slice(0, m.start))) continue;
    return m.code;
  }
  // "CIA Director", "Mossad chief": an agency that belongs to one country.
  const agency = AGENCY_WORD.exec(phrase);
  if (agency) return AGENCY_COUNTRIES[agency[1]!] as CountryCode;
  return unOfficial(phrase) ? 'UN' : null;
}

/**
 * "UN Secretary-General", "top U.N. aid official", "United Nations envoy for Syria": an official of
 * the United Nations, whose side is the UN. A national envoy "to the UN" is not one.
 */
export function unOfficial(phrase: string): boolean {
  const m = /(?<![\p{L}.])(?:UN|U\.N\.|United Nations)(?![\p{L}])/u.exec(phrase);
  if (!m) return false;
  return !/\b(?:to|at|before|with|in)\s+(?:the\s+)?$/i.test(phrase.slice(0, m.index));
}

function cleanRole(phrase: string): string {
  let role = phrase.trim().replace(/^(?:the|a|an|his|her|their|its|one of the|one of)\s+/i, '');
  // Nationality words in front belong to the country field: "Russian envoy" is an envoy.
  for (;;) {
    const m = findCountryMentions(role)[0];
    if (!m || m.start !== 0 || m.kind === 'institution') break;
    const rest = role
      .slice(m.end)
      .replace(/^['\u2019]s\b/, '')
      .trim();
    if (rest.length === 0) break;
    role = rest;
  }
  // "Foreign Minister Sheikh Mohammed ...": the honorific before the name is not part of the office.
  role = role.replace(/[\s,]+$/, '').replace(/(?<=\S)\s+(?:Sheikh|Sheikha|Sir|Dame|Lord|Lady|Cardinal)$/u, '');
  // One person holds one office: "Prime Ministers Modi and Sharif" gives each a "Prime Minister".
  return role.replace(/\S+$/, (w) => singularRoleHead(w) ?? w);
}

/**
 * The title in front of the name whose first token is `nameToken`: walks back over role words,
 * capitalised title words, connectors and nationality words, and stops at a possessor
 * ("Trump's"), a comma or any other word.
 */
export function titleBefore(
  text: string,
  tokens: WordToken[],
  nameToken: number,
  nameTokens: ReadonlySet<number> = new Set(),
): RoleFinding | null {
  let k = nameToken - 1;
  let relativeTo: string | null = null;
  let first = -1;
  let sawHead = false;
  const capital = (i: number): boolean =>
    i >= 0 && i < tokens.length && /^\p{Lu}/u.test(tokens[i]!.text) && !CALENDAR_WORDS.test(tokens[i]!.text);
  while (k >= 0) {
    const t = tokens[k]!;
    const next = tokens[k + 1]!;
    const possessiveEnd = t.possessive ? (/^['\u2019]s?/u.exec(text.slice(t.end))?.[0].length ?? 0) : 0;
    const gap = text.slice(t.end + possessiveEnd, next.start);
    // Titles do not run across lines: "White House\n\nPresident Donald Trump".
    if (!/^[ \t\u00a0]+$/.test(gap)) break;
    const w = t.text;
    if (HONORIFICS.has(w.replace(/\.$/, '')) && k === nameToken - 1) {
      k--;
      continue;
    }
    if (t.possessive) {
      // "Trump's envoy": the possessor ends the title. "Ukraine's chief negotiator": a country.
      if (!sawHead) break;
      let p = k;
      while (
        p - 1 >= 0 &&
        capital(p - 1) &&
        /^ $/.test(text.slice(tokens[p - 1]!.end, tokens[p]!.start)) &&
        !isRoleHead(tokens[p - 1]!.text)
      )
        p--;
      const possessor = text.slice(tokens[p]!.start, t.end);
      const country = findCountryMentions(possessor)[0];
      if (!(country && country.start === 0 && country.end === possessor.length)) relativeTo = possessor;
      first = k;
      break;
    }
    if (nameTokens.has(k)) break; // another person's name: "Steve Witkoff and Jared Kushner"
    if (isRoleHead(w)) {
      sawHead = true;
      first = k;
    } else if (isModifier(w) || capital(k)) {
      first = k;
    } else if (CONNECTORS.has(w)) {
      // Only inside a capitalised title: "Secretary of State", "Envoy to the Middle East".
      const forwardOk = capital(k + 1) || (tokens[k + 1]?.text === 'the' && capital(k + 2));
      const backwardOk = w === 'the' ? ['of', 'to', 'for'].includes(tokens[k - 1]?.text ?? '') : capital(k - 1);
      if (!forwardOk || !backwardOk) break;
    } else break;
    k--;
  }
  if (first < 0 || !sawHead) return null;
  // Trim leading words that are neither roles, modifiers, possessors nor nationality words.
  let s = first;
  const meaningful = (i: number): boolean => {
    const w = tokens[i]!.text;
    if (isRoleHead(w) || isModifier(w) || tokens[i]!.possessive || countryFromWord(w) !== null) return true;
    // "North Korean leader": a country written in two words, kept whole so "Korean" alone does not decide.
    if (findCountryMentions(text.slice(tokens[i]!.start, end))[0]?.start === 0) return true;
    // "Commerce Secretary", "Mossad chief": a capitalised department or agency naming the office.
    return (
      capital(i) && i + 1 < nameToken && isRoleHead(tokens[i + 1]!.text) && /^ $/.test(text.slice(tokens[i]!.end, tokens[i + 1]!.start))
    );
  };
  const end = tokens[nameToken - 1]!.end;
  while (s < nameToken && !meaningful(s)) s++;
  if (s >= nameToken) return null;
  const start = tokens[s]!.start;
  const phrase = text.slice(start, end).replace(/\s+(?:Mr|Mrs|Ms|Dr)\.?$/u, '');
  const country = relativeTo && tokens[s]!.possessive ? null : roleCountry(phrase);
  const role = cleanRole(phrase);
  if (!/[\p{L}]/u.test(role)) return null;
  return { role, country, relativeTo, start, end };
}

const APPOSITIVE =
  /^,\s+((?:(?:the|a|an|one of the|his|her)\s+)?[^,.;:()"\u201c\u201d\[\]]{2,110}?)\s*(?=,|\.(?:\s|$)|;|\)|$|\s+(?:said|says|told|tells|announced|wrote|added|stated|noted|confirmed|warned|stressed))/u;

/** An appositive role after the name: ", chief of Ukraine's General Staff", ", an aide to Vladimir Putin,". */
export function appositiveAfter(text: string, nameEnd: number): RoleFinding | null {
  // Honorific dots would end the phrase early: "Jared Kushner, Mr. Trump's son-in-law,".
  const window = text.slice(nameEnd, nameEnd + 160).replace(/\b(Mr|Mrs|Ms|Dr)\./g, '$1 ');
  const after = window.replace(/^['\u2019]s?(?=,)/u, '');
  const offset = window.length - after.length;
  const m = APPOSITIVE.exec(after);
  if (!m) return null;
  const phrase = m[1]!;
  if (
    /^(?:who|which|that|whose|where|when|and|but|in|on|at|as|said|says|told|has|had|is|was|will|while|whereas|although|though|after|before|because|since|if|so|then|with|without|for|to|from|by|even|despite|during|adding|saying)\b/i.test(
      phrase,
    )
  )
    return null;
  // "Keir Starmer, hosted European leaders": a past-tense verb opens a predicate, not an appositive.
  if (/^\p{Ll}+ed\b/u.test(phrase) && !/^(?:designated|elected|appointed|named)\b/.test(phrase)) return null;
  const words = phrase.split(/\s+/);
  const headAt = words.slice(0, 5).findIndex((w) => isRoleHead(w.replace(/['\u2019]s$/, '')) || /-in-law$/.test(w));
  if (headAt < 0) return null;
  const start = nameEnd + offset + m[0].indexOf(phrase);
  const possessor = /^(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?((?:\p{Lu}[\p{L}\-]+\s+){0,2}\p{Lu}[\p{L}\-]+)['\u2019]s\s/u.exec(
    phrase.replace(/^(?:the|a|an|his|her)\s+/i, ''),
  );
  let relativeTo: string | null = null;
  if (possessor && findCountryMentions(possessor[1]!).length === 0) relativeTo = possessor[1]!;
  // "an aide to Vladimir Putin", "a special representative of the Russian dictator Vladimir Putin"
  const relative =
    /\b(?:to|of|for)\s+(?:the\s+)?(?:[\p{Ll}\-]+\s+|\p{Lu}[\p{L}]+\s+(?=\p{Ll}))*?((?:\p{Lu}[\p{L}\-]+\s+){0,2}\p{Lu}[\p{L}\-]+)\s*$/u.exec(
      phrase,
    );
  if (!relativeTo && relative && findCountryMentions(relative[1]!).length === 0) relativeTo = relative[1]!;
  return {
    role: cleanRole(text.slice(start, start + phrase.length)),
    country: roleCountry(phrase),
    relativeTo,
    start,
    end: start + phrase.length,
  };
}

/** "Russian President Vladimir Putin's aide, Yuri Ushakov": a role before the name, set off by a comma. */
export function possessiveAppositiveBefore(text: string, nameStart: number): RoleFinding | null {
  const before = text.slice(Math.max(0, nameStart - 120), nameStart);
  // "Trump's special envoy for Ukraine, Keith Kellogg", "America's top general in Europe, X": a complement may follow.
  const m =
    /((?:\p{Lu}[\p{L}\-]+\.?\s+){0,3}\p{Lu}[\p{L}\-]+)['\u2019]s\s+((?:[\p{Ll}\-]+\s+){0,3}[\p{Ll}\-]+(?:\s+(?:for|to|in|on|at)\s+(?:the\s+)?\p{Lu}[\p{L}\-]+(?:\s+\p{Lu}[\p{L}\-]+){0,2})?),\s+$/u.exec(
      before,
    );
  if (!m) return null;
  const roleWords = m[2]!.split(/\s+/);
  // "Putin's aide", "Zelensky's chief of staff"
  if (!roleWords.slice(0, 4).some((w) => isRoleHead(w))) return null;
  const start = nameStart - before.length + m.index;
  // The possessor may itself carry a title ("Russian President Vladimir Putin"): keep its last name words.
  const possessorWords = m[1]!
    .split(/\s+/)
    .filter((w) => !isRoleHead(w) && !HONORIFICS.has(w.replace(/\.$/, '')) && findCountryMentions(w).length === 0);
  // "Ukraine's president, Volodymyr Zelensky": the possessor is a country.
  const possessorCountry = findCountryMentions(m[1]!).find((c) => c.end === m[1]!.length)?.code ?? null;
  return {
    role: cleanRole(m[2]!),
    country: possessorCountry,
    relativeTo: possessorCountry ? null : possessorWords.join(' ') || null,
    start,
    end: nameStart - before.length + m.index + m[0].length,
  };
}

// Words that open a clause, so a phrase holding them is a predicate, not a title.
const CLAUSE_WORDS =
  /\b(?:who|which|that|was|were|is|are|has|had|have|will|would|said|says|told|when|while|after|before|but|because|if)\b/i;
const DETERMINER = /\b(?:[Tt]he|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)\s+/gu;

/**
 * A role set off by a comma before the name, opened by "the" or a possessive pronoun: "The British
 * prime minister, Keir Starmer,", "the head of the Russian delegation, Vladimir Medinsky", "the
 * Prime Minister of Qatar, Mohammed ...;", "Its director of events, Helen Dubuc,". The head noun
 * stands among the first five words, after modifiers only, and a complement with of/for/to/in may
 * follow it. `checkAfter` false reads a role before another role ("The head of the delegation,
 * advisor to the president, X").
 */
export function theRoleBefore(text: string, nameStart: number, nameEnd: number, checkAfter = true): RoleFinding | null {
  if (checkAfter && !/^\s*(?:[,;]|\.(?:\s|$))/.test(text.slice(nameEnd, nameEnd + 3))) return null;
  const before = text.slice(Math.max(0, nameStart - 130), nameStart);
  const comma = /,\s+$/.exec(before);
  if (!comma) return null;
  const head = before.slice(0, comma.index);
  const clauseStart = Math.max(...[...head.matchAll(/[,;:.!?()\n\u201c\u201d"]/g)].map((m) => m.index + 1), 0);
  for (const d of head.slice(clauseStart).matchAll(DETERMINER)) {
    const phraseStart = clauseStart + d.index + d[0].length;
    const phrase = head.slice(phraseStart).trim();
    if (phrase.length < 2 || CLAUSE_WORDS.test(phrase)) continue;
    const words = phrase.split(/\s+/);
    const headAt = words.slice(0, 5).findIndex((w) => isRoleHead(w));
    if (headAt < 0) continue;
    // Before the head only modifiers, nationality words and adjectives; after it a complement.
    const lead = words.slice(0, headAt);
    if (!lead.every((w) => isModifier(w) || countryFromWord(w) !== null || /^\p{Ll}[\p{Ll}-]*$/u.test(w))) continue;
    const tail = words.slice(headAt + 1);
    if (tail.length > 0 && !/^(?:of|for|to|in|at|on)$/.test(tail[0]!) && !tail.every((w) => isRoleHead(w) || isModifier(w))) continue;
    let start = nameStart - before.length + phraseStart;
    let role = phrase;
    // "advisor to the dictator, X": the role is the relation, not the person it is relative to.
    const relation = /((?:[\p{Ll}-]+\s+){0,2}[\p{L}-]+)\s+(?:to|of|for)\s+$/u.exec(head.slice(clauseStart, clauseStart + d.index));
    if (relation && isRoleHead(relation[1]!.split(/\s+/).at(-1)!)) {
      start = nameStart - before.length + clauseStart + relation.index;
      role = text.slice(start, nameStart - before.length + comma.index);
    }
    return { role: cleanRole(role), country: roleCountry(role), relativeTo: null, start, end: start + role.length };
  }
  return null;
}

/**
 * "Prime Minister Benjamin Netanyahu of Israel", "President William Ruto of Kenya": the country
 * written after the name with "of".
 */
export function ofCountryAfter(text: string, nameEnd: number): RoleFinding | null {
  const m = /^\s+of\s+(?:the\s+)?/.exec(text.slice(nameEnd, nameEnd + 12));
  if (!m) return null;
  const at = nameEnd + m[0].length;
  const rest = text.slice(at, at + 60);
  const c = findCountryMentions(rest)[0];
  if (!c || c.start !== 0 || c.kind === 'demonym' || c.kind === 'capital') return null;
  // "of Israel Defense Forces": a capitalised word after it makes the country part of a name.
  if (/^[ -]+\p{Lu}/u.test(rest.slice(c.end))) return null;
  return { role: '', country: c.code, relativeTo: null, start: at, end: at + c.end };
}

const ROLE_CONNECTORS = new Set(['of', 'the', 'for', 'and', 'on', 'to']);

/**
 * A country's office set off by a comma before the name (or before the name's own rank):
 * "Pakistan's Director General of Military Operations, Major General Kashif Abdullah",
 * "his Indian counterpart, Lieutenant General Rajiv Ghai". `at` is where the rank or name starts.
 */
export function countryRoleAcrossComma(text: string, at: number): RoleFinding | null {
  const before = text.slice(Math.max(0, at - 160), at);
  const comma = /,\s+$/.exec(before);
  if (!comma) return null;
  const offset = at - before.length;
  const head = before.slice(0, comma.index);
  // Only the clause the appositive belongs to: after the last sentence mark, bracket or comma.
  const clauseStart = Math.max(...[...head.matchAll(/[,;:.!?()\n\u201c\u201d"]/g)].map((m) => m.index + 1), 0);
  const clause = head.slice(clauseStart);
  // "Like the Russian president, Trump wants a deal": a comparison or an adverbial, not an appositive.
  if (
    /^\s*(?:like|unlike|than|despite|after|before|with|without|while|against|besides?|alongside|about|for|to|from|by|meeting)\b/i.test(
      clause,
    )
  )
    return null;
  const mentions = findCountryMentions(clause).filter((m) => !m.locative || m.kind === 'institution');
  for (const m of mentions.reverse()) {
    const rest = clause.slice(m.end).replace(/^['\u2019]s?\b/u, '');
    const words = rest.trim().split(/\s+/).filter(Boolean);
    if (words.length === 0 || words.length > 8) continue;
    // Office words only; after "of"/"for" any capitalised department ("of Military Operations").
    // A possessive or a name inside ("President Vladimir Putin's aide") is another construction.
    // "Australia's Ambassador to China, X" as well as "of Military Operations".
    const ofAt = words.findIndex((w) => w === 'of' || w === 'for' || w === 'to' || w === 'in');
    const roleLike = words.every(
      (w, i) =>
        !/['\u2019]s?$/u.test(w) &&
        (isRoleHead(w) || isModifier(w) || ROLE_CONNECTORS.has(w) || (ofAt >= 0 && i > ofAt && /^\p{Lu}/u.test(w))),
    );
    if (!roleLike || !words.some((w) => isRoleHead(w)) || ROLE_CONNECTORS.has(words.at(-1)!)) continue;
    const start = offset + clauseStart + m.end + (rest.length - rest.trimStart().length) + (clause.slice(m.end).length - rest.length);
    return { role: words.join(' '), country: m.code, relativeTo: null, start, end: offset + comma.index };
  }
  return null;
}

/**
 * A plural title before the first of coordinated names is each one's: "Prime Ministers Narendra
 * Modi and Shehbaz Sharif". `firstNameToken` is the first token of the list's first name.
 */
export function pluralTitleOfList(
  text: string,
  tokens: WordToken[],
  firstNameToken: number,
  nameTokens: ReadonlySet<number> = new Set(),
): RoleFinding | null {
  const title = titleBefore(text, tokens, firstNameToken, nameTokens);
  if (!title) return null;
  const lastWord = text.slice(title.start, title.end).trim().split(/\s+/).at(-1)!;
  return singularRoleHead(lastWord) !== null ? title : null;
}
