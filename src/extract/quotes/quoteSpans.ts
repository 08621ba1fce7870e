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
      const closes = openChar === '"' ? ch === '"' : openChar === '\u00ab' ? ch === '\u00bb' : ch === '\u201d' || ch === '"';
      if (closes) {
        const inner = s.slice(open + 1, i);
        if (inner.trim().length > 0) spans.push({ open: base + open, close: base + i, text: inner });
        open = -1;
      }
    }
  }
  return spans;
}

/** True when `pos` lies inside one of the spans (marks included). */
export function insideQuote(spans: readonly QuoteSpan[], pos: number): boolean {
  return spans.some((q) => pos >= q.open && pos <= q.close);
}

/** The text with every quotation's words blanked out (same length), so rules see only the frame. */
export function blankQuotes(text: string, spans: readonly QuoteSpan[], offset = 0): string {
  let out = text;
  for (const q of spans) {
    const a = q.open + 1 - offset;
    const b = q.close - offset;
    if (b <= 0 || a >= out.length) continue;
    const from = Math.max(0, a);
    const to = Math.min(out.length, b);
    out = out.slice(0, from) + ' '.repeat(to - from) + out.slice(to);
  }
  return out;
}
