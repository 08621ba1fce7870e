// Clauses and talk triggers. A sentence such as "Ukraine and Russia did not hold direct talks,
// and each side met separately with US officials" reports two things with different statuses, so
// rules look at one clause at a time; "It follows Ukrainian-U.S. talks on Dec. 19 and Russian-U.S.
// talks on Dec. 20 in Miami" holds two events in one clause, so a clause may be cut further at
// each talks noun that has its own date.
import type { EventKind } from '../../domain/types.ts';

export interface Clause {
  /** Offsets into the article text. */
  start: number;
  end: number;
  text: string;
}

export interface Trigger {
  kind: EventKind;
  /** Offsets into the article text. */
  start: number;
  end: number;
  surface: string;
  noun: boolean;
}

// Where a sentence splits into clauses that can carry their own status: "although", "but",
// ", which", ", while", "; ", " - ", ", and Rubio and Lavrov will meet ... on May 2" (a second
// subject with its own day), and " as " between two events ("hold talks as Russian team meets").
const CLAUSE_BREAK = /;\s+|\s+[-\u2013\u2014]\s+|,\s+(?=(?:although|though|but|while|whereas|and each|and both|and the two|even as|as)\b)|,\s+(?=(?:which|who|whose)\b(?![^,;.]{0,100},\s+(?!(?:and|but|or|while|as|after|before|in|on|at|with|including|drawing|saying|adding)\b)\p{Ll}+\b))|\s+(?=(?:although|though|whereas)\b)|\s+but\s+(?=\p{Ll})|,?\s+(?=(?:(?:\p{Ll}+|\d+)\s+(?:days?|weeks?|months?|hours?)\s+)?(?:after|before|following)\s+(?:his|her|their|its|a|an|the|last|this)\s+(?:[\p{L}'\u2019-]+\s+){0,3}(?:summit|meeting|talks|call|visit|negotiations|clash|row|spat|dispute|confrontation|trip|election|inauguration|announcement|attack|strike)\b)|,?\s+(?=(?:after|following)\s+(?:\p{Ll}+|\d+)\s+(?:days?|weeks?|months?|hours?|rounds?)\s+of\s+(?:[\p{L}-]+\s+){0,2}(?:talks|negotiations|consultations|meetings)\b)|,\s+(?=and\s+\p{Lu}[\p{L}'\u2019-]+(?:\s+\p{Lu}[\p{L}'\u2019-]+){0,2}(?:\s+and\s+\p{Lu}[\p{L}'\u2019-]+(?:\s+\p{Lu}[\p{L}'\u2019-]+){0,2})?\s+(?:will|would|are|were|is|was|had|have|has|met|meet)\b[^.;,]*\bon\s+(?:\p{Lu}\p{Ll}+\s+\d{1,2}|\p{Lu}\p{Ll}+day)\b)|\s+as\s+(?!well\b|part\b|a\s+way\b|much\b|many\b|long\b|soon\b|far\b|if\b)(?=(?:the\s+)?(?:\p{Lu}|\p{Ll}+\s+(?:team|delegation|officials|envoys?)))/gu;

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

const TRIGGERS: Array<{ re: RegExp; kind: EventKind; noun: boolean }> = [
  { re: /\bsummits?\b/gi, kind: 'summit', noun: true },
  {
    re: /\b(?:(?:phone|telephone|video)\s+(?:call|conversation|talks?)|call(?:ed)?\s+by\s+(?:phone|telephone)|(?:spoke|talked|speak|talk|speaks|talks)\s+(?:(?:with|to)\s+[^,.;]{1,60}?\s+)?(?:by|on\s+the|over\s+the)\s+(?:phone|telephone)|phoned|(?:called|rang|dialled|dialed)\s+(?:his|her|their)\s+(?:[\p{L}-]+\s+){0,2}counterparts?|(?:speak|speaks|spoke|spoken|talk|talked)\s+again|(?:a|the|their|his|her)\s+(?:["\u201c][^"\u201d]{1,60}["\u201d]\s+|\p{Ll}+\s+)?call\s+with)\b/gu,
    kind: 'call',
    noun: true,
  },
  { re: /\b(?:talks|negotiations|consultations|conversation|round\s+of\s+(?:peace\s+)?(?:talks|negotiations|consultations))\b/gi, kind: 'talks', noun: true },
  // "the next round would take place on April 19"
  { re: /\b(?:next|new|another|second|third|fourth|fifth|latest|fresh|final)\s+round\b(?!\s+of\s+(?!talks|negotiations|consultations))/gi, kind: 'talks', noun: true },
  { re: /\bmeetings?\b/gi, kind: 'meeting', noun: true },
  // "Xi will host Macron in Beijing": hosting a person is meeting them.
  { re: /\b(?:host|hosts|hosted|hosting)\b(?=\s+(?:(?:his|her|the|a)\s+)?(?:\p{Lu}|\p{Ll}+\s+(?:counterpart|delegation|leader|president|minister)))/gu, kind: 'meeting', noun: false },
  // Two sides signing an agreement meet to do it: "signed a peace agreement at the State Department".
  { re: /\b(?:signed|signs|will\s+sign|to\s+sign)\s+(?:a|an|the|their)\s+(?:(?!(?:the|a|an|law|decree|order|bill)\b)[\p{L}-]+\s+){0,3}(?:agreement|accord|deal|declaration|treaty|text|memorandum|pact|communiqu\u00e9|communique)\b/gu, kind: 'meeting', noun: false },
  // "received the two ministers in the Oval Office", "welcomed his Kenyan counterpart".
  { re: /\b(?:received|receives|receive|welcomed|welcomes|welcome)\s+(?:the\s+two\s+\p{Ll}+|(?:his|her|their)\s+(?:[\p{L}-]+\s+)?counterparts?|the\s+(?:[\p{L}-]+\s+)?(?:delegations?|ministers|leaders|envoys?|president|premier))\b(?!['\u2019])|\b(?:received|welcomed)\s+(?=(?:\p{Lu}[\p{L}.'\u2019-]+\s+){1,4}(?:at|in|on)\b)/gu, kind: 'meeting', noun: false },
  // "The final push in Doha brought together the US envoys, Egyptian officials and an Israeli team".
  { re: /\b(?:brought|brings|bring|bringing)\s+together\b/g, kind: 'meeting', noun: false },
  // "has been met with criticism" is not a meeting.
  { re: /(?<!\b(?:been|was|were|is|are|be)\s+)\b(?:meet|meets|met|meeting\s+with|(?:sit|sat|sits)\s+down(?:\s+with)?(?!\s+(?:for|to|with)\s+(?:an?\s+)?(?:interview|dinner|lunch)))\b/g, kind: 'meeting', noun: false },
];

/** Talk triggers in a clause, in order; overlapping matches keep the first pattern's. */
export function findTriggers(clause: Clause): Trigger[] {
  const found: Trigger[] = [];
  for (const t of TRIGGERS) {
    for (const m of clause.text.matchAll(t.re)) {
      const start = clause.start + m.index;
      const end = start + m[0].length;
      if (found.some((f) => f.start < end && start < f.end)) continue;
      // "terms in peace talks", "progress in negotiations": talks as a notion, not an event.
      // ("open to meeting Putin" is a verb, and stays.)
      const verbUse = /^meeting$/.test(m[0]) && /^\s+(?:with\b|\p{Lu})/u.test(clause.text.slice(m.index + m[0].length));
      // "for talks with Fidan", "to a meeting in Ankara on Friday": talks with their own arguments are an event.
      const specific = /^\s+(?:with|between|among|in\s+\p{Lu}|on\s+(?:\p{Lu}|\d))/u.test(clause.text.slice(m.index + m[0].length));
      if (t.noun && !verbUse && !specific && /\b(?:in|into|of|for|to|on|about|from|at|toward|towards)\s+(?:(?:peace|direct|future|such|any|ongoing)\s+)?$/i.test(clause.text.slice(Math.max(0, m.index - 30), m.index)) && !/\b(?:rounds?|hours|days|weeks|months|years)\s+of\s+$/i.test(clause.text.slice(Math.max(0, m.index - 12), m.index))) continue;
      // "meeting" as a verb ("are meeting with") is the verb trigger, not the noun.
      found.push({ kind: t.kind, start, end, surface: m[0], noun: t.noun });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The most specific kind among triggers: a summit or a call says more than "talks". */
export function eventKind(triggers: readonly Trigger[], text = ''): EventKind {
  // "met on the sidelines of the APEC summit": the summit is the venue, the event a meeting.
  const venueSummit = (t: Trigger): boolean => t.kind === 'summit' && /\b(?:sidelines\s+of|margins\s+of|at|during|ahead\s+of|before|after)\s+(?:the\s+|a\s+|this\s+|next\s+)?(?:[\p{Lu}\w-]+\s+){0,3}$/u.test(text.slice(Math.max(0, t.start - 60), t.start));
  const meaningful = triggers.filter((t) => !venueSummit(t));
  const kinds = new Set((meaningful.length ? meaningful : triggers).map((t) => t.kind));
  if (kinds.has('summit')) return 'summit';
  if (kinds.has('call')) return 'call';
  if (kinds.has('talks')) return 'talks';
  return 'meeting';
}

const ANY_TRIGGER_WORD = /\b(?:together|signed|signs|sign|received|receives|receive|welcomed|welcomes|welcome|called|rang|dialled|dialed|again|round|summits?|call|conversation|phoned|phone|talks|negotiations|consultations|meetings?|meet|meets|met|sit|sat|sits|host|hosts|hosted|hosting)\b/i;

/** A cheap test: can this text hold a trigger at all? */
export function mayHoldTrigger(text: string): boolean {
  return ANY_TRIGGER_WORD.test(text);
}
