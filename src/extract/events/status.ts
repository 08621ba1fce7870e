// Whether an event was held, is planned, was only proposed, or was called off, from the words
// that govern its trigger: "will meet" planned, "met/held" held, "proposed/offered/open to"
// proposed, "denied / no plans for / did not hold" cancelled. A cue counts only before the
// trigger in its clause, or as the trigger's own predicate right after it ("talks could resume").
import type { EventStatus, IsoDay } from '../../domain/types.ts';

const CANCELLED = /\b(?:never|declined|declines|denied|denies|deny|denying|dismissed|ruled\s+out|rules\s+out|no\s+plans?|not\s+(?:be\s+)?(?:hold|held|meet|met|take\s+place|happen|attend)|did\s+not|didn['\u2019]t|won['\u2019]t|will\s+not|cancel(?:l)?ed|cancels|called\s+off|calls\s+off|postponed|scrapped|collapsed|refused|rejected|no\s+(?:direct\s+|face-to-face\s+|trilateral\s+)?(?:talks|meeting|negotiations))\b/i;
const PROPOSED = /\b(?:unlikely|unclear|uncertain|wants?|wanted|urged?|urges|urging|pressed|pressing|asked|asks|demanded|demands|plans?\s+for|arrangements?\s+for|preparations?\s+for|to\s+be\s+determined|no\s+date|hopes?\s+(?:of|for)|dared|challenged|propos(?:ed|es|e|ing|al)\s+(?:a|an|the|to|that|holding|talks|meeting|negotiations|trilateral|first|new|direct|face|further)|proposal\s+(?:for|of)|offered|offers?\s+to|open\s+to|openness|ready\s+to|willing(?:ness)?\s+to|possible|possibility|potential|could|might|may|would\s+like|suggested|suggests|floated|invit(?:ed|es|ation)|call(?:ed|s)?\s+for|push(?:ed|es|ing)?\s+for|want(?:s|ed)?\s+to|seek(?:s|ing)?\s+to|hopes?\s+(?:to|for)|if|unless|whether|idea\s+of|prospect\s+of|agree(?:d|s)?\s+to\s+start|start\s+peace)\b/i;
const PLANNED = /\bto\s*$|\b(?:will|shall|['\u2019]ll|(?:is|are|was|were)\s+(?:scheduled|due|set|slated|expected|planning|going)|scheduled|expected\s+to|plans?\s+to|planned|set\s+to|to\s+be\s+held|upcoming|next\s+week|(?:is|are)\s+to|going\s+to|would|to\s+send)\b/i;
const HELD = /\b(?:met|held|hosted|took\s+place|concluded|wrapped\s+up|ended|was|were|had|followed|follows?|continued|continues|began|resumed|(?:is|are|were|was)\s+holding|holding|hold|meets|after\s+(?:a|the|their)|during\s+(?:a|the|their)|attended|joined)\b/i;

/**
 * What comes right after the trigger as its predicate: "talks could take place", "talks are
 * scheduled". The month "May 12" is no modal.
 */
function predicateAfter(after: string): string {
  const m = /^(?:\s+(?:on|with|between|among|in|of|over)\b[^,;.]{0,60}?)?\s+((?:(?!May\b)(?:are|is|were|was|will|would|could|might|may|have|has|had|be|been|not|also|still|now|reportedly)\s+){1,3}\w+)/i.exec(after);
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
  if (/\b(?:denied|denies|deny|denying|dismissed|rejected|ruled\s+out)\s+(?:(?:reports?|claims?|suggestions?)\s+)?(?:that|of)\s+(?:\S+\s+){0,6}$/i.test(input.before)) return 'cancelled';
  // A passive after the trigger's own relative clause: "A meeting that would include China was proposed".
  const passive = /^[^.;]{0,80}?\b(?:was|were|has\s+been|have\s+been|had\s+been|is|are)\s+(?:also\s+|now\s+)?(proposed|suggested|floated|offered|cancel(?:l)?ed|called\s+off|postponed|scrapped|denied|ruled\s+out)\b/i.exec(input.after);
  if (passive) return /^(?:proposed|suggested|floated|offered)$/i.test(passive[1]!) ? 'proposed' : 'cancelled';
  // "the Russian team was not of a level to meet him", "is not ready to meet"
  if (/\bnot\s+(?:[\p{L}-]+\s+){0,5}to\s*$/iu.test(input.before)) return 'cancelled';
  let before = subordinate ? input.before.slice(subordinate.index) : input.before;
  // Cues far from the trigger govern something else; eight words is a generous verb phrase.
  before = before.split(/\s+/).slice(-9).join(' ');
  // Capitalised "May" is the month ("talks in May"), never the modal.
  const governing = `${before} ${predicate}`.replace(/\bMay\b/g, 'month');
  if (CANCELLED.test(governing)) return 'cancelled';
  if (PROPOSED.test(governing)) return 'proposed';
  const { date, dateTo, publishedAt } = input;
  if (publishedAt && date) {
    if (date > publishedAt) return 'planned';
    if ((dateTo ?? date) < publishedAt && !PLANNED.test(governing)) return 'held';
    if ((dateTo ?? date) < publishedAt && HELD.test(governing)) return 'held';
  }
  if (PLANNED.test(governing)) return 'planned';
  return 'held';
}
