// Where the quotations of a text are: pairs of straight or curly double quotes within one
// paragraph. Single quotes are left alone: they are nested quotes ("if Putin says 'no'") or
// apostrophes far more often than quotations.

export interface QuoteSpan {
  /** Offset of the opening quote mark. */
  open: number;
  /** Offset of the closing quote mark. */
  close: number;
  /** The quoted words exactly as written, without the marks. */
  text: string;
}

/** Every double-quoted span, paired per line so an unbalanced quote cannot swallow the article. */
export function findQuoteSpans(text: string): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  for (const line of text.matchAll(/[^\n]+/g)) {
    const base = line.index;
    const s = line[0];
    let open = -1;
    let openChar = '';
    for (let i = 0; i < s.length; i++) {
      const ch = s[i]!;
      if (open < 0) {
        if (ch === '"' || ch === '\u201c' || ch === '\u201e' || ch === '\u00ab') {
          open = i;
          openChar = ch;
        }
        continue;
      }
      const closes =
        openChar === '"' ? ch === '"' : openChar === '\u00ab' ? ch === '\u00bb' : ch === '\u201d' || ch === '"' || reversedClose(s, i);
      if (closes) {
        const inner = s.slice(open + 1, i);
        if (inner.trim().length > 0) spans.push({ open: base + open, close: base + i, text: inner });
        open = -1;
      }
    }
    // A quotation running on into the next paragraph has no closing mark on this line.
    if (open >= 0 && opensRunOnQuote(s, open)) spans.push({ open: base + open, close: base + s.length, text: s.slice(open + 1) });
  }
  for (const single of findSingleQuoteSpans(text)) {
    if (!spans.some((q) => single.open <= q.close && q.open <= single.close)) spans.push(single);
  }
  return spans.sort((a, b) => a.open - b.open);
}

/**
 * "is “a great relief for the world“, especially": an opening mark typed where the closing one
 * belongs, right after a word and before punctuation or a space.
 */
function reversedClose(line: string, i: number): boolean {
  return line[i] === '\u201c' && /[\p{L}\p{N}.,!?]/u.test(line[i - 1] ?? ' ') && /^(?:[\s,.;:!?)]|$)/.test(line.slice(i + 1, i + 2));
}

/**
 * News style leaves a quotation that goes on into the next paragraph without a closing mark. Read
 * as one only when it opens the paragraph or follows "said:" and holds four words or more, so
 * a stray mark ("a 5" screen") is not read as a quotation.
 */
function opensRunOnQuote(line: string, open: number): boolean {
  const before = line.slice(0, open);
  const words = line
    .slice(open + 1)
    .trim()
    .split(/\s+/)
    .filter(Boolean).length;
  return words >= 4 && (/^\s*$/.test(before) || (line[open] !== '"' && /:\s*$/.test(before)));
}

// Headlines quote with single marks: "Zelensky: 'It must not be a game'", "talks are
// ‘constructive,’ envoy says". Only these two attributed shapes are read, because a lone
// apostrophe ("Russia's") looks the same as an opening single quote.
const SINGLE_AFTER_COLON = /:\s*(['\u2018])([^'\u2018\u2019"\n]{3,200}?)['\u2019](?=[\s,.;:!?]|$)/g;
const SINGLE_BEFORE_SAYS =
  /(?:^|[\s(])(['\u2018])([^'\u2018\u2019"\n]{3,200}?)['\u2019](?=,?\s+(?:\S+\s+){1,4}(?:says|said|warns|tells)\b)/g;

// In running text a left single mark after a space opens a quotation, since an apostrophe is
// never typed as one: "will ‘change the relationship for the better,’ after". The closing mark
// is the first right single mark followed by a space or punctuation ("we’re" stays inside).
const SINGLE_CURLY =
  /(?<=^|[\s(])(\u2018)((?:[^\u2018\u2019"\n]|\u2019(?=\p{L}))*?\s(?:[^\u2018\u2019"\n]|\u2019(?=\p{L}))*?)\u2019(?=[\s,.;:!?)]|$)/gu;

/** Single-quoted quotations in the two headline shapes above and curly single quotes in running text. */
export function findSingleQuoteSpans(text: string): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  for (const re of [SINGLE_AFTER_COLON, SINGLE_BEFORE_SAYS, SINGLE_CURLY]) {
    for (const m of text.matchAll(re)) {
      const open = m.index + m[0].indexOf(m[1]!);
      const inner = m[2]!;
      spans.push({ open, close: open + 1 + inner.length, text: inner });
    }
  }
  // One quotation found by two shapes is kept once.
  const sorted = spans.sort((a, b) => a.open - b.open);
  return sorted.filter((q, i) => i === 0 || q.open > sorted[i - 1]!.close);
}

/** True when `pos` lies inside one of the spans (marks included). */
export function insideQuote(spans: readonly QuoteSpan[], pos: number): boolean {
  // Spans come sorted by `open` and never overlap (findQuoteSpans): only the last span opening
  // at or before `pos` can hold it. A binary search keeps mentions × quotes from going quadratic.
  let lo = 0;
  let hi = spans.length - 1;
  let candidate = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (spans[mid]!.open <= pos) {
      candidate = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return candidate >= 0 && pos <= spans[candidate]!.close;
}

/** The text with every quotation's words blanked out (same length), so rules see only the frame. */
export function blankQuotes(text: string, spans: readonly QuoteSpan[], offset = 0): string {
  // Built in one pass (pieces joined once), not by re-slicing the whole text per quotation.
  const pieces: string[] = [];
  let at = 0;
  for (const q of [...spans].sort((x, y) => x.open - y.open)) {
    const from = Math.max(at, q.open + 1 - offset, 0);
    const to = Math.min(text.length, q.close - offset);
    if (to <= from) continue;
    pieces.push(text.slice(at, from), ' '.repeat(to - from));
    at = to;
  }
  pieces.push(text.slice(at));
  return pieces.join('');
}
