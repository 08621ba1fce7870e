// The publication day of an article that carries no date header, read from its dateline:
// "Dec 21, 2025, 12:01 AM", "December 21, 2025", "21 December 2025", "21.12.2025", "2025-12-21",
// "12/21/2025". Only the head of the text is read: a date deep in the body is usually an event,
// not the dateline.
import type { IsoDay } from '../../domain/types.ts';
import { isValidDay, toIsoDay } from './calendar.ts';

const HEAD_CHARS = 1500;

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH =
  '(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?';

interface DatelinePattern {
  pattern: RegExp;
  toDay: (m: RegExpExecArray) => [number, number, number] | null;
}

const monthOf = (word: string): number => MONTH_NAMES.indexOf(word.slice(0, 3).toLowerCase()) + 1;

const PATTERNS: DatelinePattern[] = [
  { pattern: /\b(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}|\b)/, toDay: (m) => [Number(m[1]), Number(m[2]), Number(m[3])] },
  {
    pattern: new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'i'),
    toDay: (m) => [Number(m[3]), monthOf(m[1]!), Number(m[2])],
  },
  {
    pattern: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH},?\\s+(\\d{4})\\b`, 'i'),
    toDay: (m) => [Number(m[3]), monthOf(m[2]!), Number(m[1])],
  },
  { pattern: /\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/, toDay: (m) => [Number(m[3]), Number(m[2]), Number(m[1])] },
  {
    // Slashes are read month first (US style) unless the first number cannot be a month.
    pattern: /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/,
    toDay: (m) => {
      const a = Number(m[1]);
      const b = Number(m[2]);
      return a > 12 ? [Number(m[3]), b, a] : [Number(m[3]), a, b];
    },
  },
];

/** A dateline stands on its own line, or carries a time or a "Published"/"Updated" label. */
function looksLikeDateline(head: string, index: number, length: number): boolean {
  const lineStart = head.lastIndexOf('\n', index) + 1;
  const lineEndIndex = head.indexOf('\n', index + length);
  const line = head.slice(lineStart, lineEndIndex < 0 ? head.length : lineEndIndex);
  const after = head.slice(index + length, index + length + 16);
  if (/^,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}/i.test(after)) return true;
  if (/\b(?:published|updated|posted|date)\b/i.test(line)) return true;
  return line.replace(/[^\p{L}\p{N}]/gu, '').length <= length + 12;
}

/**
 * The publication day read from the head of an article, or null: the first date that looks
 * like a dateline, else the first date at all. Years outside 1990..2100 are ignored.
 */
export function inferPublishedDate(text: string): IsoDay | null {
  const head = text.slice(0, HEAD_CHARS);
  let best: { index: number; day: IsoDay; dateline: boolean } | null = null;
  for (const { pattern, toDay } of PATTERNS) {
    for (const m of head.matchAll(new RegExp(pattern.source, pattern.flags.includes('i') ? 'gi' : 'g'))) {
      const parts = toDay(m as unknown as RegExpExecArray);
      if (!parts) continue;
      const [year, month, day] = parts;
      if (year < 1990 || year > 2100 || !isValidDay(year, month, day)) continue;
      const dateline = looksLikeDateline(head, m.index, m[0].length);
      const better = !best || (dateline && !best.dateline) || (dateline === best.dateline && m.index < best.index);
      if (better) best = { index: m.index, day: toIsoDay(year, month, day), dateline };
    }
  }
  return best?.day ?? null;
}
