// What one source said about one event, and the merged shape of an event. Merging keeps every
// source's report so the event can always be recomputed from its sources alone: removing or
// re-extracting one article then changes exactly what that article contributed.
import type { CountryCode, EventKind, EventStatus, IsoDay, Place } from '../domain/types.ts';

/** The fields of a merged event, derived from its reports. */
export interface MergedEventFields {
  kind: EventKind;
  status: EventStatus;
  date: IsoDay | null;
  dateTo: IsoDay | null;
  approx: boolean;
  location: Place;
  sides: CountryCode[];
  participants: number[];
  summary: string;
}

/** One article's report of one event, with people resolved to store person ids. */
export interface EventReport extends MergedEventFields {
  articleId: number;
  /** The article's publication day: later sources overrule earlier ones on status. */
  publishedAt: IsoDay | null;
  /** Position of the event within its article, so reports of one article keep their order. */
  seq: number;
  evidence: string;
}

/** An event as the matcher sees it: its merged fields and the reports it already holds. */
export interface EventCandidate {
  /** Store id, or a negative placeholder for an event created during the current merge. */
  id: number;
  fields: MergedEventFields;
  reports: EventReport[];
}

/** Reports in the order their sources were published (undated sources first), then by article and position. */
export function compareReportsByPublication(a: EventReport, b: EventReport): number {
  const pa = a.publishedAt ?? '';
  const pb = b.publishedAt ?? '';
  if (pa !== pb) return pa < pb ? -1 : 1;
  if (a.articleId !== b.articleId) return a.articleId - b.articleId;
  return a.seq - b.seq;
}
