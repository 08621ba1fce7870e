// Boilerplate removal for article text, whether it came from a plain-text file or out of
// Readability. Pages leave the same debris in both: reading-time badges, "Avatar", "Read more",
// logo alt texts, tag clouds glued into one line, author bios and, after the article, lists of
// other headlines with their timestamps. Photo captions and credits stay: they carry facts
// (who, where, when) that extraction uses.
//
// The rules are deliberately narrow. Dropping a real sentence loses a fact; keeping a stray
// "Share" line costs nothing, so a line is only removed when it cannot be article prose.

import { datelineDay } from '../ingest/publicationDate.ts';

/** Lines that are a widget label and nothing else (compared lower-case, without trailing punctuation). */
const LABEL_LINES = new Set([
  'avatar',
  'read more',
  'read the article',
  'read the full article',
  'read full article',
  'read full story',
  'read the full story',
  'continue reading',
  'most popular',
  'most read',
  'most viewed',
  'show more',
  'show less',
  "editors' picks",
  "editor's picks",
  'editors picks',
  'news feed',
  'share',
  'share this',
  'share this article',
  'share article',
  'advertisement',
  'sponsored',
  'sponsored content',
  'related',
  'related articles',
  'related stories',
  'related news',
  'related content',
  'more stories',
  'more news',
  'more from',
  'more on this story',
  'recommended',
  'recommended for you',
  'you may also like',
  'you might also like',
  'comments',
  'view comments',
  'subscribe',
  'sign up',
  'sign in',
  'log in',
  'follow us',
  'skip to content',
  'skip to main content',
  'menu',
  'search',
  'close',
  'loading',
  'copy link',
  'link copied',
  'print',
  'email',
  'listen to this article',
  'in partnership with',
  'today',
  'yesterday',
  'latest',
  'latest news',
  'latest stories',
  'top stories',
  'trending',
  'trending now',
  'breaking news',
  'tweet',
  'whatsapp',
  'facebook',
  'twitter',
  'telegram',
  'linkedin',
  'watch',
  'video',
  'photos',
  'gallery',
  'newsletter',
  'back to top',
  'scroll to continue',
  'next article',
  'previous article',
  'tags',
  'topics',
  'advertisement - scroll to continue',
  'ad',
  'story continues below',
  'story continues below advertisement',
  'this content is not available',
  'cookie settings',
  'accept cookies',
]);

/** Labels after which, late in a page, only other stories follow. */
const TAIL_MARKERS = new Set([
  'read more',
  'most popular',
  'most read',
  'most viewed',
  'news feed',
  "editors' picks",
  "editor's picks",
  'editors picks',
  'related articles',
  'related stories',
  'related news',
  'related content',
  'more stories',
  'more news',
  'more from',
  'recommended',
  'recommended for you',
  'you may also like',
  'you might also like',
  'latest news',
  'latest stories',
  'top stories',
  'trending',
  'trending now',
  'read the article',
  'more on this story',
]);

/** Short labels that head a list of other stories ("Today" above a headline list). */
const LIST_HEADINGS = new Set(['today', 'yesterday', 'latest', 'latest news', 'top stories', 'more news', 'trending', 'related']);

function labelKey(line: string): string {
  return line
    .trim()
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[\s:.…>»→›|]+$/u, '')
    .replace(/^[\s•·|>»]+/u, '')
    .replace(/\s+/g, ' ');
}

/** "2 min read", "3 min de lecture", "4 min", "5 minute read". */
const READING_TIME = /^\d+\s*(?:min|mins|minutes?)\.?(?:\s+(?:read|de lecture|de lectura|di lettura|lesezeit|leestijd|czytania))?$/i;
/** A list item's timestamp: "• 5:57 PM", "• 17:57", "12 hours ago". */
const TIME_BULLET = /^[•·|-]?\s*(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?|\d+\s+(?:minutes?|hours?|days?)\s+ago)$/i;
/** A list item that starts with its timestamp: "• 4:12 PM Markets close higher on tech rally". */
const TIMED_HEADLINE = /^[•·]\s*\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s+\S/i;
/** "by Jane Doe", "By Jane Doe and John Roe": a byline line with nothing else on it. */
const BYLINE = /^(?:[Bb]y|BY|[Vv]on|[Pp]ar|[Pp]or|[Dd]i|[Dd]oor)\s+(\p{Lu}[\p{L}.'’-]*(?:\s+(?:and\s+|&\s+|, )?\p{Lu}[\p{L}.'’-]*){0,5})$/u;
/** Inline links to other stories: "Read also: ...", "READ MORE: ...". */
const RELATED_LINK = /^(?:read (?:also|more|next)|also read|see also|related|watch|listen|more on this)\s*[:|–—-]\s*\S/i;
/** "Reporting by Jane Doe; Editing by John Roe", "(Additional reporting by ...)": a wire story's credits. */
const CREDIT_LINE =
  /^\(?\s*(?:additional )?(?:reporting|writing|editing|compiled|research|graphics|translated|produced)(?: and \w+)? by\b[^.!?]*?[;)]?.{0,160}$/i;
