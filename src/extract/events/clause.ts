// Step 2, the clause. A sentence such as "Ukraine and Russia did not hold direct talks, and each
// side met separately with US officials" reports two things with different statuses, so rules
// look at one clause at a time; "It follows Ukrainian-U.S. talks on Dec. 19 and Russian-U.S.
// talks on Dec. 20 in Miami" holds two events in one clause, so a clause may be cut further at
// each talks noun that has its own date (a segment).
import type { Sentence } from '../sentences.ts';
import { distinctDays, eventDates } from './date.ts';
import type { DateMention } from '../dates/resolve.ts';
import { alternationOf, type PatternRow } from './patternTable.ts';
import type { Trigger } from './trigger.ts';

export interface Clause {
  /** Offsets into the article text. */
  start: number;
  end: number;
  text: string;
}

/** Where a sentence splits into clauses that can carry their own status. Each row matches the break itself. */
export const CLAUSE_BREAKS: readonly PatternRow[] = [
  { name: 'a semicolon', pattern: /;\s+/u, matches: ['Talks ended; a deal was signed.'], rejects: ['Talks ended, and a deal followed.'] },
  {
    name: 'a dash between spaces',
    pattern: /\s+[-\u2013\u2014]\s+/u,
    matches: ['The envoys met - the first time in a year.'],
    rejects: ['a well-known envoy'],
  },
  {
    name: 'a comma before although, but, while, as',
    pattern: /,\s+(?=(?:although|though|but|while|whereas|and each|and both|and the two|even as|as)\b)/u,
    matches: ['They met, although no deal emerged.', 'Kenya and Uganda met, and each side set out its terms.'],
    rejects: ['They met, and then they left.'],
  },
  {
    // Not "The envoy, who arrived late, met the premier": there the relative clause closes and the sentence goes on.
    name: 'a comma before a relative clause that runs to the end',
    pattern:
      /,\s+(?=(?:which|who|whose)\b(?![^,;.]{0,100},\s+(?!(?:and|but|or|while|as|after|before|in|on|at|with|including|drawing|saying|adding)\b)\p{Ll}+\b))/u,
    matches: ['The talks were held in Doha, which hosted the last round.'],
    rejects: ['The envoy, who arrived late, met the premier.'],
  },
  {
    name: 'although without a comma',
    pattern: /\s+(?=(?:although|though|whereas)\b)/u,
    matches: ['They met although no deal emerged.'],
    rejects: ['They met even so.'],
  },
  {
    name: 'but before a verb phrase',
    pattern: /\s+but\s+(?=\p{Ll})/u,
    matches: ['They met but failed to agree.'],
    rejects: ['They met, and Kenya left but Uganda stayed.'],
  },
  {
    // "Umerov attends a briefing after a meeting with Rubio", "three days after his summit with Putin".
    name: 'after or before another event',
    pattern:
      /,?\s+(?=(?:(?:\p{Ll}+|\d+)\s+(?:days?|weeks?|months?|hours?)\s+)?(?:after|before|following)\s+(?:his|her|their|its|a|an|the|last|this)\s+(?:[\p{L}'\u2019-]+\s+){0,3}(?:summit|meeting|talks|call|visit|negotiations|clash|row|spat|dispute|confrontation|trip|election|inauguration|announcement|attack|strike)\b)/u,
    matches: ['The premier flew home after the summit in Lima.', 'They talked three days after his meeting with the king.'],
    rejects: ['The premier flew home after lunch.'],
  },
  {
    name: 'after days or rounds of talks',
    pattern:
      /,?\s+(?=(?:after|following)\s+(?:\p{Ll}+|\d+)\s+(?:days?|weeks?|months?|hours?|rounds?)\s+of\s+(?:[\p{L}-]+\s+){0,2}(?:talks|negotiations|consultations|meetings)\b)/u,
    matches: ['They agreed a truce, after two days of talks in Rome.'],
    rejects: ['They agreed a truce after the talks.'],
  },
  {
    // ", and Rubio and Lavrov will meet ... on May 2": a second subject with its own day.
    name: 'a second subject with its own day',
    pattern:
      /,\s+(?=and\s+\p{Lu}[\p{L}'\u2019-]+(?:\s+\p{Lu}[\p{L}'\u2019-]+){0,2}(?:\s+and\s+\p{Lu}[\p{L}'\u2019-]+(?:\s+\p{Lu}[\p{L}'\u2019-]+){0,2})?\s+(?:will|would|are|were|is|was|had|have|has|met|meet)\b[^.;,]*\bon\s+(?:\p{Lu}\p{Ll}+\s+\d{1,2}|\p{Lu}\p{Ll}+day)\b)/u,
    matches: ['Experts start on Monday, and Ruto and Museveni will meet in Kampala on May 2.'],
    rejects: ['Experts start on Monday, and Ruto left.'],
  },
  {
    // "hold talks as Russian team meets": " as " between two events.
    name: 'as between two events',
    pattern:
      /\s+as\s+(?!well\b|part\b|a\s+way\b|much\b|many\b|long\b|soon\b|far\b|if\b)(?=(?:the\s+)?(?:\p{Lu}|\p{Ll}+\s+(?:team|delegation|officials|envoys?)))/u,
    matches: ['The envoys held talks as Russian officials arrived.', 'Talks began as the team landed.'],
    rejects: ['She served as well as anyone.', 'It came as a surprise.'],
  },
];

const CLAUSE_BREAK = alternationOf(CLAUSE_BREAKS, 'gu');

export function splitClauses(text: string, offset: number): Clause[] {
  const out: Clause[] = [];
  let start = 0;
  for (const m of text.matchAll(CLAUSE_BREAK)) {
    if (m.index <= start) continue;
    // "three days after his summit" is one clause: the break before "three" already covers "after".
    if (/^\s*(?:\S+\s+)?(?:days?|weeks?|months?|hours?)\s*$/.test(text.slice(start, m.index))) continue;
    out.push({ start: offset + start, end: offset + m.index, text: text.slice(start, m.index) });
    start = m.index + m[0].length;
  }
  out.push({ start: offset + start, end: offset + text.length, text: text.slice(start) });
  return out.filter((c) => c.text.trim().length > 0);
}

export interface Segment {
  /** Offsets into the article text. */
  start: number;
  end: number;
  triggers: Trigger[];
}

/** The last joint before which a clause can be cut: "of", "after", ", " ... */
function lastJoint(text: string): RegExpExecArray | RegExpMatchArray | undefined {
  return [...text.matchAll(/\s(?:of|in|at|on|and|after|before|with|from|during|following)\s|[,;]\s/g)].pop();
}

/** Cut a clause into one segment per talks noun when the nouns carry different dates. */
export function segmentsOf(clause: Clause, triggers: Trigger[], sentence: Sentence, dates: DateMention[]): Segment[] {
  // "The plan for a summit had come out of last week's phone call": a call and a meeting are two events.
  const call = triggers.find((t) => t.kind === 'call');
  if (call && triggers.some((t) => t.kind !== 'call')) {
    const joint = lastJoint(sentence.text.slice(clause.start - sentence.start, call.start - sentence.start));
    const cut = joint ? clause.start + joint.index! + joint[0].length : call.start;
    const callFirst = triggers
      .filter((t) => t.kind === 'call')
      .every((t) => t.start < (triggers.find((x) => x.kind !== 'call')?.start ?? 0));
    if (callFirst) {
      const other = triggers.find((t) => t.kind !== 'call')!;
      const joint2 = lastJoint(sentence.text.slice(call.end - sentence.start, other.start - sentence.start));
      const cut2 = joint2 ? call.end + joint2.index! + joint2[0].length : other.start;
      return [
        { start: clause.start, end: cut2, triggers: triggers.filter((t) => t.start < cut2) },
        { start: cut2, end: clause.end, triggers: triggers.filter((t) => t.start >= cut2) },
      ].filter((x) => x.triggers.length > 0);
    }
    return [
      { start: clause.start, end: cut, triggers: triggers.filter((t) => t.start < cut) },
      { start: cut, end: clause.end, triggers: triggers.filter((t) => t.start >= cut) },
    ].filter((x) => x.triggers.length > 0);
  }
  const nouns = triggers.filter((t) => t.noun);
  const clauseDates = eventDates(sentence, dates, clause.start, clause.end);
  if (nouns.length < 2 || distinctDays(clauseDates) < 2) return [{ start: clause.start, end: clause.end, triggers }];
  const cuts = [clause.start];
  for (let i = 1; i < nouns.length; i++) {
    const between = sentence.text.slice(nouns[i - 1]!.end - sentence.start, nouns[i]!.start - sentence.start);
    const joins = [...between.matchAll(/\s+and\s+|,\s+/g)];
    const last = joins[joins.length - 1];
    if (!last) continue;
    // Only cut where each side has its own date, otherwise "talks and meetings on Dec. 19" is one event.
    const cut = nouns[i - 1]!.end + last.index + last[0].length;
    if (eventDates(sentence, dates, cuts[cuts.length - 1]!, cut).length === 0) continue;
    cuts.push(cut);
  }
  cuts.push(clause.end);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i]!;
    const end = cuts[i + 1]!;
    out.push({ start, end, triggers: triggers.filter((t) => t.start >= start && t.start < end) });
  }
  return out.filter((s) => s.triggers.length > 0);
}
