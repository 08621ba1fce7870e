// The same event reported twice in one article becomes one report: repeats with the same kind,
// place, sides and day fold together; "X attended the summit" and "since the talks opened on
// Monday" join the event they name; an undated mention right after a dated report of the same
// talks ("Lavrov said the talks were useful") adds its people to it.
import { datesNear, isLive, sameDates, sidesCompatible, withinRange, type Draft } from './draft.ts';

/**
 * "He called Biden first, then Yoon": two calls of one day whose named people each include
 * someone the other lacks are two calls, not one (a call joins two ends; a third is another call).
 */
export function callsWithOthers(a: Draft, b: Draft): boolean {
  if (a.kind !== 'call' || b.kind !== 'call' || a.explicit.size < 2 || b.explicit.size < 2) return false;
  return [...a.explicit].some((k) => !b.explicit.has(k)) && [...b.explicit].some((k) => !a.explicit.has(k));
}

/** Two reports in one article of the same event. */
export function sameEvent(a: Draft, b: Draft): boolean {
  if (isLive(a.status) !== isLive(b.status)) return false;
  if (callsWithOthers(a, b)) return false;
  if (!isLive(a.status) && a.status !== b.status) return false;
  if ((a.kind === 'call') !== (b.kind === 'call')) return false;
  if (a.city && b.city && a.city !== b.city) return false;
  if (a.country && b.country && a.country !== b.country) return false;
  if (!sidesCompatible(a.sides, b.sides)) return false;
  // A bilateral is not the same event as a trilateral on the same day; a report naming one side
  // or none may be either.
  if (a.sides.length >= 2 && b.sides.length >= 2 && a.sides.length !== b.sides.length) return false;
  if (a.date && b.date) return sameDates(a, b) || (datesNear(a, b, 0) && (a.approx || b.approx));
  // The same undated talks named twice (a headline repeated in the page, "the talks" again).
  if (!a.date && !b.date) return a.city === b.city && a.sides.length === b.sides.length && sidesCompatible(a.sides, b.sides);
  return false;
}

function fold(into: Draft, from: Draft): void {
  into.sides = [...new Set([...into.sides, ...from.sides])];
  into.participants = [...new Set([...into.participants, ...from.participants])];
  for (const k of from.explicit) into.explicit.add(k);
  into.city ??= from.city;
  into.country ??= from.country;
  if (into.approx && from.date && !from.approx) {
    into.date = from.date;
    into.dateTo = from.dateTo;
    into.approx = false;
  }
  // The later-stated status of a live event wins only if it moves forward (planned -> held).
  if (into.status === 'planned' && from.status === 'held') into.status = 'held';
  if (into.kind !== from.kind && (from.kind === 'summit' || (from.kind === 'talks' && into.kind === 'meeting'))) into.kind = from.kind;
}

/** Fold repeats: the same event reported twice in one article. */
export function foldRepeats(drafts: Draft[]): Draft[] {
  const merged: Draft[] = [];
  // Undated additions ("brought together A, B and C", "X joined the talks") go last, so that they
  // join the event once its reports are folded, not one report of it.
  const undatedJoin = (d: Draft): boolean => d.joins && !d.date;
  for (const d of [...drafts.filter((x) => !undatedJoin(x)), ...drafts.filter(undatedJoin)]) {
    // "Zelensky attended the summit": more people at an event already reported that day.
    const joinsIt = (m: Draft): boolean =>
      d.joins &&
      isLive(m.status) &&
      isLive(d.status) &&
      (m.kind === 'call') === (d.kind === 'call') &&
      (d.date === null || m.date === d.date || withinRange(m, d.date)) &&
      !(m.city && d.city && m.city !== d.city);
    // "since the talks opened on Monday": the first day of a span of talks already reported.
    const opens = (m: Draft): boolean =>
      d.opening &&
      isLive(m.status) &&
      isLive(d.status) &&
      m.kind !== 'call' &&
      d.kind !== 'call' &&
      m.dateTo !== null &&
      m.date === d.date &&
      !(m.city && d.city && m.city !== d.city);
    const nearness = (m: Draft): number => (m.sentence <= d.sentence ? d.sentence - m.sentence : 1000 + m.sentence - d.sentence);
    const joinable = [...merged]
      .reverse()
      .filter(joinsIt)
      .sort((a, b) => nearness(a) - nearness(b));
    const same =
      merged.find((m) => sameEvent(m, d)) ??
      merged.find(opens) ??
      joinable.find((m) => d.city !== null && m.city === d.city) ??
      joinable[0];
    if (same) fold(same, d);
    else merged.push(d);
  }
  return merged;
}

/**
 * An undated mention right after a dated report of the same talks ("Lavrov said the talks were
 * useful") adds its people to that report instead of standing alone.
 */
export function attachUndated(drafts: Draft[]): Draft[] {
  const kept: Draft[] = [];
  for (const d of drafts) {
    if (d.date || !isLive(d.status)) {
      kept.push(d);
      continue;
    }
    const host = kept
      .filter((o) => o.date && o.status === d.status && !d.separately && d.sentence - o.sentence >= 0 && d.sentence - o.sentence <= 3)
      .filter(
        (o) =>
          (d.joins || sidesCompatible(o.sides, d.sides)) &&
          !(o.city && d.city && o.city !== d.city) &&
          (o.kind === 'call') === (d.kind === 'call'),
      )
      .filter((o) => d.anaphoric || o.participants.some((k) => d.participants.includes(k)))
      .sort((x, y) => Number(x.city !== null && x.city === d.city) - Number(y.city !== null && y.city === d.city))
      .pop();
    if (host) {
      host.participants = [...new Set([...host.participants, ...d.participants])];
      if (d.joins) host.sides = [...new Set([...host.sides, ...d.sides])];
      host.city ??= d.city;
      host.country ??= d.country;
    } else kept.push(d);
  }
  return kept;
}
