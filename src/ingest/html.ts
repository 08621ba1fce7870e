// HTML pages and files to articles: metadata (title, publication date) from the head, the main
// text through Readability over a linkedom DOM, then the same boilerplate rules as plain text.
import { createRequire } from 'node:module';
import type { Readability as ReadabilityClass } from '@mozilla/readability';
import type { parseHTML as ParseHtml } from 'linkedom';
import type { ArticleInput, IsoDay } from '../domain/types.ts';
import { cleanArticleText } from '../clean/boilerplate.ts';
import { findDateline, parseMetadataDate } from './publicationDate.ts';
import { headlineOf } from './textFile.ts';

// linkedom's DOM is typed apart from lib.dom (not loaded here); these are the few members used.
interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
  parentNode: DomNode | null;
}
interface DomElement extends DomNode {
  tagName: string;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  querySelector(selector: string): DomElement | null;
  remove(): void;
}
interface DomDocument {
  title: string;
  body: DomElement | null;
  documentElement: DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  querySelector(selector: string): DomElement | null;
}

export interface HtmlSource {
  url: string | null;
  file: string | null;
  feedId?: number | null;
  /** Known from outside the page (feed item); page metadata fills what is missing. */
  title?: string | null;
  publishedAt?: IsoDay | null;
  now?: () => Date;
}

export class NoArticleTextError extends Error {
  constructor(where: string) {
    super(`no article text found in ${where}`);
    this.name = 'NoArticleTextError';
  }
}

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

/** Elements that start a new paragraph. */
const BLOCKS = new Set([
  'P',
  'DIV',
  'SECTION',
  'ARTICLE',
  'MAIN',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'LI',
  'UL',
  'OL',
  'BLOCKQUOTE',
  'FIGURE',
  'FIGCAPTION',
  'PRE',
  'TABLE',
  'TR',
  'TD',
  'TH',
  'DL',
  'DT',
  'DD',
  'HEADER',
  'FOOTER',
  'ASIDE',
  'ADDRESS',
  'HR',
]);
/** Never article text. */
const SKIPPED = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'SVG',
  'IFRAME',
  'BUTTON',
  'SELECT',
  'FORM',
  'INPUT',
  'TEXTAREA',
  'CANVAS',
  'OBJECT',
]);

/** Page furniture Readability sometimes keeps: navigation, share bars, related and popular lists, bios. */
const FURNITURE_SELECTORS = [
  'nav',
  'header nav',
  'footer',
  'aside',
  'form',
  '[role="navigation"]',
  '[role="banner"]',
  '[role="contentinfo"]',
  '[role="complementary"]',
  '[aria-label*="share" i]',
];
const FURNITURE_CLASS =
  /(^|[\s_-])(share|sharing|social|related|recommend|most-?popular|most-?read|trending|newsletter|subscribe|promo|advert|ad-slot|author-?bio|bio-?box|byline-?bio|breadcrumb|tags|tag-?list|comments?|outbrain|taboola|read-?more|more-?stories|latest-?news|news-?feed|cookie|paywall|sidebar|menu|navbar|site-?header|site-?footer)([\s_-]|$)/i;

function isElement(node: DomNode): node is DomElement {
  return node.nodeType === ELEMENT_NODE;
}

function removeFurniture(document: DomDocument): void {
  for (const selector of FURNITURE_SELECTORS) {
    for (const el of Array.from(document.querySelectorAll(selector))) el.remove();
  }
  for (const el of Array.from(document.querySelectorAll('[class], [id]'))) {
    const marker = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
    // Never drop the document's spine, only blocks inside it.
    if (el.tagName === 'BODY' || el.tagName === 'HTML' || el.tagName === 'MAIN' || el.tagName === 'ARTICLE') continue;
    if (FURNITURE_CLASS.test(marker)) el.remove();
  }
  for (const list of Array.from(document.querySelectorAll('ul, ol'))) {
    if (isListOfLinks(list)) list.remove();
  }
}

