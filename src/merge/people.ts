// People across articles: which stored person an article's person is, and how the mentions of
// one person combine into their canonical name, aliases, country and role.
import type { CountryCode } from '../domain/types.ts';
import type { KnownPerson } from '../config/schema.ts';
import { foldToken, namesMatch, normalizeName } from '../extract/people/nameMatch.ts';

/** A person as the store holds them, for matching. `names` are the canonical name and every alias. */
export interface PersonRecord {
  id: number;
  names: string[];
  country: CountryCode | null;
  mentions: number;
}

/** One article's description of a person. */
export interface PersonMention {
  name: string;
  aliases: string[];
  country: CountryCode | null;
  role: string | null;
}

const isFullName = (name: string): boolean => normalizeName(name).split(' ').length >= 2;

/**
 * A coarse key that every spelling of one surname shares: the first letter of the folded last
 * name token (Witkoff and Vitkoff both give "v"). Two names can only match when their keys are
 * equal, so the merge compares a new name with a few stored people instead of all of them.
 */
export function surnameKey(name: string): string {
  const tokens = normalizeName(name)
    .split(' ')
    .filter((t) => t.length > 0);
  const last = tokens[tokens.length - 1];
  return last ? foldToken(last.replace(/^['-]+|['-]+$/g, '')).slice(0, 1) : '';
}

/** The keys a name's matches may be stored under: its own, and for h or g the other (Hnatov and Gnatov, see sameUpToHG). */
export function surnameKeysToSearch(name: string): string[] {
  const key = surnameKey(name);
  return key === 'h' ? ['h', 'g'] : key === 'g' ? ['g', 'h'] : [key];
}

/**
 * Whether two full names differ only by a short form of the given name ("Dan Driscoll" and
 * "Daniel Driscoll", "Steve" and "Steven"): same surname, one given name the start of the other,
 * at least three letters long.
 */
export function shortGivenNameMatch(a: string, b: string): boolean {
  const ta = normalizeName(a).split(' ');
  const tb = normalizeName(b).split(' ');
  if (ta.length < 2 || tb.length < 2) return false;
  if (!namesMatch(ta[ta.length - 1]!, tb[tb.length - 1]!)) return false;
  const [ga, gb] = [foldToken(ta[0]!), foldToken(tb[0]!)];
  const [short, long] = ga.length <= gb.length ? [ga, gb] : [gb, ga];
  return short.length >= 3 && long.startsWith(short);
}

/** Levenshtein distance between two short strings. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur.push(Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * Whether two full names with the same given name have surnames that are two romanisations of
 * one name ("Abbas Araghchi" and "Abbas Araqchi"): folded surnames of six letters or more, same
 * first letter, at most two edits apart. The given name must match, so "Anna Petrova" and
 * "Maria Petrova" stay two people.
 */
export function closeSpellingMatch(a: string, b: string): boolean {
  const ta = normalizeName(a).split(' ');
  const tb = normalizeName(b).split(' ');
  if (ta.length < 2 || tb.length < 2) return false;
  if (foldToken(ta[0]!) !== foldToken(tb[0]!)) return false;
  const sa = foldToken(ta[ta.length - 1]!);
  const sb = foldToken(tb[tb.length - 1]!);
  return Math.min(sa.length, sb.length) >= 6 && sa[0] === sb[0] && editDistance(sa, sb) <= 2;
}

const sameName = (a: string, b: string): boolean => namesMatch(a, b) || shortGivenNameMatch(a, b) || closeSpellingMatch(a, b);

/** The names of a person worth comparing: full names when there are any (so "Trump" as an alias of Melania Trump does not make her Donald Trump), else the bare ones. */
function comparableNames(names: readonly string[]): string[] {
  const full = names.filter(isFullName);
  return full.length > 0 ? full : [...names];
}

/** The configured person an article's person is, if any: an exact name or alias first, then a spelling variant of a full name. */
export function findKnownPerson(mention: Pick<PersonMention, 'name' | 'aliases'>, known: readonly KnownPerson[]): KnownPerson | null {
  const names = [mention.name, ...mention.aliases];
  const norms = new Set(names.map(normalizeName));
  const exact = known.find((k) => [k.name, ...k.aliases].some((n) => norms.has(normalizeName(n))));
  if (exact) return exact;
  const fuzzy = known.filter((k) => [k.name, ...k.aliases].filter(isFullName).some((kn) => names.some((n) => namesMatch(n, kn))));
  return fuzzy.length === 1 ? fuzzy[0]! : null;
}

/**
 * Stored people an article's person may be, best first: an exact name or alias, then the same
 * country, then the person seen most often, then the oldest. Empty when none matches.
 */
