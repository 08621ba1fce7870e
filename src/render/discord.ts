// Turns a transport-neutral Reply into a Discord message body that Discord will accept: every
// size limit enforced, overflow split into continuation embeds, and no mention ever parsed.
import { MessageFlags, type APIEmbed, type APIEmbedField } from 'discord-api-types/v10';
import type { Reply, ReplyEmbed, ReplyField } from '../interaction/command.ts';
import { truncate } from './markdown.ts';

export const DISCORD_LIMITS = {
  content: 2000,
  embeds: 10,
  embedTotal: 6000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  files: 10,
  /** What a bot may upload to a server without boosts, per file. */
  fileBytes: 10 * 1024 * 1024,
  attachmentDescription: 1024,
} as const;

export interface DiscordMessageBody {
  content?: string;
  embeds: APIEmbed[];
  flags?: number;
  allowed_mentions: { parse: [] };
  /** The files sent with the body (multipart), by their index in `replyFilesForDiscord`. */
  attachments?: Array<{ id: number; filename: string; description?: string }>;
}

/** A file as Discord gets it, beside the JSON body. */
export interface DiscordFile {
  name: string;
  data: Buffer;
  description?: string;
}

const FILE_NAME = /^[A-Za-z0-9._-]{1,100}$/;
const FILE_TOO_LARGE_NOTE = '(a file was left out: Discord takes at most 10 files of 10 MB each)';

const OMITTED_NOTE = '… more not shown (Discord size limit)';

// Discord rejects empty field names and values; a zero-width space renders as nothing.
const BLANK = '\u200b';

/** Enforces every Discord message limit on `reply`; the result is always accepted by Discord. */
export function fitReplyForDiscord(reply: Reply): DiscordMessageBody {
  const files = replyFilesForDiscord(reply);
  const attached = new Set(files.map((f) => f.name));
  const embeds = budgetEmbeds((reply.embeds ?? []).flatMap((embed) => splitEmbed(embed, attached)));
  const dropped = (reply.files?.length ?? 0) > files.length;
  const text = [reply.content?.trim() ? reply.content : null, dropped ? FILE_TOO_LARGE_NOTE : null].filter(Boolean).join('\n');
  let content = text ? truncate(text, DISCORD_LIMITS.content) : undefined;
  if (content === undefined && embeds.length === 0 && files.length === 0) content = '(nothing to show)';
  const body: DiscordMessageBody = { embeds, allowed_mentions: { parse: [] } };
  if (content !== undefined) body.content = content;
  if (reply.ephemeral) body.flags = MessageFlags.Ephemeral;
  if (files.length > 0) {
    body.attachments = files.map((f, id) => ({ id, filename: f.name, ...(f.description ? { description: f.description } : {}) }));
  }
  return body;
}

/**
 * The files of a reply that Discord will take: at most 10, each at most 10 MB with a plain file
 * name; a description (the alt text) cut to 1024 characters.
 */
export function replyFilesForDiscord(reply: Reply): DiscordFile[] {
  const files: DiscordFile[] = [];
  const seen = new Set<string>();
  for (const file of reply.files ?? []) {
    if (files.length >= DISCORD_LIMITS.files || file.data.byteLength > DISCORD_LIMITS.fileBytes) continue;
    if (!FILE_NAME.test(file.name) || seen.has(file.name)) continue;
    seen.add(file.name);
    const description = file.description?.replace(/\s+/g, ' ').trim();
    files.push({
      name: file.name,
      data: Buffer.from(file.data),
      ...(description ? { description: truncate(description, DISCORD_LIMITS.attachmentDescription) } : {}),
    });
  }
  return files;
}

