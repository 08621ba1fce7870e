// The people of one article: name mentions grouped into persons (a full name and its later bare
// surname are one person), with the role and country the article gives them. Configured people
// are hints: their aliases are found even as bare surnames and they fill a missing role or
// country, but nothing depends on them.
import type { CountryCode, ExtractedPerson } from '../../domain/types.ts';
import type { KnownPerson } from '../../config/schema.ts';
import { countryFromWord, findCountryMentions } from '../geo/countries.ts';
import { findPlaces } from '../geo/places.ts';
import { DELEGATE_HEADS, NAME_PARTICLES, NEWS_OUTLET_NAMES, NEWS_OUTLETS, ROLE_HEADS } from './lexicon.ts';
import { namesMatch, normalizeName } from './nameMatch.ts';
import { findNameSpans, wordTokens, type NameSpan, type WordToken } from './names.ts';
import { MOVEMENTS, afterLocativePreposition, coordinatedWithCountry } from './notPeople.ts';
import {
  articleCountryPair,
  bothCountriesBefore,
  congoOfArticle,
  countriesNamedIn,
  countryInArticle,
  countryOfTitle,
} from './titleCountries.ts';
import { companionAfter, ministryCountry, singleCountryOfArticle, singleHolderClash, teamListCountry } from './teamCountry.ts';
import {
  appositiveAfter,
  countryRoleAcrossComma,
  ofCountryAfter,
  pluralTitleOfList,
  possessiveAppositiveBefore,
  theRoleBefore,
  titleBefore,
  type RoleFinding,
} from './roles.ts';

export interface PersonMention {
  key: string;
  start: number;
  end: number;
  surface: string;
  possessive: boolean;
}

export interface PeopleInArticle {
  people: ExtractedPerson[];
  /** Every mention, in text order. */
  mentions: PersonMention[];
  /** Role phrases found per person key, used to resolve "the president said". */
  roles: Map<string, RoleFinding[]>;
  /** People the article describes as negotiators, envoys or delegation members. */
  delegates: Set<string>;
  /** Per person key, the rule that gave the country and where in the text it read it (for diagnostics). */
  countryEvidence: Map<string, CountryEvidence>;
}

export interface CountryEvidence {
  rule: string;
  /** Offset of the words the rule read. */
  at: number;
}

interface Cluster {
  key: string;
  names: string[];
  spans: NameSpan[];
  known: KnownPerson | null;
  roles: RoleFinding[];
}

// Nouns that, after "X's", say X is a person ("Trump's son-in-law", "Putin's envoy").
const PERSONAL_POSSESSIONS =
  /^\s*(?:\p{Ll}+\s+){0,2}(?:son-in-law|daughter-in-law|son|daughter|wife|husband|envoy|envoys|aide|aides|adviser|advisers|advisor|advisors|spokesman|spokeswoman|spokesperson|chief of staff|administration|statement|remarks|comments|office|team|lawyer|representative|special representative|press secretary|campaign|government)\b/u;

// "Fidan said", "Kallas told reporters": only people say and tell (news outlets aside).
const SPEAKS_AFTER =
  /^\s+(?:(?:has|had|have|will|would|also|later|then|never|reportedly)\s+)?(?:said|says|told|tells|added|adds|wrote|stressed|insisted|noted|argued|warned|replied|recalled|admitted|explained|met|meets|meet|spoke|speaks|talked|phoned|called|hosted|hosts|visited|visits|travelled|traveled|arrived|signed|urged|declined|refused|agreed|proposed|offered)\b/;
// "spoke with Putin", "met Zelensky": the other party of a meeting verb.
const MET_BEFORE = /\b(?:met|meet|meets|meeting|spoke|speak|talked|phoned|called|hosted|host|hosts|call|talks|summit)\s+(?:with\s+)?$/;

