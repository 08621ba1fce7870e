// Step 6, the status: whether an event was held, is planned, was only proposed, or was called
// off, from the words that govern its trigger: "will meet" planned, "met/held" held,
// "proposed/offered/open to" proposed, "denied / no plans for / did not hold" cancelled. A cue
// counts only before the trigger in its clause, or as the trigger's own predicate right after it
// ("talks could resume"). The rest of the sentence can still call a planned round off.
import type { EventStatus, IsoDay } from '../../domain/types.ts';
import { anyRowMatches, type PatternRow } from './patternTable.ts';

/** Cues that the event did not or will not take place. */
export const CANCELLED_CUES: readonly PatternRow[] = [
  {
    name: 'a denial or refusal',
    pattern: /\b(?:never|declined|declines|denied|denies|deny|denying|dismissed|ruled\s+out|rules\s+out|refused|rejected)\b/i,
    matches: ['the ministry denied that a', 'the premier refused to', 'has ruled out a'],
    rejects: ['the premier agreed to'],
  },
  {
    name: 'a negated meeting',
    pattern: /\b(?:not\s+(?:be\s+)?(?:hold|held|meet|met|take\s+place|happen|attend)|did\s+not|didn['\u2019]t|won['\u2019]t|will\s+not)\b/i,
    matches: ['the two did not hold', "he won't", 'will not be held'],
    rejects: ['did nothing but', 'the talks will be held'],
  },
  {
    name: 'no plans, no talks',
    pattern: /\b(?:no\s+plans?|no\s+(?:direct\s+|face-to-face\s+|trilateral\s+)?(?:talks|meeting|negotiations))\b/i,
    matches: ['there are no plans for a', 'there will be no direct talks'],
    rejects: ['the plans for a'],
  },
  {
    name: 'called off',
    pattern: /\b(?:cancel(?:l)?ed|cancels|called\s+off|calls\s+off|postponed|scrapped|collapsed)\b/i,
    matches: ['the hosts cancelled the', 'the round was postponed', 'Ghana called off its'],
    rejects: ['the hosts called the'],
  },
];

/** Cues that the event is only wished for, offered or possible. */
export const PROPOSED_CUES: readonly PatternRow[] = [
  {
    name: 'doubt or condition',
    pattern: /\b(?:unlikely|unclear|uncertain|possible|possibility|potential|could|might|may|if|unless|whether)\b/i,
    matches: ['a possible', 'the envoys could', 'it is unclear whether the'],
    rejects: ['the envoys will'],
  },
  {
    name: 'a wish, a demand or pressure',
    pattern:
      /\b(?:wants?|wanted|urged?|urges|urging|pressed|pressing|asked|asks|demanded|demands|dared|challenged|would\s+like|want(?:s|ed)?\s+to|seek(?:s|ing)?\s+to|hopes?\s+(?:of|for)|hopes?\s+(?:to|for)|call(?:ed|s)?\s+for|push(?:ed|es|ing)?\s+for)\b/i,
    matches: ['the opposition urged', 'Lima is seeking to', 'the bloc called for', 'he hopes to'],
    rejects: ['the bloc called', 'he pushed back'],
  },
  {
    name: 'a proposal, offer or invitation',
    pattern:
      /\b(?:propos(?:ed|es|e|ing|al)\s+(?:a|an|the|to|that|holding|talks|meeting|negotiations|trilateral|first|new|direct|face|further)|proposal\s+(?:for|of)|offered|offers?\s+to|open\s+to|openness|ready\s+to|willing(?:ness)?\s+to|suggested|suggests|floated|invit(?:ed|es|ation)|idea\s+of|prospect\s+of)\b/i,
    matches: ['Quito proposed a', 'the king is open to', 'an invitation to', 'floated the idea of'],
    rejects: ['the proposed budget passed'],
  },
  {
    name: 'preparations without a date',
    pattern:
      /\b(?:plans?\s+for|arrangements?\s+for|preparations?\s+for|to\s+be\s+determined|no\s+date|agree(?:d|s)?\s+to\s+start|start\s+peace)\b/i,
    matches: ['preparations for a', 'plans for', 'agreed to start'],
    rejects: ['agreed to hold'],
  },
];