function textLength(node: DomNode): number {
  return (node.textContent ?? '').replace(/\s+/g, ' ').trim().length;
}

/** A list whose items are mostly link text: other headlines, tags, menus. */
function isListOfLinks(list: DomElement): boolean {
  const items = Array.from(list.querySelectorAll('li'));
  if (items.length < 2) return false;
  const total = textLength(list);
  if (total === 0) return true;
  const linked = Array.from(list.querySelectorAll('a')).reduce((n, a) => n + textLength(a), 0);
  return linked / total > 0.6;
}

/** Paragraphs of a DOM subtree, one per block element, inline whitespace collapsed. */
export function blockText(root: DomNode): string {
  const paragraphs: string[] = [];
  let current = '';
  const flush = () => {
    const text = current.replace(/\s+/g, ' ').trim();
    if (text) paragraphs.push(text);
    current = '';
  };
  const walk = (node: DomNode) => {
    if (node.nodeType === TEXT_NODE) {
      current += node.textContent ?? '';
      return;
    }
    if (!isElement(node)) {
      // A document or fragment: only its children carry text.
      if (node.nodeType === 9 || node.nodeType === 11) for (const child of Array.from(node.childNodes)) walk(child);
      return;
    }
    const tag = node.tagName.toUpperCase();
    if (SKIPPED.has(tag)) return;
    if (tag === 'BR') {
      flush();
      return;
    }
    const block = BLOCKS.has(tag);
    if (block) flush();
    for (const child of Array.from(node.childNodes)) walk(child);
    if (block) flush();
  };
  walk(root);
  flush();
  return paragraphs.join('\n\n');
}

function metaContent(document: DomDocument, selectors: string[]): string | null {
  for (const selector of selectors) {
    const el = document.querySelector(selector);
    const value = el?.getAttribute('content') ?? el?.getAttribute('datetime') ?? el?.getAttribute('value') ?? null;
    if (value && value.trim()) return value.trim();
  }
  return null;
}

/** `datePublished` from JSON-LD blocks, looking through arrays and @graph. */
function jsonLdDatePublished(document: DomDocument): string | null {
  const visit = (value: unknown): string | null => {
    if (Array.isArray(value)) {
      for (const v of value) {
        const found = visit(v);
        if (found) return found;
      }
      return null;
    }
    if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (typeof record.datePublished === 'string') return record.datePublished;
      if (record['@graph']) return visit(record['@graph']);
      if (record.mainEntity) return visit(record.mainEntity);
    }
    return null;
  };
  for (const script of Array.from(document.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      const found = visit(JSON.parse(script.textContent ?? ''));
      if (found) return found;
    } catch {
      // A broken JSON-LD block is common and harmless; the other sources still apply.
    }
  }
  return null;
}

/** Publication day from the page's metadata: article:published_time, JSON-LD, other meta names, <time datetime>. */
export function pagePublicationDate(document: DomDocument): IsoDay | null {
  const candidates = [
    metaContent(document, ['meta[property="article:published_time"]', 'meta[name="article:published_time"]']),
    jsonLdDatePublished(document),
    metaContent(document, [
      'meta[itemprop="datePublished"]',
      'meta[name="pubdate"]',
      'meta[name="publishdate"]',
      'meta[name="publish-date"]',
      'meta[name="parsely-pub-date"]',
      'meta[name="sailthru.date"]',
      'meta[name="dc.date.issued"]',
      'meta[name="DC.date.issued"]',
      'meta[name="dcterms.created"]',
      'meta[name="date"]',
      'meta[property="og:published_time"]',
    ]),
    metaContent(document, ['article time[datetime]', 'time[itemprop="datePublished"]', 'time[pubdate]', 'time[datetime]']),
  ];
  for (const candidate of candidates) {
    const day = parseMetadataDate(candidate);
    if (day) return day;
  }
  return null;
}

