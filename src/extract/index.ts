// Per-article extraction: people, quotes and events from one article's text. Pure and
// deterministic; the merge stage combines what many articles say about the same event.
import type { ArticleExtraction, IsoDay } from '../domain/types.ts';
import type { KnownPerson, KnownPlace } from '../config/schema.ts';
import { extractEvents } from './events/extractEvents.ts';
import { extractPeople } from './people/extractPeople.ts';
import type { ArticleFrame } from './people/reference.ts';
import { attributeQuotes } from './quotes/extractQuotes.ts';
import { findQuoteSpans } from './quotes/quoteSpans.ts';
import { splitSentences } from './sentences.ts';

/** Bump when the rules change, so stored articles get extracted again. */
export const EXTRACTION_VERSION = 31;

export interface ExtractionKnowledge {
  people: KnownPerson[];
  places: KnownPlace[];
}

export interface ArticleForExtraction {
  text: string;
  title: string | null;
  publishedAt: IsoDay | null;
}

/**
 * Text beyond this many characters is not read. News articles are a few to a few dozen KB; a
 * multi-megabyte "article" is a scraping accident, and reading all of it would hold a worker for
 * minutes (the rules are linear, but with a large constant on text dense with dates and names).
 */
export const MAX_ARTICLE_CHARS = 200_000;

/** The title is read like a first paragraph unless the text already starts with it. */
export function fullText(article: ArticleForExtraction): string {
  let text = article.text.length > MAX_ARTICLE_CHARS ? article.text.slice(0, MAX_ARTICLE_CHARS) : article.text;
  // Not half a surrogate pair at the cut.
  if (/[\uD800-\uDBFF]$/.test(text)) text = text.slice(0, -1);
  text = text.replace(/\r\n?/g, '\n');
  const title = article.title?.trim();
  if (!title || text.trimStart().startsWith(title)) return text;
  return `${title}\n\n${text}`;
}

export function extractArticle(article: ArticleForExtraction, knowledge: ExtractionKnowledge): ArticleExtraction {
  if (typeof article?.text !== 'string') throw new TypeError('extractArticle: article.text must be a string');
  if (!Array.isArray(knowledge?.people) || !Array.isArray(knowledge?.places)) {
    throw new TypeError('extractArticle: knowledge needs people and places arrays (empty arrays are fine)');
  }
  const text = fullText(article);
  const publishedAt = article.publishedAt && /^\d{4}-\d{2}-\d{2}$/.test(article.publishedAt) ? article.publishedAt : null;
  const people = extractPeople(text, knowledge.people);
  const frame: ArticleFrame = { text, sentences: splitSentences(text), people, quotes: findQuoteSpans(text) };
  const attributed = attributeQuotes(frame, publishedAt);
  const speakerOfQuote = (pos: number): string | null =>
    attributed.find((a) => pos > a.span.open && pos < a.span.close)?.quote.speakerKey ?? null;
  const events = extractEvents({ frame, publishedAt, knownPlaces: knowledge.places, speakerOfQuote });
  return { people: people.people, events, quotes: attributed.map((a) => a.quote) };
}