/** Cues that the event lies ahead. */
export const PLANNED_CUES: readonly PatternRow[] = [
  {
    name: 'an infinitive right before the trigger',
    pattern: /\bto\s*$/i,
    matches: ['the envoys are due to '],
    rejects: ['the envoys went to the '],
  },
  {
    name: 'a future verb',
    pattern: /\b(?:will|shall|['\u2019]ll|going\s+to|would|(?:is|are)\s+to)\b/i,
    matches: ['the envoys will', "they'll", 'the premier is to'],
    rejects: ['the envoys willingly'],
  },
  {
    name: 'a schedule',
    pattern:
      /\b(?:(?:is|are|was|were)\s+(?:scheduled|due|set|slated|expected|planning|going)|scheduled|expected\s+to|plans?\s+to|planned|set\s+to|to\s+be\s+held|upcoming|next\s+week|to\s+send)\b/i,
    matches: ['the talks are scheduled', 'the upcoming', 'talks planned'],
    rejects: ['the talks ended'],
  },
];

/** Cues that the event took place. */
export const HELD_CUES: readonly PatternRow[] = [
  {
    name: 'a past meeting verb',
    pattern:
      /\b(?:met|held|hosted|took\s+place|concluded|wrapped\s+up|ended|attended|joined|began|resumed|continued|continues|followed|follows?)\b/i,
    matches: ['the ministers met', 'the talks took place', 'negotiations resumed'],
    rejects: ['the ministers will meet'],
  },
  {
    name: 'a past auxiliary or an ongoing sitting',
    pattern: /\b(?:was|were|had|(?:is|are|were|was)\s+holding|holding|hold|meets)\b/i,
    matches: ['the talks were', 'the envoys are holding'],
    rejects: ['the envoys will'],
  },
  {
    name: 'after or during the event',
    pattern: /\b(?:after\s+(?:a|the|their)|during\s+(?:a|the|their))\b/i,
    matches: ['after the', 'during their'],
    rejects: ['ahead of the'],
  },
];

/**
 * What comes right after the trigger as its predicate: "talks could take place", "talks are
 * scheduled". The month "May 12" is no modal.
 */
function predicateAfter(after: string): string {
  const m =
    /^(?:\s+(?:on|with|between|among|in|of|over)\b[^,;.]{0,60}?)?\s+((?:(?!May\b)(?:are|is|were|was|will|would|could|might|may|have|has|had|be|been|not|also|still|now|reportedly)\s+){1,3}\w+)/i.exec(
      after,
    );
  return m ? m[1]! : '';
}

export interface StatusInput {
  /** Clause text before the trigger. */
  before: string;
  /** Clause text after the trigger. */
  after: string;
  date: IsoDay | null;
  dateTo: IsoDay | null;
  publishedAt: IsoDay | null;
}

export function eventStatus(input: StatusInput): EventStatus {
  const predicate = predicateAfter(input.after);
  // A relative clause about the subject ("Zelensky, who was not invited, will travel") says nothing about the event.
  input = { ...input, before: input.before.replace(/,\s+(?:who|which|whose)\s+[^,]{1,80},/g, ',') };
  // Only the words of the trigger's own clause govern it: in "the visit could come two weeks
  // after they met in Moscow" the "could" belongs to the visit.
  const subordinate = [...input.before.matchAll(/\b(?:after|before|since|when|once|following|that)\s+/gi)].pop();
  // ...except a denial, which governs the clause it introduces: "Ankara denied that any such meeting was planned".
  if (
    /\b(?:denied|denies|deny|denying|dismissed|rejected|ruled\s+out)\s+(?:(?:reports?|claims?|suggestions?)\s+)?(?:that|of)\s+(?:\S+\s+){0,6}$/i.test(
      input.before,
    )
  )
    return 'cancelled';
  // A passive after the trigger's own relative clause: "A meeting that would include China was proposed".
  const passive =
    /^[^.;]{0,80}?\b(?:was|were|has\s+been|have\s+been|had\s+been|is|are)\s+(?:also\s+|now\s+)?(proposed|suggested|floated|offered|cancel(?:l)?ed|called\s+off|postponed|scrapped|denied|ruled\s+out)\b/i.exec(
      input.after,
    );
  if (passive) return /^(?:proposed|suggested|floated|offered)$/i.test(passive[1]!) ? 'proposed' : 'cancelled';
  // "the Russian team was not of a level to meet him", "is not ready to meet"
  if (/\bnot\s+(?:[\p{L}-]+\s+){0,5}to\s*$/iu.test(input.before)) return 'cancelled';
  let before = subordinate ? input.before.slice(subordinate.index) : input.before;
  // Cues far from the trigger govern something else; eight words is a generous verb phrase.
  before = before.split(/\s+/).slice(-9).join(' ');
  // Capitalised "May" is the month ("talks in May"), never the modal.
  const governing = `${before} ${predicate}`.replace(/\bMay\b/g, 'month');
  if (anyRowMatches(CANCELLED_CUES, governing)) return 'cancelled';
  if (anyRowMatches(PROPOSED_CUES, governing)) return 'proposed';
  const { date, dateTo, publishedAt } = input;
  if (publishedAt && date) {
    if (date > publishedAt) return 'planned';
    if ((dateTo ?? date) < publishedAt && !anyRowMatches(PLANNED_CUES, governing)) return 'held';
    if ((dateTo ?? date) < publishedAt && anyRowMatches(HELD_CUES, governing)) return 'held';
  }
  if (anyRowMatches(PLANNED_CUES, governing)) return 'planned';
  return 'held';
}

/**
 * "the fourth round, which had been scheduled for Saturday, has been postponed": the rest of the
 * sentence after the event noun calls it off.
 */
export function calledOffAfter(rest: string): boolean {
  const m =
    /^([^.;]{0,160}?)\b(?:(?:has|have|had)\s+been|was|were|is|are)\s+(?:now\s+|also\s+)?(?:postponed|delayed|called\s+off|cancel(?:l)?ed|scrapped|put\s+off|suspended)\b/i.exec(
      rest,
    );
  // Another event named in between is what was called off.
  if (m === null) return false;
  // The event must be the subject: only its own phrases and a relative clause on it come between,
  // not another clause ("..., after the vote was postponed").
  const between = m[1]!.replace(/,\s*(?:which|that)\b[^,]*,/gi, ' ');
  return (
    !/\b(?:talks|meetings?|summit|round|negotiations|call|visit|after|because|when|since|while|but|though|although|until|before|as|said|says)\b/i.test(
      between,
    ) && !/\band\s+(?:the|a|an|his|her|its|their)\s+\p{Ll}/u.test(between)
  );
}

/** "..., though no date was given": a plan without a date is only an intention. */
export function noDateSet(rest: string): boolean {
  return /\bno\s+(?:date|time|timetable|timeline)\s+(?:was|has\s+been|had\s+been|is|have\s+been)\s+(?:yet\s+)?(?:given|set|fixed|announced|agreed)\b|\bwithout\s+(?:giving|setting)\s+a\s+date\b/i.test(
    rest,
  );
}

/** The status by tense, then the rest of the sentence: called off ("has been postponed"), or a plan with no date given. */
export function segmentStatus(input: StatusInput & { rest: string }): EventStatus {
  const byTense = eventStatus(input);
  if ((byTense === 'held' || byTense === 'planned') && calledOffAfter(input.rest)) return 'cancelled';
  if (byTense === 'planned' && !input.date && noDateSet(input.rest)) return 'proposed';
  return byTense;
}