/** A sentence ends with terminal punctuation, possibly followed by a closing quote or bracket. */
const SENTENCE_END = /[.!?…]["'”’)\]]*$/u;

function wordCount(line: string): number {
  return line
    .trim()
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** Tag clouds rendered without separators: "UkraineUnited StatesRussiaPeace talks". */
function isGluedTagLine(line: string): boolean {
  const glued = line.match(/\p{Ll}\p{Lu}/gu)?.length ?? 0;
  return glued >= 2 && !SENTENCE_END.test(line.trim()) && !/[,;]/.test(line);
}

/** Alt text of a logo ("Logo Nextory", "KI logo"): short and about a logo, not a sentence. */
function isLogoLine(line: string): boolean {
  return /\blogo\b/i.test(line) && wordCount(line) <= 10 && !SENTENCE_END.test(line.trim());
}

/** A paragraph about the author: "Jane Doe is a senior editor at ...". */
export function isAuthorBio(paragraph: string, author: string | null): boolean {
  const text = paragraph.trim();
  const namePart = author ? escapeRegExp(author) : "\\p{Lu}[\\p{L}.'’-]+(?:\\s+\\p{Lu}[\\p{L}.'’-]+){1,3}";
  const pattern = new RegExp(
    `^${namePart}\\s+(?:is|was|has been|joined|covers|reports)\\b.*\\b(?:editor|reporter|journalist|correspondent|writer|columnist|producer|contributor|freelancer|photographer|news anchor)s?\\b`,
    'u',
  );
  return pattern.test(text);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** True for a line that can only be page furniture, wherever it appears. */
export function isBoilerplateLine(line: string): boolean {
  const trimmed = line.trim();
  if (trimmed === '') return false;
  const key = labelKey(trimmed);
  if (key === '') return true; // only bullets, dots or arrows
  if (LABEL_LINES.has(key)) return true;
  if (/^[\d\s.,•·…|-]+$/.test(trimmed)) return true; // "1" (a comment counter), "...", "•"
  if (READING_TIME.test(trimmed) || TIME_BULLET.test(trimmed)) return true;
  if (BYLINE.test(trimmed)) return true;
  if (RELATED_LINK.test(trimmed)) return true;
  if (isLogoLine(trimmed) || isGluedTagLine(trimmed)) return true;
  if (/^editor'?s'? note\s*:/i.test(key)) return true;
  if (/^(?:share|follow|post) (?:on|to|via) \p{L}+$/iu.test(trimmed)) return true;
  // Wire credits name journalists, who would otherwise be taken for people in the story.
  if (CREDIT_LINE.test(trimmed)) return true;
  if (/^(?:©|\(c\)|copyright\b)/i.test(trimmed) || /\ball rights reserved\.?$/i.test(trimmed)) return true;
  if (/^(?:sign up|subscribe|click here|follow us|download the app|get the app)\b.{0,80}$/i.test(trimmed) && wordCount(trimmed) <= 14)
    return true;
  if (/^our standards:/i.test(trimmed)) return true;
  if (/^view on [\p{L}.]+$/iu.test(trimmed)) return true;
  // A lone word that is not a sentence: section labels like "War" or "Details".
  if (wordCount(trimmed) === 1 && !SENTENCE_END.test(trimmed) && !/["“”]/.test(trimmed)) return true;
  return false;
}

/** The author named in a byline near the top, used to recognise their bio further down. */
export function findBylineAuthor(lines: string[]): string | null {
  for (const line of lines.slice(0, 30)) {
    const m = BYLINE.exec(line.trim());
    if (m) return m[1]!.split(/\s+(?:and|&)\s+|, /)[0]!.trim();
  }
  return null;
}

function isBlank(line: string | undefined): boolean {
  return line === undefined || line.trim() === '';
}

/**
 * Index of the first line of the trailing non-article part (other headlines, bios, "Most
 * popular"), or `lines.length` when there is none. A marker only counts in the back part of the
 * text, so a stray "Read more" link in the middle cannot cut the article short.
 */
export function findTailStart(lines: string[], author: string | null = null): number {
  const total = lines.reduce((n, l) => n + l.length + 1, 0);
  let offset = 0;
  let cut = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const inBackPart = offset >= total * 0.4;
    offset += line.length + 1;
    if (!inBackPart) continue;
    const trimmed = line.trim();
    const key = labelKey(trimmed);
    if (TAIL_MARKERS.has(key)) {
      cut = i;
      break;
    }
    // A headline list: a headline line, then its timestamp.
    if (TIME_BULLET.test(trimmed) && i > 0 && !isBlank(lines[i - 1])) {
      cut = i - 1;
      break;
    }
    // ...or the timestamp and the headline on one line: "• 4:12 PM Markets close higher".
    if (TIMED_HEADLINE.test(trimmed) && !SENTENCE_END.test(trimmed)) {
      cut = i;
      break;
    }
  }
  if (cut === lines.length) return cut;
  // Walk back over what belongs to the tail but sits before its marker.
  let i = cut;
  while (i > 0) {
    const prev = lines[i - 1]!.trim();
    if (prev === '' || LIST_HEADINGS.has(labelKey(prev)) || isBoilerplateLine(prev)) {
      i--;
      continue;
    }
    if (isAuthorBio(prev, author) || (author !== null && prev === author)) {
      i--;
      continue;
    }
    // A role line under the author's name ("Senior News Editor"): short, title case, no sentence.
    if (
      author !== null &&
      wordCount(prev) <= 5 &&
      !SENTENCE_END.test(prev) &&
      /^(?:\p{Lu}[\p{L}'’-]*\s*)+$/u.test(prev) &&
      lines.slice(Math.max(0, i - 4), i).some((l) => l.trim() === author)
    ) {
      i--;
      continue;
    }
    break;
  }
  return i;
}

/** Cards linking another article: its headline, then "Article image..." (the card's alt text and source). */
function dropRelatedCards(lines: string[]): string[] {
  const out = [...lines];
  for (let i = 0; i < out.length; i++) {
    if (/^article image/i.test(out[i]!.trim())) {
      out[i] = '';
      let j = i - 1;
      while (j >= 0 && isBlank(out[j])) j--;
      if (j >= 0 && !SENTENCE_END.test(out[j]!.trim())) out[j] = '';
    }
  }
  return out;
}

/** Leftover markup from a scraper that cut a tag in half: `...69.<div class="small-12 column`. */
function stripTagDebris(line: string): string {
  return line.replace(/<\/?[a-z][a-z0-9]*(?:\s[^>]*)?(?:>|$)/gi, ' ').replace(/\s+$/, '');
}

/** Hard-wrapped prose (lines of similar length, no blank line between) joins into one paragraph. */
function joinWrappedLines(block: string[]): string[] {
  if (block.length < 2) return block;
  const wrapped = block.slice(0, -1).every((l) => l.length >= 45 && l.length <= 100 && !SENTENCE_END.test(l));
  return wrapped ? [block.join(' ')] : block;
}

/**
 * The article text without page furniture: paragraphs separated by one blank line, trailing
 * headline lists and bios cut, boilerplate lines dropped, repeated lines (a headline printed
 * twice) kept once.
 */
export function cleanArticleText(raw: string): string {
  let lines = raw
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .split('\n')
    .map((l) => stripTagDebris(l.replace(/[ \t]+/g, ' ').trim()));
  const author = findBylineAuthor(lines);
  lines = dropRelatedCards(lines);
  lines = lines.slice(0, findTailStart(lines, author));
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const line of lines) {
    if (line === '') {
      kept.push('');
      continue;
    }
    // The dateline was read into publishedAt before cleaning; in the text it is noise.
    if (isBoilerplateLine(line) || isAuthorBio(line, author) || datelineDay(line) !== null) continue;
    if (author !== null && line === author) continue;
    const key = line.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(line);
  }
  const blocks: string[][] = [];
  let current: string[] = [];
  for (const line of kept) {
    if (line === '') {
      if (current.length) blocks.push(current);
      current = [];
    } else current.push(line);
  }
  if (current.length) blocks.push(current);
  return blocks.flatMap(joinWrappedLines).join('\n\n');
}
