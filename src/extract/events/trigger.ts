// Step 1, the trigger: the words that name an event (talks, a meeting, a call, a summit) and the
// kind each names. A trigger only proposes an event; the later steps decide whether it is one
// (who the sides are, whether it was held).
import type { EventKind } from '../../domain/types.ts';
import type { Clause } from './clause.ts';
import type { PatternRow } from './patternTable.ts';

export interface Trigger {
  kind: EventKind;
  /** Offsets into the article text. */
  start: number;
  end: number;
  surface: string;
  noun: boolean;
}

export interface TriggerRow extends PatternRow {
  kind: EventKind;
  /** A noun ("talks") rather than a verb ("met"): a noun can name talks as a mere notion. */
  noun: boolean;
}

/** In order: where two rows overlap, the earlier row's trigger is kept. */
export const TRIGGERS: readonly TriggerRow[] = [
  {
    name: 'a summit',
    pattern: /\bsummits?\b/gi,
    kind: 'summit',
    noun: true,
    matches: ['Leaders of the bloc open their summit in Lima.', 'It was the second of two summits this year.'],
    rejects: ['The summary of the report was brief.'],
  },
  {
    name: 'a phone or video call, in its many phrasings',
    pattern:
      /\b(?:(?:phone|telephone|video)[\s-]+(?:calls?|conversations?|talks?|meeting|conference|link)|videoconference|video-conference|(?:first|a|the|his|her|their)\s+call\s+to\s+(?=\p{Lu}|the\s)|call(?:ed)?\s+by\s+(?:phone|telephone)|(?:spoke|talked|speak|talk|speaks|talks)\s+(?:(?:with|to)\s+[^,.;]{1,60}?\s+)?(?:by|on\s+the|over\s+the)\s+(?:phone|telephone)|phoned|(?:called|rang|dialled|dialed)\s+(?:his|her|their)\s+(?:[\p{L}-]+\s+){0,2}counterparts?|(?:speak|speaks|spoke|spoken|talk|talked)\s+again|(?:a|the|their|his|her)\s+(?:["\u201c][^"\u201d]{1,60}["\u201d]\s+|\p{Ll}+\s+)?call\s+with)\b/gu,
    kind: 'call',
    noun: true,
    matches: [
      'The two presidents held a phone call on Monday.',
      'She spoke with the Kenyan president by phone.',
      'He phoned the chancellor after the vote.',
      'The premier called his Brazilian counterpart.',
      'The ministers will speak again next week.',
      'It followed their call with the envoy.',
      'The premier held a phone meeting with the Dutch prime minister.',
      'The leaders met by video link.',
      'He made his first call to President Lula.',
      'She had her first phone calls with three leaders.',
    ],
    rejects: [
      'The minister called for a ceasefire.',
      'Her phone was switched off.',
      'They spoke at a rally.',
      'It was a call to arms.',
      'the call to prayer',
    ],
  },
  {
    name: 'talks or negotiations',
    pattern: /\b(?:talks|negotiations|consultations|conversation|round\s+of\s+(?:peace\s+)?(?:talks|negotiations|consultations))\b/gi,
    kind: 'talks',
    noun: true,
    matches: ['Envoys held talks in Oslo.', 'Negotiations resumed on Friday.', 'a round of peace talks'],
    rejects: ['He talked at length.', 'The negotiator arrived.'],
  },
  {
    // "discussions" alone is any exchange of views; held with someone, it is talks.
    name: 'discussions held with someone',
    pattern:
      /\b(?:(?:held|hold|holds|holding)\s+(?:\p{Ll}+\s+){0,2}discussions(?=\s+(?:with|between|in|on)\b)|discussions(?=\s+(?:with|between)\s+(?:\p{Lu}|the\s+\p{Ll}+\s+(?:delegation|side|envoy|president|minister))|\s+\p{Lu}[\p{L}'\u2019-]+(?:\s+\p{Lu}[\p{L}'\u2019-]+){0,2}\s+(?:and\s+\p{Lu}|held\b|had\b|[\u2014\u2013])))/gu,
    kind: 'talks',
    noun: true,
    matches: [
      'The ministers held lengthy discussions with their Kenyan hosts.',
      'the discussions Ruto and Samia held with Museveni went well',
      'the discussions Ruto \u2014 the Kenyan president \u2014 held with Museveni',
      'discussions with Kenyan President William Ruto',
    ],
    rejects: ['There were discussions about the budget.', 'discussions with investors continue', 'Discussions are under way.'],
  },
  {
    // "the next round would take place on April 19"
    name: 'a numbered or next round',
    pattern:
      /\b(?:next|new|another|second|third|fourth|fifth|latest|fresh|final)\s+round\b(?!\s+of\s+(?!talks|negotiations|consultations))/gi,
    kind: 'talks',
    noun: true,
    matches: ['The next round will be held in Doha.', 'a second round of negotiations'],
    rejects: ['the second round of voting', 'The first round ended.'],
  },
  {
    name: 'a meeting',
    pattern: /\bmeetings?\b/gi,
    kind: 'meeting',
    noun: true,
    matches: ['The meeting in Cairo ended late.', 'after two meetings'],
    rejects: ['They will meet later.'],
  },
  {
    // "Xi will host Macron in Beijing": hosting a person is meeting them.
    name: 'hosting a person',
    pattern:
      /\b(?:host|hosts|hosted|hosting)\b(?=\s+(?:(?:his|her|the|a)\s+)?(?:\p{Lu}|\p{Ll}+\s+(?:counterpart|delegation|leader|president|minister)))/gu,
    kind: 'meeting',
    noun: false,
    matches: ['The king will host Macron in Rabat.', 'She hosted her Kenyan counterpart.', 'Oslo is hosting the delegation leaders.'],
    rejects: ['The city hosted a dinner.', 'a host city'],
  },
  {
    // Two sides signing an agreement meet to do it: "signed a peace agreement at the State Department".
    name: 'signing an agreement together',
    pattern:
      /\b(?:signed|signs|will\s+sign|to\s+sign)\s+(?:a|an|the|their)\s+(?:(?!(?:the|a|an|law|decree|order|bill)\b)[\p{L}-]+\s+){0,3}(?:agreement|accord|deal|declaration|treaty|text|memorandum|pact|communiqu\u00e9|communique)\b/gu,
    kind: 'meeting',
    noun: false,
    matches: ['The two ministers signed a border agreement.', 'They will sign the trade deal on Friday.'],
    rejects: ['The president signed a decree.', 'He signed the law ratifying the treaty.'],
  },
  {
    // "received the two ministers in the Oval Office", "welcomed his Kenyan counterpart".
    name: 'receiving a delegation or a counterpart',
    pattern:
      /\b(?:received|receives|receive|welcomed|welcomes|welcome)\s+(?:the\s+two\s+\p{Ll}+|(?:his|her|their)\s+(?:[\p{L}-]+\s+)?counterparts?|the\s+(?:[\p{L}-]+\s+)?(?:delegations?|ministers|leaders|envoys?|president|premier))\b(?!['\u2019])|\b(?:received|welcomed)\s+(?=(?:\p{Lu}[\p{L}.'\u2019-]+\s+){1,4}(?:at|in|on)\b)/gu,
    kind: 'meeting',
    noun: false,
    matches: [
      'The president received the two ministers.',
      'He welcomed his Kenyan counterpart.',
      'The king received William Ruto at the palace.',
    ],
    rejects: ["Serbia received the delegation's proposal.", 'She received a letter.'],
  },
  {
    // "The final push in Doha brought together the US envoys, Egyptian officials and an Israeli team".
    name: 'bringing people together',
    pattern: /\b(?:brought|brings|bring|bringing)\s+together\b/g,
    kind: 'meeting',
    noun: false,
    matches: ['The forum brought together envoys of both sides.'],
    rejects: ['The envoys came together.'],
  },
  {
    // "has been met with criticism" is not a meeting.
    name: 'meeting as a verb',
    pattern:
      /(?<!\b(?:been|was|were|is|are|be)\s+)\b(?:meet|meets|met|meeting\s+with|(?:sit|sat|sits)\s+down(?:\s+with)?(?!\s+(?:for|to|with)\s+(?:an?\s+)?(?:interview|dinner|lunch)))\b/g,
    kind: 'meeting',
    noun: false,
    matches: ['The envoys will meet on Friday.', 'She met with the premier.', 'They sat down with the mediators.'],
    rejects: ['The plan has been met with criticism.', 'He sat down for an interview.'],
  },
];

/**
 * "terms in peace talks", "progress in negotiations": a talks noun as a notion, not an event.
 * "open to meeting Putin" is a verb, and "for talks with Fidan", "to a meeting in Ankara on
 * Friday" have their own arguments: those are events.
 */
export function talksAsNotion(before: string, word: string, after: string): boolean {
  const verbUse = /^meeting$/.test(word) && /^\s+(?:with\b|\p{Lu})/u.test(after);
  const specific = /^\s+(?:with|between|among|in\s+\p{Lu}|on\s+(?:\p{Lu}|\d))/u.test(after);
  return (
    !verbUse &&
    !specific &&
    /\b(?:in|into|of|for|to|on|about|from|at|toward|towards)\s+(?:(?:starting|resuming|holding|opening|launching|beginning|restarting|renewing)\s+)?(?:(?:peace|direct|future|such|any|ongoing)\s+)?$/i.test(
      before.slice(-45),
    ) &&
    !/\b(?:rounds?|hours|days|weeks|months|years)\s+of\s+$/i.test(before.slice(-12))
  );
}

/** Talk triggers in a clause, in order; overlapping matches keep the first pattern's. */
export function findTriggers(clause: Clause): Trigger[] {
  const found: Trigger[] = [];
  for (const t of TRIGGERS) {
    for (const m of clause.text.matchAll(t.pattern)) {
      const start = clause.start + m.index;
      const end = start + m[0].length;
      if (found.some((f) => f.start < end && start < f.end)) continue;
      if (t.noun && talksAsNotion(clause.text.slice(0, m.index), m[0], clause.text.slice(m.index + m[0].length))) continue;
      found.push({ kind: t.kind, start, end, surface: m[0], noun: t.noun });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** "met on the sidelines of the APEC summit": the summit is the venue, the event a meeting. */
export function summitAsVenue(before: string): boolean {
  return /\b(?:sidelines\s+of|margins\s+of|at|during|ahead\s+of|before|after)\s+(?:the\s+|a\s+|this\s+|next\s+)?(?:[\p{Lu}\w-]+\s+){0,3}$/u.test(
    before,
  );
}

/** The most specific kind among triggers: a summit or a call says more than "talks". */
export function eventKind(triggers: readonly Trigger[], text = ''): EventKind {
  const venueSummit = (t: Trigger): boolean => t.kind === 'summit' && summitAsVenue(text.slice(Math.max(0, t.start - 60), t.start));
  const meaningful = triggers.filter((t) => !venueSummit(t));
  const kinds = new Set((meaningful.length ? meaningful : triggers).map((t) => t.kind));
  if (kinds.has('summit')) return 'summit';
  if (kinds.has('call')) return 'call';
  if (kinds.has('talks')) return 'talks';
  return 'meeting';
}

/** The kind a bare event noun names ("the meeting", "that call"). */
export function kindOfWord(text: string): EventKind | null {
  if (/\bsummit\b/i.test(text)) return 'summit';
  if (/\bcall\b/i.test(text)) return 'call';
  if (/\b(?:talks|negotiations)\b/i.test(text)) return 'talks';
  if (/\b(?:meeting|session|visit)\b/i.test(text)) return 'meeting';
  return null;
}

const ANY_TRIGGER_WORD =
  /\b(?:together|discussions|videoconference|video-conference|signed|signs|sign|received|receives|receive|welcomed|welcomes|welcome|called|rang|dialled|dialed|again|round|summits?|call|conversation|phoned|phone|talks|negotiations|consultations|meetings?|meet|meets|met|sit|sat|sits|host|hosts|hosted|hosting)\b/i;

/** A cheap test: can this text hold a trigger at all? */
export function mayHoldTrigger(text: string): boolean {
  return ANY_TRIGGER_WORD.test(text);
}
