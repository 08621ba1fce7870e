// Which existing event a new report belongs to, if any.
import { compareSides, matchScore, sameArticleReportsAgree } from './compatibility.ts';
import type { EventCandidate, EventReport } from './report.ts';

/**
 * The candidate event that `report` is a report of, or null when it reports an event the store
 * does not have yet. Rules on top of `matchScore`:
 * - an event that already holds a report from the same article takes this one only when the
 *   article cannot be telling two different events apart (`sameArticleReportsAgree`);
 * - a report whose sides bundle two known events that cross each other (UA-RU-US over UA-US
 *   and RU-US on the same day) is a claim about a different, larger meeting, never a source
 *   for either bilateral one;
 * - the best score wins; ties go to the candidate listed first (the older event).
 */
export function chooseEventForReport(report: EventReport, candidates: readonly EventCandidate[]): EventCandidate | null {
  const scored: Array<{ candidate: EventCandidate; score: number }> = [];
  for (const candidate of candidates) {
    const score = matchScore(report, candidate.fields);
    if (score === null) continue;
    const fromSameArticle = candidate.reports.filter((r) => r.articleId === report.articleId);
    if (!fromSameArticle.every((r) => sameArticleReportsAgree(report, r))) continue;
    scored.push({ candidate, score });
  }
  const reportSides = new Set(report.sides);
  const inside = scored.filter(
    ({ candidate }) => compareSides(candidate.fields.sides, report.sides) === 'subset' && new Set(candidate.fields.sides).size < reportSides.size,
  );
  const bundles = inside.some((a) => inside.some((b) => compareSides(a.candidate.fields.sides, b.candidate.fields.sides) === 'crossing'));
  const eligible = bundles ? scored.filter((s) => !inside.includes(s)) : scored;
  let best: { candidate: EventCandidate; score: number } | null = null;
  for (const s of eligible) if (!best || s.score > best.score) best = s;
  return best ? best.candidate : null;
}
