// Article-derived text goes into Discord markdown. Escaping it keeps a headline like
// "*Breaking*" from turning bold and, more importantly, keeps "@everyone" or "<@123>" inside a
// quoted article from pinging anyone even if a transport forgot allowed_mentions.

const ZERO_WIDTH_SPACE = '\u200b';

// Characters that are markdown anywhere in a line: emphasis, strike, code, spoilers, masked links.
const INLINE_MARKDOWN = /[\\*_~`|[\]]/g;
// Markers that only mean something at the start of a line: quotes, headings, subtext, lists.
const LINE_START_MARKDOWN = /^([ \t]*)(>|#|-|\+|(\d+)\.(?=\s))/gm;
// @everyone / @here, user, role, channel and slash-command mentions.
const MASS_MENTION = /@(everyone|here)/gi;
const ID_MENTION = /<(@[!&]?|#|\/)/g;

/** Escapes Discord markdown in untrusted text and neutralises every kind of mention. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(INLINE_MARKDOWN, (ch) => `\\${ch}`)
    .replace(LINE_START_MARKDOWN, (_m, indent: string, marker: string, digits: string | undefined) =>
      digits === undefined ? `${indent}\\${marker}` : `${indent}${digits}\\.`,
    )
    .replace(MASS_MENTION, (_m, word: string) => `@${ZERO_WIDTH_SPACE}${word}`)
    .replace(ID_MENTION, (_m, sigil: string) => `<${ZERO_WIDTH_SPACE}${sigil}`);
}

/** Only neutralises mentions, for places that show text literally (embed footers, autocomplete). */
export function neutraliseMentions(text: string): string {
  return text
    .replace(MASS_MENTION, (_m, word: string) => `@${ZERO_WIDTH_SPACE}${word}`)
    .replace(ID_MENTION, (_m, sigil: string) => `<${ZERO_WIDTH_SPACE}${sigil}`);
}

/** Escapes text for use inside a masked link label, where "]" would end the label early. */
export function escapeLinkLabel(text: string): string {
  return escapeMarkdown(text.replace(/\s+/g, ' '));
}

/**
 * Shortens text to at most `max` UTF-16 units (Discord counts characters; a UTF-16 length never
 * undercounts them), ending with "…". Never splits a surrogate pair or leaves a dangling escape.
 */
export function truncate(text: string, max: number): string {
  if (max <= 0) return '';
  if (text.length <= max) return text;
  if (max === 1) return '…';
  let end = max - 1;
  if (isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  let head = text.slice(0, end);
  // A trailing lone backslash would escape the ellipsis; drop it with its pair.
  const trailingBackslashes = /\\+$/.exec(head)?.[0].length ?? 0;
  if (trailingBackslashes % 2 === 1) head = head.slice(0, -1);
  return `${head.trimEnd()}…`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** A masked link whose label is escaped; URLs that are not http(s) are shown as plain text. */
export function link(label: string, url: string | null | undefined): string {
  const safeLabel = escapeLinkLabel(label);
  if (!url || !/^https?:\/\//i.test(url)) return safeLabel;
  // ")" and whitespace would end the URL part of a masked link early; "@" could read as a mention.
  const safeUrl = url.replace(/\)/g, '%29').replace(/\s/g, '%20').replace(/@/g, '%40');
  return `[${safeLabel}](${safeUrl})`;
}
