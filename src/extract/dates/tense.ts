// Past, present or future from the verbs of a sentence or of one clause. chrono-node resolves
// "on Monday" without looking at the verb, so Parley decides the direction itself.

export type Tense = 'past' | 'present' | 'future';

// Order matters only inside one position; the nearest marker to the date wins (see tenseAt).
const FUTURE_MARKERS =
  /\b(?:will|won['\u2019]t|shall|['\u2019]ll|going to|(?:is|are|am|was|were) (?:due|set|slated|scheduled|expected|planning|going|about) to|(?:is|are) to|to be held|expected to|scheduled (?:to|for)|set (?:to|for)|slated (?:to|for)|due (?:to|on|for)|plans? to|planned (?:to|for)|intends? to|hopes? to|aims? to|(?:agreed|promised|pledged|offered|decided|vowed|invited \w+|proposed) to|would|could|might|upcoming|next)\b/gi;

const IRREGULAR_PAST = [
  'was',
  'were',
  'had',
  'did',
  'met',
  'held',
  'said',
  'told',
  'spoke',
  'began',
  'took',
  'went',
  'came',
  'gave',
  'made',
  'sat',
  'saw',
  'wrote',
  'flew',
  'left',
  'led',
  'sent',
  'thought',
  'brought',
  'kept',
  'felt',
  'found',
  'got',
  'heard',
  'knew',
  'meant',
  'put',
  'ran',
  'read',
  'set',
  'stood',
  'struck',
  'won',
  'lost',
  'became',
  'rose',
  'fell',
  'broke',
  'chose',
  'drew',
  'drove',
  'forgot',
  'grew',
  'hung',
  'hit',
  'laid',
  'paid',
  'quit',
  'sought',
  'shook',
  'showed',
  'spent',
  'taught',
  'threw',
  'understood',
  'wore',
  'withdrew',
  'ago',
  'yesterday',
  'earlier',
  'previously',
  'last',
];
const PAST_MARKERS = new RegExp(
  `\\b(?:(?:has|have|had)(?: (?:already|also|not|just|since|now|reportedly))? \\w+(?:ed|en|n|t)|${IRREGULAR_PAST.join('|')}|[a-z]{3,}ed)\\b`,
  'gi',
);
/** "-ed" words that are not past verbs here ("expected to" is future, "so-called" an adjective). */
const NOT_PAST =
  /^(?:expected|scheduled|planned|based|related|united|limited|supposed|interested|concerned|unprecedented|detailed|advanced|armed|red|bed|need|speed|feed|seed|shed|indeed|hundred)$/i;
/** An "-ed" word after a determiner is an adjective ("the proposed plan"), as is "so-called". */
const ADJECTIVE_BEFORE = /(?:\b(?:the|a|an|this|that|these|those|its|his|her|their|our|my|your)\s+|so-)$/i;

const PRESENT_MARKERS = /\b(?:is|are|am) (?:\w+ly )?\w+ing\b|\b(?:today|now|currently|this (?:morning|afternoon|evening))\b/gi;

interface Marker {
  index: number;
  end: number;
  tense: Tense;
}

function markersIn(text: string): Marker[] {
  const markers: Marker[] = [];
  for (const m of text.matchAll(FUTURE_MARKERS)) markers.push({ index: m.index, end: m.index + m[0].length, tense: 'future' });
  for (const m of text.matchAll(PAST_MARKERS)) {
    const word = m[0];
    if (NOT_PAST.test(word)) continue;
    // "is expected", "are set": a passive or adjective after a present "to be" is not past.
    const before = text.slice(Math.max(0, m.index - 8), m.index);
    if (/(?:is|are|be) $/i.test(before) && /ed$/i.test(word)) continue;
    if (/ed$/i.test(word) && ADJECTIVE_BEFORE.test(before)) continue;
    if (markers.some((x) => x.tense === 'future' && m.index >= x.index && m.index < x.end)) continue;
    markers.push({ index: m.index, end: m.index + word.length, tense: 'past' });
  }
  for (const m of text.matchAll(PRESENT_MARKERS)) {
    if (markers.some((x) => m.index >= x.index && m.index < x.end)) continue;
    markers.push({ index: m.index, end: m.index + m[0].length, tense: 'present' });
  }
  return markers.sort((a, b) => a.index - b.index);
}

/** The tense of a sentence: that of its first verb marker (news sentences lead with the main verb). */
export function tenseOf(sentence: string): Tense {
  return markersIn(sentence)[0]?.tense ?? 'present';
}

// Clause boundaries: a date belongs to the verb of its own clause ("said on Sunday that talks will
// resume on Monday" has a past Sunday and a future Monday).
const CLAUSE_BOUNDARY =
  /[;:"\u201c\u201d()]|,\s+(?:and|but|while|which|who|where|although|though)\b|\b(?:that|but|while|although|though|after|before|when|because)\b/gi;

/** The tense that governs a date at [start, end) of a sentence. */
export function tenseAt(sentence: string, start: number, end: number): Tense {
  // A clause rarely runs past a few hundred characters; the window keeps run-on text linear.
  const windowStart = Math.max(0, start - CLAUSE_WINDOW);
  const windowEnd = Math.min(sentence.length, end + CLAUSE_WINDOW);
  let clauseStart = windowStart;
  let clauseEnd = windowEnd;
  for (const m of sentence.slice(windowStart, windowEnd).matchAll(CLAUSE_BOUNDARY)) {
    const index = windowStart + m.index;
    if (index + m[0].length <= start) clauseStart = index + m[0].length;
    else if (index >= end) {
      clauseEnd = index;
      break;
    }
  }
  const left = markersIn(sentence.slice(clauseStart, start));
  const nearestLeft = left[left.length - 1];
  if (nearestLeft) return nearestLeft.tense;
  const right = markersIn(sentence.slice(end, clauseEnd));
  if (right[0]) return right[0].tense;
  return tenseOf(sentence.length > 4 * CLAUSE_WINDOW ? sentence.slice(windowStart, windowEnd) : sentence);
}

const CLAUSE_WINDOW = 300;
