// Plain-text article files, like the scraped articles operators drop into a folder: an optional
// first line ` date YYYY-MM-DD` (sometimes followed by more text on the same line), then the
// page's text with its furniture still in it.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ArticleInput, IsoDay } from '../domain/types.ts';
import { cleanArticleText } from '../clean/boilerplate.ts';
import { decodeText } from './charset.ts';
import { findDateline, parseDateHeader } from './publicationDate.ts';

export interface PlainTextSource {
  file: string | null;
  url: string | null;
  feedId?: number | null;
  /** A date known from outside the text (feed metadata); the header and dateline are used when absent. */
  publishedAt?: IsoDay | null;
  title?: string | null;
  now?: () => Date;
}

const SENTENCE_END = /[.!?…]["'”’)\]]*$/u;

/**
 * A headline: one line of 3 to 30 words that is not a sentence. Only the first paragraph of the
 * cleaned text is considered; if it is prose the article has no title of its own.
 */
export function headlineOf(firstParagraph: string | undefined): string | null {
  if (!firstParagraph || firstParagraph.includes('\n')) return null;
  const words = firstParagraph.trim().split(/\s+/);
  if (words.length < 3 || words.length > 30 || firstParagraph.length > 250) return null;
  const line = firstParagraph.trim();
  if (SENTENCE_END.test(line)) return null;
  // A photo caption often opens the text and has no full stop either; it carries facts and stays.
  if (/\)$/.test(line) || /\b(?:photo|image|picture|pictured|credit|getty|afp|reuters|ap photo)\b/i.test(line)) return null;
  return line;
}

/** Turns the text of an article file into an article: date header or dateline, title, clean text. */
export function articleFromPlainText(raw: string, source: PlainTextSource): ArticleInput {
  const lines = raw
    .replace(/^\ufeff/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  let publishedAt: IsoDay | null = source.publishedAt ?? null;
  let publishedInferred = false;
  const header = lines.length > 0 ? parseDateHeader(lines[0]!) : null;
  if (header) {
    lines[0] = header.rest;
    publishedAt ??= header.publishedAt;
  }
  const now = source.now ?? (() => new Date());
  if (publishedAt === null) {
    // A dateline line of its own, else an agency dateline opening the first paragraph.
    publishedAt = findDateline(lines, 25, now());
    publishedInferred = publishedAt !== null;
  }
  const cleaned = cleanArticleText(lines.join('\n'));
  const paragraphs = cleaned.split('\n\n');
  let title = source.title?.trim() || null;
  const headline = headlineOf(paragraphs[0]);
  if (headline !== null && paragraphs.length > 1) {
    title ??= headline;
    // The headline is the title; kept in the text it would read as a sentence in the present tense.
    if (headline.toLowerCase() === title.toLowerCase()) paragraphs.shift();
  }
  const text = paragraphs.join('\n\n').trim();
  return {
    url: source.url,
    file: source.file,
    title,
    text,
    publishedAt,
    publishedInferred,
    feedId: source.feedId ?? null,
    fetchedAt: now().toISOString(),
  };
}

/** Reads a plain-text article file. Throws with the path in the message when it cannot be read or holds no text. */
export async function readTextArticle(path: string, options: { now?: () => Date } = {}): Promise<ArticleInput> {
  const bytes = await readFile(path);
  const article = articleFromPlainText(decodeText(bytes, null), { file: basename(path), url: null, now: options.now });
  if (article.text === '') throw new Error(`${path}: no article text left after removing boilerplate`);
  return article;
}
