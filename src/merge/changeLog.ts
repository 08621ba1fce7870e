// What a merge tells the change log about one event it rewrote: whether the event is new, its
// status before and after, and who joined it. Decided here, once for every backend; the alert
// dispatcher (src/alerts) turns these rows into alert kinds.
import type { EventStatus } from '../domain/types.ts';
import type { EventChange, MergeTransaction } from './transaction.ts';

export interface EventState {
  status: EventStatus;
  participants: number[];
}

/** The event's state as stored, before the merge rewrites it; null when it does not exist. */
export async function eventStateBefore(tx: MergeTransaction, eventId: number): Promise<EventState | null> {
  const [event] = await tx.events([eventId]);
  if (!event) return null;
  return { status: event.status, participants: await tx.participantsOf(eventId) };
}

/** The change from `before` (null: the merge created the event) to `after`. */
export function eventChange(eventId: number, articleId: number, before: EventState | null, after: EventState): EventChange {
  const known = new Set(before?.participants ?? []);
  return {
    eventId,
    created: before === null,
    fromStatus: before?.status ?? null,
    toStatus: after.status,
    addedPeople: before === null ? [] : after.participants.filter((id) => !known.has(id)),
    articleId,
  };
}
