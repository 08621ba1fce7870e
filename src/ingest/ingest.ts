// The ingest pipeline: files, folders, page URLs and feed URLs in; clean, deduplicated articles
// in the store out. The CLI (`parley ingest`) and the feed poller both go through here.
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { LoadedConfig } from '../config/schema.ts';
import type { ArticleInput, IsoDay, StoredArticle } from '../domain/types.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store/store.ts';
import { mapInOrder } from '../async/concurrency.ts';
import { decodeText } from './charset.ts';
import { canonicalUrl } from './dedup.ts';
import { isFeedDocument, parseFeed, type FeedItem, type ParsedFeed } from './feed.ts';
import { fetchUrl, formatBytes, type FetchOptions } from './fetch.ts';
import { articleFromHtml } from './html.ts';
import { articleFromPlainText } from './textFile.ts';
import { estimatePublishedDate } from '../extract/dates/estimatePublished.ts';
import { daysBetween } from '../extract/dates/calendar.ts';

export interface IngestDeps {
  store: Store;
  config: LoadedConfig;
  logger: Logger;
  /** Runs after each newly stored article (extraction and merging). A failure is reported, the article stays stored. */
  afterStore?: (article: StoredArticle) => Promise<void>;
  onProgress?: (p: { done: number; total: number; current: string }) => void;
  /** The clock; defaults to the system clock. */
  now?: () => Date;
  /** Aborts the run's fetches at once and stops it before the next item (shutdown). */
  signal?: AbortSignal;
}

export interface IngestSummary {
  ingested: number;
  duplicates: number;
  failed: Array<{ input: string; reason: string }>;
}

/** Feed items whose text is shorter than this carry only a summary; the linked page has the article. */
export const FULL_TEXT_MIN_CHARS = 500;

/** File types a folder is searched for. */
const ARTICLE_FILE_EXTENSIONS = new Set(['.txt', '.html', '.htm']);

export function emptySummary(): IngestSummary {
  return { ingested: 0, duplicates: 0, failed: [] };
}

export function addSummaries(into: IngestSummary, from: IngestSummary): IngestSummary {
  into.ingested += from.ingested;
  into.duplicates += from.duplicates;
  into.failed.push(...from.failed);
  return into;
}

export function fetchOptionsFrom(config: LoadedConfig): FetchOptions {
  const f = config.parley.fetch;
  return { timeoutMs: f.timeoutMs, maxBytes: f.maxBytes, maxRedirects: f.maxRedirects, userAgent: f.userAgent };
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function medianDay(days: IsoDay[]): IsoDay | null {
  if (days.length === 0) return null;
  return [...days].sort()[Math.floor((days.length - 1) / 2)]!;
}

/** The most days any of `days` lies from `center` (0 for none). */
function spreadAround(center: IsoDay, days: IsoDay[]): number {
  return Math.max(0, ...days.map((d) => Math.abs(daysBetween(center, d))));
}

function isUrl(input: string): boolean {
  return /^https?:\/\//i.test(input.trim());
}

type Job = { kind: 'url'; url: string } | { kind: 'file'; path: string };

/** Files of the article types inside a folder and its subfolders, hidden ones skipped, in name order. */
async function articleFilesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await articleFilesIn(path)));
    else if (entry.isFile() && ARTICLE_FILE_EXTENSIONS.has(extname(entry.name).toLowerCase())) files.push(path);
  }
  return files;
}

async function expandInputs(inputs: string[], summary: IngestSummary): Promise<Job[]> {
  const jobs: Job[] = [];
  for (const input of inputs) {
    if (isUrl(input)) {
      jobs.push({ kind: 'url', url: input.trim() });
      continue;
    }
    const scheme = /^([a-z][a-z\d+.-]*):\/\//i.exec(input.trim())?.[1];
    if (scheme) {
      summary.failed.push({ input, reason: `${scheme.toLowerCase()}:// is not fetched; Parley fetches only http:// and https:// URLs` });
      continue;
    }
    try {
      const info = await stat(input);
      if (info.isDirectory()) {
        const files = await articleFilesIn(input);
        if (files.length === 0) summary.failed.push({ input, reason: 'folder holds no .txt, .html or .htm files' });
        jobs.push(...files.map((path): Job => ({ kind: 'file', path })));
      } else jobs.push({ kind: 'file', path: input });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      summary.failed.push({ input, reason: code === 'ENOENT' ? 'no such file or folder' : errorMessage(err) });
    }
  }
  return jobs;
}