function pageTitle(document: DomDocument): string | null {
  const fromMeta = metaContent(document, ['meta[property="og:title"]', 'meta[name="twitter:title"]']);
  const h1 = document.querySelector('h1')?.textContent?.replace(/\s+/g, ' ').trim();
  if (fromMeta) return fromMeta.replace(/\s+/g, ' ').trim();
  if (h1) return h1;
  // <title> usually ends with the site's name: "Talks end in Istanbul | Example News".
  const documentTitle = document.title?.replace(/\s+/g, ' ').trim();
  if (!documentTitle) return null;
  const first = documentTitle.split(/\s[|–—-]\s/)[0]!.trim();
  return first.split(' ').length >= 3 ? first : documentTitle;
}

// linkedom and Readability are required (their CommonJS builds) on the first page, not imported:
// through the ESM loader and tsx's hooks linkedom's 160 modules cost about 0.35 s of CPU at every
// start-up, and a process that never reads a page (the bot between polls, `parley ask`) never
// needs them. Required, they load in a third of that.
const require = createRequire(import.meta.url);
let domLibraries: { parseHTML: typeof ParseHtml; Readability: typeof ReadabilityClass } | null = null;
function dom(): { parseHTML: typeof ParseHtml; Readability: typeof ReadabilityClass } {
  domLibraries ??= {
    parseHTML: (require('linkedom') as { parseHTML: typeof ParseHtml }).parseHTML,
    Readability: (require('@mozilla/readability') as { Readability: typeof ReadabilityClass }).Readability,
  };
  return domLibraries;
}

/** A DOM for a whole page or a fragment (feed items carry bare paragraphs). */
function parseDocument(html: string): DomDocument {
  const whole = /<html[\s>]/i.test(html) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`;
  return (dom().parseHTML(whole) as unknown as { document: DomDocument }).document;
}

/** Turns an HTML document into an article. Throws `NoArticleTextError` when the page has no main text. */
export function articleFromHtml(html: string, source: HtmlSource): ArticleInput {
  const document = parseDocument(html);
  const where = source.url ?? source.file ?? 'the page';
  const title = source.title?.trim() || pageTitle(document);
  let publishedAt = source.publishedAt ?? pagePublicationDate(document);
  removeFurniture(document);
  // Readability drops datelines with the other page chrome, so the full text is kept for the date.
  const pageText = document.body ? blockText(document.body) : '';
  let raw = '';
  try {
    const parsed = new (dom().Readability)<DomNode>(document as never, {
      serializer: (node) => node as unknown as DomNode,
      charThreshold: 250,
    }).parse();
    raw = parsed?.content ? blockText(parsed.content) : '';
  } catch {
    // Readability gives up on some odd documents; the body text below is the fallback for those too.
  }
  if (raw.trim().length < 100) {
    // Short pages fall under Readability's threshold; their body text is all there is.
    const again = parseDocument(html);
    removeFurniture(again);
    const body = again.body ?? again.documentElement;
    raw = body ? blockText(body) : '';
  }
  let publishedInferred = false;
  if (publishedAt === null) {
    publishedAt = findDateline(
      pageText.split('\n').filter((l) => l !== ''),
      40,
    );
    publishedInferred = publishedAt !== null;
  }
  const paragraphs = cleanArticleText(raw)
    .split('\n\n')
    .filter((p) => p !== '');
  // The headline often opens the extracted text too.
  if (paragraphs.length > 1 && title && paragraphs[0]!.toLowerCase() === title.toLowerCase()) paragraphs.shift();
  const text = paragraphs.join('\n\n').trim();
  if (text === '') throw new NoArticleTextError(where);
  return {
    url: source.url,
    file: source.file,
    title: title ?? headlineOf(paragraphs[0]),
    text,
    publishedAt,
    publishedInferred,
    feedId: source.feedId ?? null,
    fetchedAt: (source.now ?? (() => new Date()))().toISOString(),
  };
}