export function rankPersonMatches(mention: PersonMention, people: readonly PersonRecord[], known: KnownPerson | null): PersonRecord[] {
  const mentionNames = [mention.name, ...(known ? [known.name] : [])];
  const exactNorms = new Set([mention.name, ...(known ? [known.name, ...known.aliases] : [])].map(normalizeName));
  const scored: Array<{ p: PersonRecord; exact: boolean; countryScore: number }> = [];
  for (const p of people) {
    const theirs = comparableNames(p.names);
    const exact = p.names.some((n) => exactNorms.has(normalizeName(n)));
    const fuzzy = exact || mentionNames.some((m) => theirs.some((t) => sameName(m, t)));
    if (!fuzzy) continue;
    const country = known?.country ?? mention.country;
    const countryScore = !country || !p.country ? 0 : country === p.country ? 1 : -1;
    scored.push({ p, exact, countryScore });
  }
  return scored
    .sort((a, b) => Number(b.exact) - Number(a.exact) || b.countryScore - a.countryScore || b.p.mentions - a.p.mentions || a.p.id - b.p.id)
    .map((s) => s.p);
}

/**
 * Which of the matched people are the same as the best one and should be folded into it: when
 * the article gives a full name, every other match whose names all agree with it (a person
 * stored under a bare surname, or under another spelling of the full name).
 */
export function peopleToFold(mention: PersonMention, ranked: readonly PersonRecord[]): PersonRecord[] {
  if (!isFullName(mention.name) || ranked.length < 2) return [];
  const [best, ...rest] = ranked as [PersonRecord, ...PersonRecord[]];
  return rest.filter(
    (p) => (!p.country || !best.country || p.country === best.country) && comparableNames(p.names).every((n) => sameName(n, mention.name)),
  );
}

/** The canonical name: the configured one when the person is known, else the longest full name seen. */
export function canonicalName(names: readonly string[], known: KnownPerson | null): string {
  if (known) return known.name;
  if (names.length === 0) throw new Error('canonicalName: a person needs at least one name');
  return [...names].sort((a, b) => {
    const full = Number(isFullName(b)) - Number(isFullName(a));
    if (full) return full;
    if (a.length !== b.length) return b.length - a.length;
    return a < b ? -1 : a > b ? 1 : 0;
  })[0]!;
}

const MAX_ROLE_WORDS = 12;

/**
 * The most specific role: the one with the most words ("Secretary of the National Security and
 * Defense Council" over "negotiator"), ignoring run-on text longer than a title; ties go to the
 * role given most often, then the first given.
 */
export function mostSpecificRole(roles: ReadonlyArray<string | null | undefined>): string | null {
  const given = roles.filter((r): r is string => typeof r === 'string' && r.trim().length > 0).map((r) => r.trim());
  if (given.length === 0) return null;
  const stats = new Map<string, { role: string; count: number; first: number; words: number }>();
  given.forEach((role, i) => {
    const key = role.toLowerCase();
    const entry = stats.get(key);
    if (entry) entry.count++;
    else stats.set(key, { role, count: 1, first: i, words: role.split(/\s+/).length });
  });
  const specificity = (w: number) => (w > MAX_ROLE_WORDS ? 0 : w);
  return [...stats.values()].sort((a, b) => specificity(b.words) - specificity(a.words) || b.count - a.count || a.first - b.first)[0]!.role;
}

export interface MergedPerson {
  name: string;
  aliases: string[];
  country: CountryCode | null;
  role: string | null;
  roles: string[];
}

/** A person from every mention of them (any order gives the same result, up to the order of aliases and roles). */
export function mergePersonMentions(mentions: readonly PersonMention[], known: KnownPerson | null): MergedPerson {
  const allNames = mentions.flatMap((m) => [m.name, ...m.aliases]);
  const name = canonicalName(allNames.length > 0 ? allNames : known ? [known.name] : [], known);
  const seen = new Set([normalizeName(name)]);
  const aliases: string[] = [];
  for (const n of [...(known?.aliases ?? []), ...allNames]) {
    const key = normalizeName(n);
    if (key.length === 0 || seen.has(key)) continue;
    seen.add(key);
    aliases.push(n);
  }
  const countries = mentions.map((m) => m.country).filter((c): c is CountryCode => c !== null);
  const counts = new Map<CountryCode, number>();
  for (const c of countries) counts.set(c, (counts.get(c) ?? 0) + 1);
  const commonest = [...counts.entries()].sort((a, b) => b[1] - a[1] || countries.indexOf(a[0]) - countries.indexOf(b[0]))[0]?.[0] ?? null;
  const roleList = [known?.role, ...mentions.map((m) => m.role)];
  const roles: string[] = [];
  const roleKeys = new Set<string>();
  for (const r of roleList) {
    if (!r || !r.trim()) continue;
    const key = r.trim().toLowerCase();
    if (roleKeys.has(key)) continue;
    roleKeys.add(key);
    roles.push(r.trim());
  }
  return { name, aliases, country: known?.country ?? commonest, role: mostSpecificRole(roleList), roles };
}
