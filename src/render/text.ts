// Renders a Reply as plain terminal text for console mode and `parley ask`. Replies are written
// in Discord markdown; here the markup is turned into its plain reading.
import type { Reply } from '../interaction/command.ts';

/** The reply as lines of plain text: content, then each embed's title, description, fields, footer. */
export function replyToText(reply: Reply): string {
  const blocks: string[] = [];
  if (reply.content?.trim()) blocks.push(markdownToPlain(reply.content));
  for (const embed of reply.embeds ?? []) {
    const lines: string[] = [];
    if (embed.title) {
      const title = markdownToPlain(embed.title);
      lines.push(title, '='.repeat(Math.min(visibleLength(title), 72)));
      if (embed.url) lines.push(embed.url);
    }
    if (embed.description?.trim()) lines.push(markdownToPlain(embed.description));
    if (embed.image) lines.push(`[picture: ${embed.image}]`);
    for (const field of embed.fields ?? []) {
      const name = markdownToPlain(field.name).trim();
      const value = markdownToPlain(field.value);
      if (name && name !== '\u200b') lines.push('', `${name}:`);
      lines.push(indent(value, '  '));
    }
    if (embed.footer?.trim()) lines.push('', `-- ${markdownToPlain(embed.footer)}`);
    blocks.push(lines.join('\n'));
  }
  const text = blocks.join('\n\n');
  return text || '(nothing to show)';
}

/**
 * Plain reading of Discord markdown: masked links become "label (url)", emphasis markers and
 * escapes disappear, neutralised mentions lose their zero-width space, block quotes keep a bar.
 */
export function markdownToPlain(markdown: string): string {
  let out = '';
  let i = 0;
  while (i < markdown.length) {
    const ch = markdown[i]!;
    if (ch === '\\' && i + 1 < markdown.length && /[^\p{L}\p{N}\s]/u.test(markdown[i + 1]!)) {
      out += markdown[i + 1];
      i += 2;
      continue;
    }
    if (ch === '[') {
      const linkMatch = matchMaskedLink(markdown, i);
      if (linkMatch) {
        out += `${markdownToPlain(linkMatch.label)} (${linkMatch.url})`;
        i = linkMatch.end;
        continue;
      }
    }
    if (ch === 'h') {
      // Bare URLs are literal: underscores and asterisks in them are not emphasis.
      const url = /^https?:\/\/[^\s<>]+/.exec(markdown.slice(i, i + 2048));
      if (url) {
        out += url[0];
        i += url[0].length;
        continue;
      }
    }
    if (ch === '*' || ch === '_' || ch === '~' || ch === '|') {
      const emphasis = matchEmphasis(markdown, i);
      if (emphasis) {
        out += markdownToPlain(emphasis.inner);
        i = emphasis.end;
        continue;
      }
    }
    if (ch === '`') {
      // A code span is what to type, shown literally: "`0 8 * * 1-5`" keeps its asterisks.
      let fenceEnd = i;
      while (markdown[fenceEnd] === '`') fenceEnd += 1;
      const fence = markdown.slice(i, fenceEnd);
      const close = markdown.indexOf(fence, i + fence.length);
      if (close > i) {
        out += markdown.slice(i + fence.length, close);
        i = close + fence.length;
        continue;
      }
    }
    if (ch === '\u200b') {
      i += 1;
      continue;
    }
    if (ch === '<' && /^<https?:\/\/[^\s>]+>/.test(markdown.slice(i))) {
      const end = markdown.indexOf('>', i);
      out += markdown.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    out += ch;
    i += 1;
  }
  return out.replace(/^> /gm, '| ').replace(/^-# /gm, '');
}

const EMPHASIS_MARKERS = ['**', '__', '~~', '||', '*', '_'] as const;

/**
 * The emphasis that opens at `start`, read as Discord does: the marker is followed by a
 * non-space, a matching marker closes it after a non-space on the same line, and "_" never
 * opens or closes inside a word. Anything else is literal text, so "America/New_York" and
 * "0 8 * * 1-5" stay as typed.
 */
function matchEmphasis(text: string, start: number): { inner: string; end: number } | null {
  const marker = EMPHASIS_MARKERS.find((m) => text.startsWith(m, start));
  if (!marker) return null;
  const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
  const intraword = marker[0] === '_';
  const after = text[start + marker.length];
  if (after === undefined || /\s/.test(after) || (intraword && isWordChar(text[start - 1]))) return null;
  for (let j = start + marker.length + 1; j < text.length; j += 1) {
    const c = text[j];
    if (c === '\n') return null;
    if (c === '\\') {
      j += 1;
      continue;
    }
    if (!text.startsWith(marker, j) || /\s/.test(text[j - 1]!)) continue;
    // "**" is not closed by the first half of a longer run of the same character.
    if (marker.length === 1 && text[j + 1] === marker) {
      j += 1;
      continue;
    }
    if (intraword && isWordChar(text[j + marker.length])) continue;
    return { inner: text.slice(start + marker.length, j), end: j + marker.length };
  }
  return null;
}

function matchMaskedLink(text: string, start: number): { label: string; url: string; end: number } | null {
  let depth = 0;
  for (let j = start; j < text.length; j += 1) {
    const c = text[j];
    if (c === '\\') {
      j += 1;
      continue;
    }
    if (c === '[') depth += 1;
    if (c === ']') {
      depth -= 1;
      if (depth === 0) {
        const rest = /^\((https?:\/\/[^\s)]+)\)/.exec(text.slice(j + 1));
        if (!rest) return null;
        return { label: text.slice(start + 1, j), url: rest[1]!, end: j + 1 + rest[0].length };
      }
    }
    if (c === '\n') return null;
  }
  return null;
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => (line ? prefix + line : line))
    .join('\n');
}

function visibleLength(text: string): number {
  // Code points, as Discord counts them.
  // oxlint-disable-next-line typescript/no-misused-spread
  return [...text].length;
}
