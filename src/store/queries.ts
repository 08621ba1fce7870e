// Owned by the bot area: everything the slash commands read. Every method answers one page;
// latency must grow with the page size, not the store size (indexes, LIMIT, prepared statements).
import type { Person, Quote, TalkEvent, FeedHealth } from '../domain/types.ts';

export interface LatestTalksFilter {
  limit: number;
  /** ISO country code or 'EU'. */
  side?: string;
  personId?: number;
}

export interface PersonProfile {
  person: Person;
  events: TalkEvent[];
  quotes: Quote[];
}

export interface SearchHit {
  kind: 'event' | 'quote';
  event?: TalkEvent;
  quote?: Quote;
}

export interface QueryRepo {
  latestTalks(filter: LatestTalksFilter): Promise<TalkEvent[]>;
  event(id: number): Promise<TalkEvent | null>;
  /** Best person for a typed name or alias (exact, then prefix, then fuzzy); null when none is close. */
  findPerson(name: string): Promise<Person | null>;
  personProfile(personId: number, limits: { events: number; quotes: number }): Promise<PersonProfile | null>;
  search(query: string, limit: number): Promise<SearchHit[]>;
  /** Names and aliases for autocomplete: prefix and fuzzy matches, at most `limit`. */
  suggestPeople(prefix: string, limit: number): Promise<Array<{ personId: number; label: string }>>;
  /** Sides that appear in events, for autocomplete. */
  suggestSides(prefix: string, limit: number): Promise<string[]>;
  feedHealth(): Promise<FeedHealth[]>;
  counts(): Promise<{ articles: number; events: number; people: number; quotes: number }>;
  /** Loads in-memory caches (the name index behind autocomplete) so the first user does not wait. */
  warmUp?(): Promise<void>;
}
