// The vocabulary every stage shares. Dates are ISO calendar days ('YYYY-MM-DD'); instants are
// ISO 8601 strings in UTC. Country codes are ISO 3166-1 alpha-2, plus 'EU' for the European Union.

export type IsoDay = string;
export type IsoInstant = string;
export type CountryCode = string;

// ---------- articles (ingest → store) ----------

/** An article after fetching and cleaning, before it is stored. */
export interface ArticleInput {
  /** Canonical URL (tracking parameters and fragments removed), null for local files. */
  url: string | null;
  /** Base name of the local file it came from, null for web articles. */
  file: string | null;
  title: string | null;
  /** Main text, boilerplate removed, paragraphs separated by blank lines. */
  text: string;
  /** Publication day, from a date header, feed metadata, page metadata or the text itself. */
  publishedAt: IsoDay | null;
  /** True when `publishedAt` was inferred from the text (a dateline) rather than stated. */
  publishedInferred: boolean;
  feedId: number | null;
  fetchedAt: IsoInstant;
  /** Only the feed's summary: the linked page failed, and a later poll fetches it again. */
  summaryOnly?: boolean;
}

export interface StoredArticle extends ArticleInput {
  id: number;
  contentHash: string;
}

// ---------- extraction results (extract → merge) ----------

export type EventKind = 'talks' | 'meeting' | 'call' | 'summit';
export type EventStatus = 'held' | 'planned' | 'proposed' | 'cancelled';

export interface Place {
  city: string | null;
  country: CountryCode | null;
}

/** A person as one article describes them. `key` is unique within the article only. */
export interface ExtractedPerson {
  key: string;
  name: string;
  aliases: string[];
  country: CountryCode | null;
  role: string | null;
}

/** An event as one article reports it, before it is merged with what other articles said. */
export interface ExtractedEvent {
  kind: EventKind;
  status: EventStatus;
  date: IsoDay | null;
  dateTo: IsoDay | null;
  approx: boolean;
  location: Place;
  sides: CountryCode[];
  /** Keys into the article's `people`. */
  participantKeys: string[];
  /** The sentence that reports the event, as it stands in the article. */
  evidence: string;
  summary: string;
}

export interface ExtractedQuote {
  /** Key into the article's `people`, null when no speaker could be found. */
  speakerKey: string | null;
  text: string;
  /** The day the words were said, when the article tells; else the publication day. */
  date: IsoDay | null;
}

export interface ArticleExtraction {
  people: ExtractedPerson[];
  events: ExtractedEvent[];
  quotes: ExtractedQuote[];
}

// ---------- the merged timeline (store → query → render) ----------

export interface SourceCitation {
  articleId: number;
  url: string | null;
  file: string | null;
  title: string | null;
  publishedAt: IsoDay | null;
  evidence: string;
}

export interface Participant {
  personId: number;
  name: string;
  country: CountryCode | null;
}

export interface TalkEvent {
  id: number;
  kind: EventKind;
  status: EventStatus;
  date: IsoDay | null;
  dateTo: IsoDay | null;
  approx: boolean;
  location: Place;
  sides: CountryCode[];
  participants: Participant[];
  sources: SourceCitation[];
  summary: string;
  firstSeenAt: IsoInstant;
  updatedAt: IsoInstant;
}

export interface Person {
  id: number;
  name: string;
  aliases: string[];
  country: CountryCode | null;
  /** The most specific role seen, e.g. "Secretary of the National Security and Defense Council". */
  role: string | null;
  roles: string[];
  firstSeenAt: IsoInstant;
  lastSeenAt: IsoInstant;
}

export interface Quote {
  id: number;
  personId: number | null;
  speaker: string | null;
  text: string;
  date: IsoDay | null;
  source: SourceCitation;
}

// ---------- feeds ----------

export interface FeedHealth {
  id: number;
  url: string;
  name: string;
  enabled: boolean;
  lastPolledAt: IsoInstant | null;
  lastSuccessAt: IsoInstant | null;
  lastError: string | null;
  lastErrorAt: IsoInstant | null;
  consecutiveFailures: number;
  /** Earliest time the next poll may run (backoff after failures). */
  nextPollAt: IsoInstant | null;
  articleCount: number;
}
