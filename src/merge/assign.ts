// Which existing event a new report belongs to, if any.
import { compareSides, dayNumber, matchScore, sameArticleReportsAgree } from './compatibility.ts';
import type { EventCandidate, EventReport } from './report.ts';

/** Days between an event and a publication day; 0 when either is unknown (no preference). */
function dayDistance(eventDay: string | null, publishedAt: string | null): number {
  const a = dayNumber(eventDay);
  const b = dayNumber(publishedAt);
  return a === null || b === null ? 0 : Math.min(Math.abs(a - b), 999);
}

/**
 * The candidate event that `report` is a report of, or null when it reports an event the store
 * does not have yet. Rules on top of `matchScore`:
 * - an event that already holds a report from the same article takes this one only when the
 *   article cannot be telling two different events apart (`sameArticleReportsAgree`);
 * - a report whose sides bundle two known events that cross each other (UA-RU-US over UA-US
 *   and RU-US on the same day) is a claim about a different, larger meeting, never a source
 *   for either bilateral one;
 * - an undated report that fits several dated events joins the best fit, between equals the
 *   one nearest the article's publication day;
 * - when the article is applied again, the event that held this sentence before wins if it still fits;
 * - otherwise the best score wins; ties go to the candidate listed first (the older event).
 */
export function chooseEventForReport(
  report: EventReport,
  candidates: readonly EventCandidate[],
  previousIds: readonly number[] = [],
): EventCandidate | null {
  let scored: Array<{ candidate: EventCandidate; score: number }> = [];
  for (const candidate of candidates) {
    const score = matchScore(report, candidate.fields);
    if (score === null) continue;
    const fromSameArticle = candidate.reports.filter((r) => r.articleId === report.articleId);
    if (!fromSameArticle.every((r) => sameArticleReportsAgree(report, r))) continue;
    scored.push({ candidate, score });
  }
  // An undated report that fits several dated events (talks on the 19th and on the 21st) goes
  // to the best fit, and between equals to the one nearest the day the article came out.
  if (report.date === null) {
    scored = scored.map((s) => ({ ...s, score: s.score - dayDistance(s.candidate.fields.date, report.publishedAt) / 1000 }));
  }
  const reportSides = new Set(report.sides);
  const inside = scored.filter(
    ({ candidate }) =>
      compareSides(candidate.fields.sides, report.sides) === 'subset' && new Set(candidate.fields.sides).size < reportSides.size,
  );
  const bundles = inside.some((a) => inside.some((b) => compareSides(a.candidate.fields.sides, b.candidate.fields.sides) === 'crossing'));
  const eligible = bundles ? scored.filter((s) => !inside.includes(s)) : scored;
  // Re-applying an article: the event its sentence was in before still fits, so it stays there.
  const previous = eligible.find((s) => previousIds.includes(s.candidate.id));
  if (previous) return previous.candidate;
  let best: { candidate: EventCandidate; score: number } | null = null;
  for (const s of eligible) if (!best || s.score > best.score) best = s;
  return best ? best.candidate : null;
}

/**
 * The order an article's reports are placed in: dated before undated (a headline or a recap then
 * finds the dated event its own article describes), then the ones that say most (more sides,
 * more people), so a vague report joins the event a fuller one of the same article placed,
 * whatever order the sentences came in.
 */
export function placementOrder(reports: readonly EventReport[]): EventReport[] {
  return [...reports].sort(
    (a, b) =>
      Number(a.date === null) - Number(b.date === null) ||
      new Set(b.sides).size - new Set(a.sides).size ||
      b.participants.length - a.participants.length ||
      a.seq - b.seq,
  );
}

/**
 * Undated events that now clearly match a dated event, with the event to fold each into (the
 * best fit, between equals the one nearest the latest source's publication day). An undated
 * report often arrives before the dated ones it belongs with, or before the dated event has
 * gained the side or person that makes the match clear; this settles it later.
 */
export function undatedEventsToAttach(candidates: readonly EventCandidate[]): Array<{ undated: EventCandidate; into: EventCandidate }> {
  const moves: Array<{ undated: EventCandidate; into: EventCandidate }> = [];
  for (const undated of candidates) {
    if (undated.fields.date !== null || undated.reports.length === 0) continue;
    const latest =
      undated.reports
        .map((r) => r.publishedAt)
        .filter((d): d is string => d !== null)
        .sort()
        .pop() ?? null;
    let best: { into: EventCandidate; score: number } | null = null;
    for (const dated of candidates) {
      if (dated.fields.date === null || dated.reports.length === 0) continue;
      const score = matchScore(undated.fields, dated.fields);
      if (score === null) continue;
      const agree = undated.reports.every((u) =>
        dated.reports.filter((r) => r.articleId === u.articleId).every((r) => sameArticleReportsAgree(u, r)),
      );
      if (!agree) continue;
      const adjusted = score - dayDistance(dated.fields.date, latest) / 1000;
      if (!best || adjusted > best.score) best = { into: dated, score: adjusted };
    }
    if (best) moves.push({ undated, into: best.into });
  }
  return moves;
}

/**
 * Other events a report of several days also covers: "talks over the weekend" is a source for
 * the Saturday round and for the Sunday round when the store has them as two events. Only for
 * a precise range, and only events whose own precise dates lie inside it and which the report
 * could belong to on its own.
 */
export function otherEventsCovered(report: EventReport, chosen: EventCandidate, candidates: readonly EventCandidate[]): EventCandidate[] {
  if (report.date === null || report.dateTo === null || report.approx || report.dateTo <= report.date) return [];
  const from = report.date;
  const to = report.dateTo;
  return candidates.filter((c) => {
    if (c === chosen || c.reports.length === 0) return false;
    const f = c.fields;
    if (f.date === null || f.approx || f.date < from || (f.dateTo ?? f.date) > to) return false;
    if (matchScore(report, f) === null) return false;
    return c.reports.filter((r) => r.articleId === report.articleId).every((r) => sameArticleReportsAgree(report, r));
  });
}