/** Everything the pipeline steps share for one run. */
export class IngestRun {
  readonly summary = emptySummary();
  /** Items left as their feed summary because the page failed (now or again): the feed must be fetched again. */
  summaryOnlyItems = 0;
  readonly fetchOptions: FetchOptions;
  readonly now: () => Date;
  /** Publication days of the articles stored in this run: the context an undated article is read in. */
  private readonly datedDays: IsoDay[] = [];
  /** Undated articles held back until the run's dated ones are in (see `deferUndated`). */
  private deferred: Array<{ article: ArticleInput; input: string }> | null = null;

  constructor(readonly deps: IngestDeps) {
    this.fetchOptions = { ...fetchOptionsFrom(deps.config), ...(deps.signal ? { signal: deps.signal } : {}) };
    this.now = deps.now ?? (() => new Date());
  }

  /**
   * A publication day after tomorrow (time zones aside) is a feed's or page's mistake: trusting
   * it would date every "on Monday" in the article years ahead. It is dropped, with a warning.
   */
  trustedDay(day: IsoDay | null | undefined, input: string): IsoDay | null {
    if (!day) return null;
    const tomorrow = new Date(this.now().getTime() + 86_400_000).toISOString().slice(0, 10);
    if (day <= tomorrow) return day;
    this.deps.logger.warn({ input, publishedAt: day }, 'publication date in the future ignored');
    return null;
  }

  /** Stores one article (or records it as a duplicate) and runs the after-store hook. */
  async store(given: ArticleInput, input: string): Promise<void> {
    if (!given.publishedAt && this.deferred) {
      this.deferred.push({ article: given, input });
      return;
    }
    const dated = given.publishedAt ? given : this.withEstimatedDate(given, input);
    const publishedAt = this.trustedDay(dated.publishedAt, input);
    const article = publishedAt === dated.publishedAt ? dated : { ...dated, publishedAt, publishedInferred: false };
    if (publishedAt) this.datedDays.push(publishedAt);
    const result = await this.deps.store.articles.add(article);
    if (result.status === 'duplicate') {
      this.summary.duplicates++;
      this.deps.logger.debug({ input, of: result.of, reason: result.reason }, 'duplicate article');
      return;
    }
    this.summary.ingested++;
    this.deps.logger.debug({ input, id: result.article.id }, 'stored article');
    if (this.deps.afterStore) {
      try {
        await this.deps.afterStore(result.article);
      } catch (err) {
        this.deps.logger.warn({ input, id: result.article.id, err: errorMessage(err) }, 'article stored but post-processing failed');
        this.summary.failed.push({ input, reason: `stored as article ${result.article.id}, but extraction failed: ${errorMessage(err)}` });
      }
    }
  }

  /**
   * Holds undated articles back until `storeDeferred`, so that they are dated in the light of
   * every dated article of the batch (a folder's files come in name order, not date order).
   */
  deferUndated(): void {
    this.deferred ??= [];
  }

  async storeDeferred(): Promise<void> {
    const waiting = this.deferred ?? [];
    this.deferred = null;
    for (const { article, input } of waiting) {
      try {
        await this.store(article, input);
      } catch (err) {
        this.deps.logger.warn({ input, err: errorMessage(err) }, 'ingest failed');
        this.summary.failed.push({ input, reason: errorMessage(err) });
      }
    }
  }

  /**
   * An article with neither a date header nor a dateline: its publication day estimated from the
   * calendar dates it names and their tenses, read around the median day of the batch (or today),
   * as far from it as the batch's days spread.
   */
  private withEstimatedDate(article: ArticleInput, input: string): ArticleInput {
    const context = medianDay(this.datedDays) ?? this.now().toISOString().slice(0, 10);
    const estimate = estimatePublishedDate(article.text, context, spreadAround(context, this.datedDays));
    if (!estimate) return article;
    this.deps.logger.debug({ input, publishedAt: estimate, context }, 'publication date estimated from the text');
    return { ...article, publishedAt: estimate, publishedInferred: true };
  }