/** Splits one reply embed into as many Discord-sized embeds as its description and fields need. */
function splitEmbed(embed: ReplyEmbed, attached: ReadonlySet<string>): APIEmbed[] {
  const descriptionChunks = embed.description ? splitText(embed.description, DISCORD_LIMITS.description) : [];
  const fields = (embed.fields ?? []).flatMap(splitField);
  const pages: APIEmbed[] = [];
  const first: APIEmbed = {};
  if (embed.title) first.title = truncate(embed.title.replace(/\s+/g, ' ').trim(), DISCORD_LIMITS.title);
  if (embed.url && isHttpUrl(embed.url)) first.url = embed.url;
  if (embed.image && attached.has(embed.image)) first.image = { url: `attachment://${embed.image}` };
  pages.push(first);
  descriptionChunks.forEach((chunk, i) => {
    if (i === 0) first.description = chunk;
    else pages.push({ description: chunk });
  });
  for (const field of fields) {
    let page = pages[pages.length - 1]!;
    if ((page.fields?.length ?? 0) >= DISCORD_LIMITS.fields) {
      page = {};
      pages.push(page);
    }
    (page.fields ??= []).push(field);
  }
  const last = pages[pages.length - 1]!;
  if (embed.footer?.trim()) last.footer = { text: truncate(embed.footer, DISCORD_LIMITS.footer) };
  if (embed.color !== undefined) for (const page of pages) page.color = embed.color;
  return pages.filter((page) => embedLength(page) > 0 || page.image);
}

/** A long field value continues in further fields with a blank name. */
function splitField(field: ReplyField): APIEmbedField[] {
  const name = truncate(field.name.replace(/\s+/g, ' ').trim(), DISCORD_LIMITS.fieldName) || BLANK;
  const chunks = field.value.trim() ? splitText(field.value, DISCORD_LIMITS.fieldValue) : [BLANK];
  return chunks.map((value, i) => ({ name: i === 0 ? name : BLANK, value, ...(field.inline ? { inline: true } : {}) }));
}

/** Keeps at most 10 embeds and 6000 characters in all; what does not fit is cut with "…". */
function budgetEmbeds(pages: APIEmbed[]): APIEmbed[] {
  let budget: number = DISCORD_LIMITS.embedTotal;
  const kept: APIEmbed[] = [];
  let omitted = pages.length > DISCORD_LIMITS.embeds;
  for (const page of pages.slice(0, DISCORD_LIMITS.embeds)) {
    if (budget <= 0) {
      omitted = true;
      break;
    }
    const fitted: APIEmbed = {};
    if (page.color !== undefined) fitted.color = page.color;
    if (page.image) fitted.image = page.image;
    const take = (text: string, min = 1): string | null => {
      if (budget < min) return null;
      const cut = truncate(text, budget);
      budget -= cut.length;
      return cut;
    };
    let exhausted = false;
    if (page.title) {
      const title = take(page.title);
      if (title) {
        fitted.title = title;
        if (page.url) fitted.url = page.url;
      }
      exhausted = title !== page.title;
    }
    if (!exhausted && page.description) {
      const description = take(page.description);
      if (description) fitted.description = description;
      exhausted = description !== page.description;
    }
    for (const field of page.fields ?? []) {
      if (exhausted) break;
      // A field needs its name and at least a little of its value to be worth showing.
      if (budget < field.name.length + Math.min(field.value.length, 2)) {
        exhausted = true;
        break;
      }
      budget -= field.name.length;
      const value = take(field.value)!;
      (fitted.fields ??= []).push({ ...field, value });
      exhausted = value !== field.value;
    }
    if (!exhausted && page.footer) {
      const footer = take(page.footer.text);
      if (footer) fitted.footer = { text: footer };
    }
    if (embedLength(fitted) > 0 || fitted.image) kept.push(fitted);
    if (exhausted) {
      omitted = true;
      break;
    }
  }
  // Say that something was left out, when there is room to say it.
  const last = kept[kept.length - 1];
  if (omitted && last && !last.footer && budget >= OMITTED_NOTE.length) last.footer = { text: OMITTED_NOTE };
  return kept;
}

/** The characters Discord counts towards the 6000 limit. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0)
  );
}

/**
 * Cuts text into chunks of at most `max` characters, preferring line breaks, then spaces, so
 * that a list of talks splits between items rather than inside one.
 */
export function splitText(text: string, max: number): string[] {
  const chunks: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut < max / 2) cut = rest.lastIndexOf(' ', max);
    if (cut < max / 2) {
      cut = max;
      const code = rest.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
      // Never leave an escape backslash at the end of a chunk, detached from what it escapes.
      while (cut > 1 && rest[cut - 1] === '\\') cut -= 1;
      if (cut <= 0) cut = max;
    }
    const chunk = rest.slice(0, cut).trimEnd();
    if (chunk) chunks.push(chunk);
    rest = rest.slice(cut).trimStart();
  }
  if (rest) chunks.push(rest);
  return chunks;
}

function isHttpUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:';
  } catch {
    return false;
  }
}
