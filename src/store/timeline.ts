// Owned by the extraction area: the write side of events, people and quotes.
import type { ArticleExtraction, StoredArticle } from '../domain/types.ts';
import type { KnownPerson } from '../config/schema.ts';

export interface TimelineRepo {
  /**
   * Replaces what this article contributed (sources, quotes) with `extraction`, merges its people
   * and events into the timeline, and marks the article extracted at `version`, all atomically.
   * Applying the same extraction twice changes nothing.
   */
  applyExtraction(article: StoredArticle, extraction: ArticleExtraction, version: number, knownPeople: KnownPerson[]): Promise<void>;
  /** Drops every event, person and quote (before a full re-extraction). */
  clear(): Promise<void>;
  /** The whole timeline in the scorecard's export format (../shared/eval/README.md). */
  exportAll(): Promise<TimelineExport>;
}

export interface TimelineExport {
  events: Array<{
    id: string;
    kind: string;
    status: string;
    date: string | null;
    dateTo: string | null;
    approx: boolean;
    location: { city: string | null; country: string | null };
    sides: string[];
    participants: Array<{ name: string; country: string | null }>;
    sources: Array<{ url: string | null; file: string | null; evidence: string }>;
    summary: string;
  }>;
  people: Array<{ name: string; aliases: string[]; country: string | null; role: string | null; roles: string[]; eventIds: string[] }>;
  quotes: Array<{ speaker: string | null; text: string; date: string | null; source: { url: string | null; file: string | null } }>;
}