function hasPersonEvidence(text: string, span: NameSpan): boolean {
  if (span.titled) return true;
  if (NEWS_OUTLETS.has(span.name)) return false;
  if (!span.possessive && SPEAKS_AFTER.test(text.slice(span.end, span.end + 40))) return true;
  if (MET_BEFORE.test(text.slice(Math.max(0, span.start - 20), span.start))) return true;
  // "Kallas: "..."" at the start of a line or sentence.
  if (
    /^:\s*["\u201c'\u2018]/.test(text.slice(span.end, span.end + 4)) &&
    /(?:^|[\n.!?]\s*)$/.test(text.slice(Math.max(0, span.start - 3), span.start))
  )
    return true;
  if (span.possessive && PERSONAL_POSSESSIONS.test(text.slice(span.end).replace(/^['\u2019]s?/u, ''))) return true;
  return titledAppositive(text, span);
}

/**
 * "Former Deputy Foreign Minister of Russia, Gatilov, answered": a lone name set off by commas
 * right after an office (its head noun last, or followed by "of" and a capitalised name).
 */
export function titledAppositive(text: string, span: Pick<NameSpan, 'start' | 'end'>): boolean {
  if (!/^\s*,/.test(text.slice(span.end, span.end + 3))) return false;
  const m = /([\p{L}-]+)(?:\s+of\s+(?:the\s+)?(?:\p{Lu}[\p{L}-]*\s+){0,2}\p{Lu}[\p{L}-]*)?,\s+$/u.exec(
    text.slice(Math.max(0, span.start - 80), span.start),
  );
  return m !== null && ROLE_HEADS.has(m[1]!.toLowerCase());
}

function knownFor(name: string, people: KnownPerson[]): KnownPerson | null {
  for (const p of people) {
    if ([p.name, ...p.aliases].some((n) => normalizeName(n) === normalizeName(name))) return p;
  }
  for (const p of people) if ([p.name, ...p.aliases].some((n) => namesMatch(n, name))) return p;
  return null;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Mentions of configured names the capitalised-run finder missed (e.g. inside a title run). */
function knownNameSpans(text: string, tokens: WordToken[], people: KnownPerson[]): NameSpan[] {
  const spans: NameSpan[] = [];
  for (const p of people) {
    for (const n of [p.name, ...p.aliases]) {
      const re = new RegExp(`(?<![\\p{L}\\p{M}])${escapeRegExp(n)}(?![\\p{L}\\p{M}])`, 'gu');
      for (const m of text.matchAll(re)) {
        const firstToken = tokens.findIndex((t) => t.start === m.index);
        const lastToken = tokens.findIndex((t) => t.end === m.index + m[0].length);
        if (firstToken < 0 || lastToken < 0) continue;
        spans.push({
          name: m[0],
          start: m.index,
          end: m.index + m[0].length,
          words: lastToken - firstToken + 1,
          possessive: tokens[lastToken]!.possessive,
          firstToken,
          lastToken,
          titled: true,
        });
      }
    }
  }
  return spans;
}

/**
 * An appositive that names another person in its own right ("Macron, British Prime Minister Keir
 * Starmer and ...") is a list of people, not a role; "an aide to Vladimir Putin" is a role.
 */
function listsAnotherPerson(text: string, role: RoleFinding, self: NameSpan, spans: readonly NameSpan[]): boolean {
  return spans.some(
    (s) =>
      s !== self &&
      s.start > role.start &&
      s.start < role.end &&
      !/\b(?:to|of|for|under)\s+(?:the\s+)?(?:[\p{L}.'\u2019-]+\s+){0,4}$/u.test(text.slice(role.start, s.start)),
  );
}

function rolesAround(
  text: string,
  tokens: WordToken[],
  span: NameSpan,
  nameTokens: ReadonlySet<number>,
  spans: readonly NameSpan[] = [],
): RoleFinding[] {
  const found: RoleFinding[] = [];
  // "Ukraine's Zelensky", "Kremlin's Peskov": a country possessive right before the name.
  const prev = span.firstToken > 0 ? tokens[span.firstToken - 1]! : null;
  if (prev?.possessive && /^['\u2019]s?\s+$/u.test(text.slice(prev.end, span.start))) {
    const code = countryFromWord(prev.text);
    if (code) found.push({ role: '', country: code, relativeTo: null, start: prev.start, end: span.start });
  }
  const before = titleBefore(text, tokens, span.firstToken, nameTokens);
  if (before) found.push(before);
  // "the Minister of Intelligence of Egypt, General Abbas Kamel": the office before the rank.
  const rankOnly = before !== null && before.role.split(/\s+/).length <= 2 && /^\s*,?\s*$/.test(text.slice(before.end, span.start));
  if (rankOnly) {
    const office = theRoleBefore(text, before.start, span.end);
    if (office) found.push(office);
  }
  if (!before) {
    const poss = possessiveAppositiveBefore(text, span.start) ?? theRoleBefore(text, span.start, span.end);
    if (poss) found.push(poss);
    // "The head of the delegation, adviser to the president, X": a second role before the first.
    const earlier = poss ? theRoleBefore(text, poss.start, poss.start, false) : null;
    if (earlier && earlier.end < poss!.start) found.push(earlier);
  }
  // "Prime Ministers Narendra Modi and Shehbaz Sharif": the list's plural title is Sharif's too.
  if (!before) {
    let first: NameSpan = span;
    for (
      let i = spans.indexOf(span) - 1;
      i >= 0 && /^(?:,|,?\s+and)\s+$/.test(text.slice(spans[i]!.end, first.start)) && !spans[i]!.possessive;
      i--
    )
      first = spans[i]!;
    const shared = first !== span ? pluralTitleOfList(text, tokens, first.firstToken, nameTokens) : null;
    if (shared) found.push(shared);
  }
  // "Pakistan's Director General of Military Operations, Major General Kashif Abdullah"
  const acrossComma = countryRoleAcrossComma(text, before?.start ?? span.start);
  if (acrossComma) found.push(acrossComma);
  if (!span.possessive) {
    const after = appositiveAfter(text, span.end);
    if (after && !listsAnotherPerson(text, after, span, spans)) found.push(after);
    const of = ofCountryAfter(text, span.end);
    if (of) found.push(of);
  }
  return found;
}

/** Longer, more specific roles first; a role that names an office beats a bare relation. */
function roleSpecificity(r: RoleFinding): number {
  const words = r.role.split(/\s+/).length;
  return Math.min(words, 10) + (/\b(?:president|secretary|minister|chancellor|director|senator|chief|head)\b/i.test(r.role) ? 3 : 0);
}

/** The most specific role phrase found for a person. */
function bestRole(c: Cluster): RoleFinding | undefined {
  return c.roles.filter((r) => r.role.length > 0).sort((a, b) => roleSpecificity(b) - roleSpecificity(a))[0];
}

function mostCommon<T>(xs: T[]): T | null {
  const counts = new Map<T, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  let best: T | null = null;
  let bestCount = 0;
  for (const [x, c] of counts) if (c > bestCount) [best, bestCount] = [x, c];
  return best;
}

export function extractPeople(text: string, known: KnownPerson[]): PeopleInArticle {
  const tokens = wordTokens(text);
  const found = findNameSpans(text, tokens);
  const knownSpans = knownNameSpans(text, tokens, known);
  // Known-name spans fill gaps; a found span overlapping one is kept when longer.
  // "Abu Dhabi", "Santa Clara": a capitalised run that is a known place is not a person.
  const placeSpans = findPlaces(text, []);
  const spans = found.filter((s) => !placeSpans.some((p) => p.start <= s.start && p.end >= s.end) && !NEWS_OUTLET_NAMES.has(s.name));
  for (const ks of knownSpans) {
    const overlap = spans.findIndex((s) => s.start < ks.end && ks.start < s.end);
    if (overlap < 0) spans.push(ks);
    else if (spans[overlap]!.end - spans[overlap]!.start < ks.end - ks.start) spans[overlap] = ks;
  }
  spans.sort((a, b) => a.start - b.start);

  const clusters: Cluster[] = [];
  const spanCluster = new Map<NameSpan, Cluster>();
  const newCluster = (span: NameSpan, k: KnownPerson | null): Cluster => {
    const c: Cluster = { key: `p${clusters.length + 1}`, names: [span.name], spans: [span], known: k, roles: [] };
    clusters.push(c);
    spanCluster.set(span, c);
    return c;
  };
  // Full names first, in text order, so bare surnames anywhere can attach to them.
  for (const span of spans.filter((s) => s.words >= 2)) {
    const k = knownFor(span.name, known);
    const c = clusters.find((x) => x.names.some((n) => namesMatch(n, span.name)) || (k !== null && x.known === k));
    if (c) {
      c.spans.push(span);
      if (!c.names.includes(span.name)) c.names.push(span.name);
      spanCluster.set(span, c);
    } else newCluster(span, k);
  }
  const singles = spans.filter((s) => s.words === 1);
  // "Hamas said", "Israel and Hamas agreed": a movement or a party named beside a country.
  const isOrganisation = (span: NameSpan): boolean =>
    !span.titled && (MOVEMENTS.has(span.name) || coordinatedWithCountry(text, span.start, span.end));
  const accepted = new Set<NameSpan>(spans.filter((s) => s.words >= 2));
  // "Rubio and Lavrov held a call": a bare name joined by "and" to a person is a person.
  const coordinated = (span: NameSpan): boolean =>
    [...accepted].some((o) => /^\s+and\s+$/.test(text.slice(span.end, o.start)) || /^\s+and\s+$/.test(text.slice(o.end, span.start)));
  // "Anwar says" after "Anwar Ibrahim", "Lula said" after "Luiz Inácio Lula da Silva": Malay,
  // Thai, Arabic and Brazilian usage names a person by a given name or a middle name. A lone word
  // that is a non-final word of exactly one full name, and no one's surname.
  const byGivenName = (word: string): Cluster | undefined => {
    const key = normalizeName(word);
    const nonFinal = (n: string): string[] =>
      n
        .split(/\s+/)
        .slice(0, -1)
        .filter((w) => w.length >= 3 && !NAME_PARTICLES.has(w));
    const first = clusters.filter((x) => x.names.some((n) => nonFinal(n).some((w) => normalizeName(w) === key)));
    const surname = clusters.some((x) => x.names.some((n) => normalizeName(n.split(/\s+/).at(-1)!) === normalizeName(word)));
    return first.length === 1 && !surname ? first[0] : undefined;
  };
  for (const span of singles) {
    const k = knownFor(span.name, known);
    const candidates = clusters.filter((x) => x.names.some((n) => namesMatch(n, span.name)) || (k !== null && x.known === k));
    let c: Cluster | undefined;
    if (candidates.length === 0) c = byGivenName(span.name);
    else if (candidates.length === 1) c = candidates[0];
    else if (candidates.length > 1) {
      // Several people share the surname: the one mentioned last before this point.
      c = candidates
        .map((x) => ({ x, last: Math.max(-1, ...x.spans.filter((s) => s.start < span.start).map((s) => s.start)) }))
        .sort((a, b) => b.last - a.last)[0]!.x;
    }
    if (c) {
      c.spans.push(span);
      if (!c.names.includes(span.name)) c.names.push(span.name);
      spanCluster.set(span, c);
      accepted.add(span);
    } else if (k !== null || (hasPersonEvidence(text, span) && !isOrganisation(span))) {
      newCluster(span, k);
      accepted.add(span);
    }
  }
  // A second look for bare names coordinated with a person accepted above.
  for (const span of singles) {
    if (accepted.has(span) || !coordinated(span) || NEWS_OUTLETS.has(span.name) || isOrganisation(span)) continue;
    const existing = clusters.find((x) => x.names.some((n) => namesMatch(n, span.name)));
    if (existing) {
      existing.spans.push(span);
      spanCluster.set(span, existing);
    } else newCluster(span, null);
    accepted.add(span);
  }

  // "arrived at Seri Perdana": a name that only ever stands where a place goes, with nothing
  // personal said of it, is a venue.
  // A copy: venues are spliced out of clusters inside the loop.
  // oxlint-disable-next-line unicorn/no-useless-spread
  for (const c of [...clusters]) {
    const venueLike = (sp: NameSpan): boolean =>
      !sp.titled &&
      !sp.possessive &&
      afterLocativePreposition(text, sp.start) &&
      !hasPersonEvidence(text, sp) &&
      !/^,\s+(?:who|whose)\b/.test(text.slice(sp.end, sp.end + 10)) &&
      appositiveAfter(text, sp.end) === null;
    if (c.known || !c.spans.every(venueLike)) continue;
    clusters.splice(clusters.indexOf(c), 1);
    for (const sp of c.spans) spanCluster.delete(sp);
  }

  const nameTokens = new Set<number>();
  for (const c of clusters) for (const span of c.spans) for (let t = span.firstToken; t <= span.lastToken; t++) nameTokens.add(t);
  for (const c of clusters) for (const span of c.spans) c.roles.push(...rolesAround(text, tokens, span, nameTokens, spans));

  // Countries: the role's own nationality, else the country of the person the role is relative to
  // ("Trump's son-in-law"), else the configured hint.
  const countryOf = new Map<string, CountryCode | null>();
  const clusterByName = (name: string): Cluster | undefined => clusters.find((x) => x.names.some((n) => namesMatch(n, name)));
  const ownCountry = (c: Cluster): CountryCode | null =>
    mostCommon(c.roles.map((r) => r.country).filter((x): x is CountryCode => x !== null));
  // An office only one country has ("Treasury Secretary"), when the article names that country.
  let namedCountries: Set<CountryCode> | null = null;
  const articleCountries = (): Set<CountryCode> => (namedCountries ??= countriesNamedIn(text));
  const titleCountry = (c: Cluster): CountryCode | null => {
    for (const r of c.roles) {
      const code = r.role ? countryOfTitle(r.role, articleCountries) : null;
      if (code) return code;
    }
    return null;
  };
  const evidence = new Map<string, CountryEvidence>();
  const setCountry = (c: Cluster, code: CountryCode, rule: string, at: number): void => {
    countryOf.set(c.key, code);
    evidence.set(c.key, { rule, at });
  };
  for (const c of clusters) {
    const own = ownCountry(c);
    if (own) setCountry(c, own, 'role nationality', c.roles.find((r) => r.country === own)!.start);
    else {
      const byTitle = titleCountry(c);
      if (byTitle)
        setCountry(
          c,
          byTitle,
          'one-country title',
          c.roles.find((r) => r.role && countryOfTitle(r.role, articleCountries) === byTitle)!.start,
        );
    }
  }
  for (let pass = 0; pass < 3; pass++) {
    for (const c of clusters) {
      if (countryOf.get(c.key)) continue;
      for (const r of c.roles) {
        if (!r.relativeTo) continue;
        const other = clusterByName(r.relativeTo);
        const code = other && other !== c ? (countryOf.get(other.key) ?? other.known?.country ?? null) : null;
        if (code) {
          setCountry(c, code, `relative to ${r.relativeTo}`, r.start);
          break;
        }
      }
    }
  }

  // "The U.S. delegation was led by Marco Rubio", "Russia sent Sergei Lavrov": the team's country.
  for (const c of clusters) {
    if (countryOf.get(c.key)) continue;
    for (const span of c.spans) {
      const lead = text.slice(Math.max(0, span.start - 120), span.start);
      const team =
        /(?:^|[\s(])((?:the\s+)?[\p{Lu}][\p{L}.]*(?:['\u2019]s)?(?:\s+[\p{Lu}][\p{L}.]*)?)\s+(?:delegation|team|side|negotiators|government)\s*,?\s+(?:(?:was|is|will\s+be|were|are)\s+)?(?:led|headed|represented)\s+by\s+(?:(?!(?:while|whereas|but|and\s+the)\b)[\p{L}.'\u2019,-]+\s+){0,12}$/u.exec(
          lead,
        ) ??
        /(?:^|[\s,;(])((?:the\s+)?[\p{Lu}][\p{L}.]*(?:\s+[\p{Lu}][\p{L}.]*)?)\s+(?:sent|dispatched|will\s+send|is\s+sending)\s+(?:[\p{L}.'\u2019-]+\s+){0,6}$/u.exec(
          lead,
        );
      // "Vladimir Medinsky ... led the Russian side", "Andriy Yermak ... led Ukraine's delegation"
      const after = text.slice(span.end, span.end + 160);
      const leads =
        /^(?:,[^,]{1,120},)?\s+(?:also\s+)?(?:led|leads|headed|heads|will\s+lead|will\s+head)\s+(?:the\s+)?([\p{Lu}][\p{L}.'\u2019]*(?:\s+[\p{Lu}][\p{L}.]*)?)\s+(?:delegation|side|team|negotiators)\b/u.exec(
          after,
        );
      const included =
        /(?:^|[\s(])((?:the\s+)?[\p{Lu}][\p{L}.]*)\s+(?:delegation|team)\s+(?:also\s+)?(?:includes|included|including|comprises|comprised)\s+(?:[\p{L}.'\u2019-]+\s+){0,6}$/u.exec(
          lead,
        );
      // "Kyiv is sending Andriy Yermak, Foreign Minister Andrii Sybiha and Rustem Umerov": the whole list.
      const sentenceLead = lead.slice(Math.max(lead.lastIndexOf('. '), lead.lastIndexOf('\n')) + 1);
      const sending =
        /(?:^|[\s,;(])((?:the\s+)?[\p{Lu}][\p{L}.]*(?:\s+[\p{Lu}][\p{L}.]*)?)\s+(?:sent|dispatched|will\s+send|is\s+sending|are\s+sending|was\s+sending)\s+/u.exec(
          sentenceLead,
        );
      // "Marco Rubio and Mike Waltz will represent Washington"
      const represents =
        /^[^.;]{0,120}?\b(?:will\s+)?(?:represent|represents|represented)\s+((?:the\s+)?[\p{Lu}][\p{L}.]*(?:\s+[\p{Lu}][\p{L}.]*)?)/u.exec(
          after,
        );
      const phrase = leads?.[1] ?? team?.[1] ?? included?.[1] ?? sending?.[1] ?? represents?.[1] ?? null;
      const code = phrase ? (findCountryMentions(phrase)[0]?.code ?? null) : null;
      if (code) {
        setCountry(c, code, 'delegation', span.start);
        break;
      }
    }
  }

  // "senior officials in both countries, including Prime Ministers Narendra Modi and Shehbaz
  // Sharif": two names under one plural title, paired in order with the article's two countries.
  const pair = articleCountryPair(text);
  if (pair) {
    for (let i = 0; i + 1 < spans.length; i++) {
      const [a, b] = [spans[i]!, spans[i + 1]!];
      const c3 = spans[i + 2];
      if (!/^\s+and\s+$/.test(text.slice(a.end, b.start)) || (c3 && /^(?:,|\s+and)\s+$/.test(text.slice(b.end, c3.start)))) continue;
      const title = pluralTitleOfList(text, tokens, a.firstToken, nameTokens);
      if (!title || !bothCountriesBefore(text, title.start)) continue;
      const [ca, cb] = [spanCluster.get(a), spanCluster.get(b)];
      if (!ca || !cb || ca === cb) continue;
      if (!countryOf.get(ca.key)) setCountry(ca, pair[0], 'both countries list', a.start);
      if (!countryOf.get(cb.key)) setCountry(cb, pair[1], 'both countries list', b.start);
    }
  }

  // "Ukraine was represented by A, B and C", "The Israeli delegation includes ... X": a member list.
  for (const c of clusters) {
    if (countryOf.get(c.key)) continue;
    for (const span of c.spans) {
      const team = teamListCountry(text, span.start);
      if (team) {
        setCountry(c, team.code, 'team list', team.at);
        break;
      }
    }
  }
  // "the Russian Defence Ministry decided ..., Deputy Defence Minister Fomin said": the ministry's country.
  for (const c of clusters) {
    if (countryOf.get(c.key)) continue;
    for (const r of c.roles) {
      const found = r.role ? ministryCountry(text, r.role, r.start) : null;
      if (found) {
        setCountry(c, found.code, 'ministry named nearby', found.at);
        break;
      }
    }
  }
  // "X would be among the officials joining Umerov": the country of the person X goes with.
  for (const c of clusters) {
    if (countryOf.get(c.key)) continue;
    for (const span of c.spans) {
      const companion = companionAfter(text, span.end);
      const other = companion ? clusterByName(companion) : undefined;
      const code = other && other !== c ? (countryOf.get(other.key) ?? other.known?.country ?? null) : null;
      if (code) {
        setCountry(c, code, `companion of ${companion}`, span.end);
        break;
      }
    }
  }
  // A story about one country: its people are that country's unless something says otherwise.
  const lacking = clusters.filter((c) => !countryOf.get(c.key) && !c.known?.country);
  const home = lacking.length > 0 ? singleCountryOfArticle(text) : null;
  // The people the text itself places must be mostly that country's: a summit held there is not its story.
  const placed = clusters.map((c) => countryOf.get(c.key)).filter((x): x is CountryCode => !!x);
  if (home && (placed.length === 0 || placed.filter((x) => x === home).length * 2 > placed.length)) {
    for (const c of lacking) {
      const others = lacking.filter((o) => o !== c).map((o) => bestRole(o)?.role ?? null);
      if (!singleHolderClash(bestRole(c)?.role ?? null, others)) setCountry(c, home, 'article about one country', c.spans[0]!.start);
    }
  }

  const congo = congoOfArticle(text);
  const people: ExtractedPerson[] = clusters.map((c) => {
    const name = c.known?.name ?? [...c.names].sort((a, b) => b.split(' ').length - a.split(' ').length || b.length - a.length)[0]!;
    const aliases = [...new Set([...c.names, ...(c.known ? [c.known.name, ...c.known.aliases] : [])])].filter((n) => n !== name);
    const best = bestRole(c);
    return {
      key: c.key,
      name: name.replace(/^(?:Mr|Mrs|Ms|Dr)\.?\s+/u, ''),
      aliases,
      country: countryInArticle(countryOf.get(c.key) ?? c.known?.country ?? null, congo),
      role: best?.role ?? c.known?.role ?? null,
    };
  });

  const mentions: PersonMention[] = [];
  for (const [span, c] of spanCluster)
    mentions.push({ key: c.key, start: span.start, end: span.end, surface: span.name, possessive: span.possessive });
  mentions.sort((a, b) => a.start - b.start);

  const roles = new Map(clusters.map((c) => [c.key, c.roles]));
  const delegates = new Set(
    clusters
      .filter((c) =>
        c.roles.some(
          (r) =>
            (r.role.length > 0 && r.role.split(/[\s,]+/).some((w) => DELEGATE_HEADS.has(w.toLowerCase()))) ||
            /\bdelegation\b/i.test(r.role),
        ),
      )
      .map((c) => c.key),
  );
  return { people, mentions, roles, delegates, countryEvidence: evidence };
}