  async ingestFile(path: string): Promise<void> {
    const { size } = await stat(path);
    // The same cap as for downloads: an article is kilobytes; a huge file is a mistake (a dump, a video).
    if (size > this.fetchOptions.maxBytes) throw new Error(`file larger than ${formatBytes(this.fetchOptions.maxBytes)}`);
    const bytes = await readFile(path);
    if (bytes.includes(0)) throw new Error('not a text file (it contains binary data)');
    const text = decodeText(bytes, null);
    const ext = extname(path).toLowerCase();
    if (isFeedDocument(text)) {
      await this.ingestFeed(await parseFeed(text, path), null);
      return;
    }
    const now = this.now;
    const looksLikeHtml = ext === '.html' || ext === '.htm' || (ext !== '.txt' && /^\s*(<!doctype html|<html)/i.test(text));
    const article = looksLikeHtml
      ? articleFromHtml(text, { file: basename(path), url: null, now })
      : articleFromPlainText(text, { file: basename(path), url: null, now });
    if (article.text === '') throw new Error('no article text left after removing boilerplate');
    await this.store(article, path);
  }

  /** A page or feed URL, told apart by what comes back. */
  async ingestUrl(rawUrl: string): Promise<void> {
    const url = canonicalUrl(rawUrl);
    // A URL stored as an article before is a page, not a feed: known, nothing to fetch.
    const known = await this.deps.store.articles.findIdByUrl(url);
    if (known !== null) {
      this.summary.duplicates++;
      this.deps.logger.debug({ input: url, of: known, reason: 'url' }, 'duplicate article');
      return;
    }
    const result = await fetchUrl(url, this.fetchOptions);
    if (result.status === 'not-modified') return;
    if (isFeedDocument(result.text)) {
      const state = await this.deps.store.feeds.getState(url);
      await this.ingestFeed(await parseFeed(result.text, url), state?.id ?? null);
      return;
    }
    await this.store(this.pageToArticle(result.text, result.contentType, canonicalUrl(result.finalUrl), {}), url);
  }

  private pageToArticle(
    text: string,
    contentType: string | null,
    url: string,
    item: { title?: string | null; publishedAt?: string | null; feedId?: number | null },
  ): ArticleInput {
    const now = this.now;
    // Decoded binary (an image, a PDF) would parse as garbage text; NUL bytes never occur in a page.
    if (text.includes('\u0000')) throw new Error(`not a text document: ${contentType ?? 'no content type'}`);
    if (/^text\/plain/i.test(contentType ?? '')) {
      const article = articleFromPlainText(text, { url, file: null, now, ...item });
      if (article.text === '') throw new Error(`no article text found in ${url}`);
      return article;
    }
    return articleFromHtml(text, { url, file: null, now, ...item });
  }

  /**
   * Every item of a parsed feed; one bad item is a failure of that item only. Linked pages are
   * fetched a few at a time; articles are stored (and extracted) one by one in feed order, so the
   * merge stage never sees two articles at once.
   */
  async ingestFeed(feed: ParsedFeed, feedId: number | null): Promise<void> {
    let i = 0;
    for await (const prepared of mapInOrder(feed.items, FEED_PAGES_AHEAD, (item) => this.prepareFeedItem(item, feedId))) {
      if (this.deps.signal?.aborted) break;
      const item = feed.items[i++]!;
      const input = item.link ?? item.title ?? '(feed item without link)';
      try {
        if (!prepared.ok) throw prepared.error;
        const article = prepared.value;
        if (article === 'known') this.summary.duplicates++;
        else if ('replaces' in article) await this.replaceSummary(article.replaces, article.full, input);
        else await this.store(article, input);
      } catch (err) {
        this.deps.logger.warn({ item: input, err: errorMessage(err) }, 'feed item failed');
        this.summary.failed.push({ input, reason: errorMessage(err) });
      }
    }
  }

