// RSS and Atom feeds through rss-parser: the items with their link, title, date and whatever
// text the feed carries (full content or only a summary).
import { createRequire } from 'node:module';
import type Parser from 'rss-parser';
import type { IsoDay } from '../domain/types.ts';
import { parseMetadataDate } from './publicationDate.ts';

export interface FeedItem {
  link: string | null;
  title: string | null;
  publishedAt: IsoDay | null;
  /** The item's HTML content (content:encoded, Atom content), or its description when that is all there is. */
  html: string | null;
  /** Length of the item's text without markup: decides whether the linked page must be fetched. */
  textLength: number;
}

export interface ParsedFeed {
  title: string | null;
  items: FeedItem[];
}

/** True when the document's root element is a feed: <rss>, Atom <feed> or RSS 1.0 <rdf:RDF>. */
export function isFeedDocument(text: string): boolean {
  const head = text
    .slice(0, 4096)
    .replace(/^\ufeff/, '')
    .replace(/<\?[\s\S]*?\?>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<!DOCTYPE[^>]*>/gi, '')
    .trimStart();
  return /^<(?:rss|feed|rdf:RDF)[\s>]/i.test(head);
}

export class MalformedFeedError extends Error {
  constructor(where: string, detail: string) {
    super(`malformed feed at ${where}: ${detail}`);
    this.name = 'MalformedFeedError';
  }
}

type FeedParser = Parser<Record<string, unknown>, { contentEncoded?: string }>;
// rss-parser (and the XML libraries under it) is required on the first feed, not at start-up.
const require = createRequire(import.meta.url);
let parser: FeedParser | null = null;
function feedParser(): FeedParser {
  if (parser === null) {
    const FeedParserClass = require('rss-parser') as typeof Parser;
    parser = new FeedParserClass({ customFields: { item: [['content:encoded', 'contentEncoded']] } });
  }
  return parser;
}

function plainLength(html: string): number {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&[#\w]+;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim().length;
}

/** An item link made absolute against the feed's own URL (some feeds use relative links). */
function absoluteLink(link: string | undefined, feedUrl: string | null): string | null {
  const trimmed = link?.trim();
  if (!trimmed) return null;
  try {
    return new URL(trimmed, feedUrl ?? undefined).href;
  } catch {
    return trimmed;
  }
}

/**
 * Parses an RSS or Atom document fetched from `where` (a URL, or a file path). Throws
 * `MalformedFeedError` naming the feed when it is not one.
 */
export async function parseFeed(xml: string, where: string): Promise<ParsedFeed> {
  const feedUrl = /^https?:\/\//i.test(where) ? where : null;
  if (!isFeedDocument(xml)) throw new MalformedFeedError(where, 'the document is not RSS or Atom');
  let output: Awaited<ReturnType<FeedParser['parseString']>>;
  try {
    output = await feedParser().parseString(xml);
  } catch (err) {
    throw new MalformedFeedError(where, (err as Error).message.split('\n')[0] ?? 'unparsable XML');
  }
  const items = (output.items ?? []).map((item): FeedItem => {
    const record = item as typeof item & { contentEncoded?: string; description?: string };
    const candidates = [record.contentEncoded, record.content, record.summary, record.description].filter(
      (c): c is string => typeof c === 'string' && c.trim() !== '',
    );
    // The longest of the item's texts: some feeds put the full article in content, some in description.
    const html = candidates.sort((a, b) => plainLength(b) - plainLength(a))[0] ?? null;
    const link = absoluteLink(typeof item.link === 'string' ? item.link : undefined, feedUrl);
    // pubDate as the publisher wrote it (isoDate is converted to UTC, which can shift the day).
    return {
      link,
      title: item.title?.trim() || null,
      publishedAt: parseMetadataDate(item.pubDate ?? item.isoDate ?? null),
      html,
      textLength: html ? plainLength(html) : 0,
    };
  });
  return { title: output.title?.trim() || null, items };
}
