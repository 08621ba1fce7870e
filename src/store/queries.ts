// Owned by the bot area: everything the slash commands read. Every method answers one page;
// latency must grow with the page size, not the store size (indexes, LIMIT, prepared statements).
import type { CountryCode, EventKind, EventStatus, FeedHealth, IsoDay, Person, Place, Quote, TalkEvent } from '../domain/types.ts';

export interface LatestTalksFilter {
  limit: number;
  /** ISO country code or 'EU'. */
  side?: string;
  personId?: number;
}

/** Dated talks that overlap a range of days, oldest first (the timeline picture). */
export interface TimelineFilter {
  from: IsoDay;
  /** Inclusive; null for no end (everything planned after `from`). */
  to: IsoDay | null;
  side?: string;
  personId?: number;
  /** At most this many talks; `more` says whether there were others. */
  limit: number;
}

/** What the picture needs of a talk: no participants or sources. */
export interface TimelineTalk {
  id: number;
  kind: EventKind;
  status: EventStatus;
  date: IsoDay;
  dateTo: IsoDay | null;
  approx: boolean;
  location: Place;
  sides: CountryCode[];
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
  /** Dated talks overlapping [from, to], oldest first. */
  timelineTalks(filter: TimelineFilter): Promise<{ talks: TimelineTalk[]; more: boolean }>;
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