  /**
   * The item as an article, its page fetched when the feed carries only a summary; 'known' when
   * stored before. A page that fails leaves the summary, stored as summary-only; a later poll
   * fetches the page again and the article replaces it (`replaces`).
   */
  private async prepareFeedItem(
    item: FeedItem,
    feedId: number | null,
  ): Promise<ArticleInput | 'known' | { replaces: number; full: ArticleInput }> {
    const url = item.link ? canonicalUrl(item.link) : null;
    // A future feed date is dropped here already, so the page's own date or dateline can stand in.
    const meta = { title: item.title, publishedAt: this.trustedDay(item.publishedAt, url ?? item.title ?? 'feed item'), feedId };
    const fullTextWanted = this.deps.config.parley.fetch.fetchFullText && url !== null && item.textLength < FULL_TEXT_MIN_CHARS;
    // Known already: no need to fetch the page again, unless all we have is its summary.
    if (url && (await this.deps.store.articles.findIdByUrl(url)) !== null) {
      const summaryOnly = fullTextWanted ? ((await this.deps.store.articles.summaryOnlyIdByUrl?.(url)) ?? null) : null;
      if (summaryOnly === null) return 'known';
      try {
        const page = await fetchUrl(url, this.fetchOptions);
        return page.status === 'ok' ? { replaces: summaryOnly, full: this.pageToArticle(page.text, page.contentType, url, meta) } : 'known';
      } catch (err) {
        this.deps.logger.debug({ item: url, err: errorMessage(err) }, 'linked page still failing; keeping the summary');
        this.summaryOnlyItems++;
        return 'known';
      }
    }
    if (fullTextWanted) {
      try {
        const page = await fetchUrl(url, this.fetchOptions);
        if (page.status === 'ok') return this.pageToArticle(page.text, page.contentType, url, meta);
      } catch (err) {
        // The summary is worth keeping; without one the item fails as before. Aborts are no page failure.
        if (!item.html || this.deps.signal?.aborted) throw err;
        this.deps.logger.warn(
          { item: url, err: errorMessage(err) },
          'linked page failed; storing the feed summary until a later poll fetches it',
        );
        this.summaryOnlyItems++;
        return { ...articleFromHtml(item.html, { url, file: null, now: this.now, ...meta }), summaryOnly: true };
      }
    }
    if (!item.html) throw new Error('feed item has neither text nor a page to fetch');
    return articleFromHtml(item.html, { url, file: null, now: this.now, ...meta });
  }

  /** The fetched article in place of its stored summary, extracted again (its events keep their ids). */
  private async replaceSummary(id: number, full: ArticleInput, input: string): Promise<void> {
    const replaced = await this.deps.store.articles.replaceSummary?.(id, full);
    if (!replaced) {
      this.summary.duplicates++;
      return;
    }
    this.summary.ingested++;
    this.deps.logger.info({ input, id }, 'summary replaced by the full article');
    if (!this.deps.afterStore) return;
    try {
      await this.deps.afterStore(replaced);
    } catch (err) {
      this.deps.logger.warn({ input, id, err: errorMessage(err) }, 'article stored but post-processing failed');
      this.summary.failed.push({ input, reason: `stored as article ${id}, but extraction failed: ${errorMessage(err)}` });
    }
  }
}

/**
 * Pages of one feed fetched (and cleaned) ahead of the article being stored: enough to hide the
 * fetch latency, few enough that prepared articles never pile up while extraction is slower
 * (all of a 1,000-item feed read ahead held 60-100 MB).
 */
const FEED_PAGES_AHEAD = 4;

/**
 * Ingests files, folders (every .txt/.html/.htm inside), page URLs and feed URLs. A URL is a feed
 * when the document's root is <rss>, <feed> or <rdf:RDF>. Failures are collected, never thrown:
 * one bad input does not stop the batch.
 */
export async function ingest(inputs: string[], deps: IngestDeps): Promise<IngestSummary> {
  const run = new IngestRun(deps);
  run.deferUndated();
  const jobs = await expandInputs(inputs, run.summary);
  for (let i = 0; i < jobs.length; i++) {
    const job = jobs[i]!;
    const current = job.kind === 'url' ? job.url : job.path;
    deps.onProgress?.({ done: i, total: jobs.length, current });
    try {
      if (job.kind === 'url') await run.ingestUrl(job.url);
      else await run.ingestFile(job.path);
    } catch (err) {
      deps.logger.warn({ input: current, err: errorMessage(err) }, 'ingest failed');
      run.summary.failed.push({ input: current, reason: errorMessage(err) });
    }
  }
  await run.storeDeferred();
  deps.onProgress?.({ done: jobs.length, total: jobs.length, current: '' });
  deps.logger.info(
    { ingested: run.summary.ingested, duplicates: run.summary.duplicates, failed: run.summary.failed.length },
    'ingest finished',
  );
  return run.summary;
}
