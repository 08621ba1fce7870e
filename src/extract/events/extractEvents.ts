// Events of one article: talks, meetings, calls and summits, each with its status, date, place,
// sides and participants, read clause by clause, then tidied at the article level (events the
// article says happened separately are split, missing places and delegations are filled in from
// the rest of the article, repeats of the same event are folded together).
//
// The steps, each its own module with its rules and their tests (tests/extract.events.<step>):
//   trigger.ts       what names an event, and its kind
//   clause.ts        the clauses and segments a sentence's events sit in
//   sides.ts         the parties: whose representatives took part
//   date.ts          the event's own date among the sentence's dates
//   place.ts         where it was held (and a city inherited from a neighbouring report)
//   status.ts        held, planned, proposed or cancelled
//   participants.ts  the people at the table
//   parties.ts       whose talks they are: two states, governments, bodies or their officials
// and the article steps: references.ts (reports pointing at other reports), separate.ts
// (separate meetings), fold.ts (repeats of one event).
import type { CountryCode, ExtractedEvent } from '../../domain/types.ts';
import { countryName } from '../geo/countries.ts';
import { resetGeoMemo } from './geoMemo.ts';
import type { Sentence } from '../sentences.ts';
import type { ArticleFrame } from '../people/reference.ts';
import { splitClauses, segmentsOf } from './clause.ts';
import { eventKind, findTriggers, kindOfWord, mayHoldTrigger } from './trigger.ts';
import { endOfTriggerPhrase, findSides, saysSeparately, segmentSides, uniqueCodes } from './sides.ts';
import { dateByVisit, dateLeadNews, datesOfSentence, segmentDate } from './date.ts';
import { inheritCities, placeByDay, segmentPlace } from './place.ts';
import { segmentStatus } from './status.ts';
import {
  addCompanions,
  addDelegations,
  addSpeakersAtTheTable,
  participantsOfClause,
  participantsOfSegment,
  sidesOfPeople,
} from './participants.ts';
import {
  absorbHeadline,
  dateByFollowingClause,
  redateSince,
  dateFollowUps,
  dateFromSentenceBefore,
  sameDayAsEventBefore,
  joinsReportedEvent,
  leadingAfter,
  refersBack,
  resolveBackReferences,
  talksOpened,
} from './references.ts';
import { splitSeparateMeetings } from './separate.ts';
import { attachUndated, foldRepeats } from './fold.ts';
import { isLive, type Draft, type EventContext } from './draft.ts';
import { hasTwoParties } from './parties.ts';

export type { EventContext } from './draft.ts';

/** The drafts of one sentence: one per segment of each clause that holds a trigger. */
function draftsOfSentence(ctx: EventContext, sentence: Sentence): Draft[] {
  const { frame, publishedAt } = ctx;
  // Most sentences name no talks at all; skip the date and place work for them.
  if (!mayHoldTrigger(sentence.text)) return [];
  const dates = datesOfSentence(frame, sentence, publishedAt);
  const clauses = splitClauses(sentence.text, sentence.start);
  const drafts: Draft[] = [];
  let previousSides: CountryCode[] = [];
  for (const clause of clauses) {
    // "After the meeting Trump phoned Putin": the meeting named is the previous event, not this one.
    const prefix = clause.start === sentence.start ? leadingAfter(clause.text) : null;
    const triggers = findTriggers(clause).filter((t) => !prefix || t.start >= clause.start + prefix[0].length);
    if (triggers.length === 0) {
      const clauseSides = uniqueCodes(findSides(clause.text));
      if (clauseSides.length) previousSides = clauseSides;
      continue;
    }
    const participantsHere = participantsOfClause(frame, sentence, clause, ctx.speakerOfQuote);
    const segments = segmentsOf(clause, triggers, sentence, dates);
    for (const seg of segments) {
      const segText = frame.text.slice(seg.start, seg.end);
      const lastTrigger = seg.triggers[seg.triggers.length - 1]!;
      const phraseEnd = endOfTriggerPhrase(frame.text.slice(lastTrigger.end, seg.end));
      const { sides, beforeWith, afterWith } = segmentSides({
        phrase: frame.text.slice(seg.start, phraseEnd !== null ? lastTrigger.end + phraseEnd : seg.end),
        segText,
        clauseText: clause.text,
        laterClause: clause.start > sentence.start,
        previous: previousSides,
      });
      const { date, own } = segmentDate(frame, publishedAt, {
        sentence,
        dates,
        clause,
        seg,
        otherSegments: segments.filter((o) => o !== seg),
        clauseCount: clauses.length,
        segText,
        eventAt: seg.triggers[0]!.start,
      });
      // The trigger that names the kind places the event: "The Miami talks follow a summit ... in Berlin".
      const kind = eventKind(
        seg.triggers.map((t) => ({ ...t, start: t.start - sentence.start, end: t.end - sentence.start })),
        sentence.text,
      );
      const kindTriggers =
        new Set(seg.triggers.map((t) => t.kind)).size > 1 && (kind === 'summit' || kind === 'call')
          ? seg.triggers.filter((t) => t.kind === kind)
          : seg.triggers;
      const status = segmentStatus({
        before: frame.text.slice(clause.start, seg.triggers[0]!.start),
        after: frame.text.slice(lastTrigger.end, clause.end),
        date: date?.date ?? null,
        dateTo: date?.dateTo ?? null,
        publishedAt,
        rest: frame.text.slice(lastTrigger.end, sentence.end),
      });
      const place = segmentPlace({
        sentence,
        clause,
        seg: { start: seg.start, end: seg.end, text: segText },
        anchors: kindTriggers.map((t) => t.start),
        clauseCount: clauses.length,
        dated: own.length > 0,
        kind,
        status,
        date: date?.date ?? null,
        publishedAt,
      });
      const participants = participantsOfSegment(frame, participantsHere, seg, segments.length === 1);
      drafts.push({
        kind,
        status,
        date: date?.date ?? null,
        dateTo: date?.dateTo && date.dateTo !== date.date ? date.dateTo : null,
        approx: date?.approx ?? false,
        city: place?.city ?? null,
        country: place?.country ?? null,
        sides: [...new Set([...sides, ...sidesOfPeople(frame, participants)])],
        sidesBeforeWith: beforeWith,
        sidesAfterWith: afterWith,
        participants,
        explicit: new Set(participants),
        evidence: sentence.text,
        sentence: sentence.index,
        separately: saysSeparately(segText),
        joins: joinsReportedEvent(segText),
        afterPrevious: prefix !== null,
        afterKind: prefix ? kindOfWord(prefix[0]) : null,
        opening: talksOpened(segText),
        anaphoric: refersBack(segText, sides.length),
      });
      if (sides.length) previousSides = sides;
    }
  }
  return drafts;
}

function summaryOf(frame: ArticleFrame, d: Draft): string {
  const kindWord = { talks: 'Talks', meeting: 'Meeting', call: 'Call', summit: 'Summit' }[d.kind];
  const sides = d.sides.map((s) => countryName(s));
  const between =
    sides.length >= 2
      ? ` between ${sides.slice(0, -1).join(', ')} and ${sides[sides.length - 1]}`
      : sides.length === 1
        ? ` with ${sides[0]}`
        : '';
  const where = d.city ? ` in ${d.city}` : d.country ? ` in ${countryName(d.country)}` : '';
  const names = d.participants
    .map((k) => frame.people.people.find((p) => p.key === k)?.name)
    .filter((n): n is string => Boolean(n))
    .slice(0, 5);
  const who = names.length ? ` (${names.join(', ')})` : '';
  return `${kindWord}${between}${where}${who}`;
}

/**
 * A draft worth reporting has two parties (parties.ts: states, governments, international
 * bodies or their officials); a proposal or a cancellation two sides or people. An undated
 * live event only when merge can attach it to a dated report of the same talks (a city, two
 * sides and a person).
 */
function worthReporting(frame: ArticleFrame, d: Draft): boolean {
  if (!hasTwoParties(frame, d.kind, d.sides, d.participants)) return false;
  if (!isLive(d.status)) return d.sides.length >= 2 || d.participants.length >= 2;
  if (d.date) return d.sides.length > 0 || d.participants.length > 0;
  return d.city !== null && d.sides.length >= 2 && d.participants.length > 0;
}

/** Everything the article reports about talks and meetings. */
export function extractEvents(ctx: EventContext): ExtractedEvent[] {
  const { frame, publishedAt } = ctx;
  resetGeoMemo(ctx.knownPlaces, frame.text);
  let drafts: Draft[] = [];
  for (const sentence of frame.sentences) drafts.push(...draftsOfSentence(ctx, sentence));

  absorbHeadline(drafts, frame.sentences[0]?.index ?? -1);
  resolveBackReferences(drafts);
  dateFromSentenceBefore(frame, drafts, publishedAt);
  sameDayAsEventBefore(drafts, publishedAt);
  dateByFollowingClause(frame, drafts, publishedAt);
  redateSince(drafts, publishedAt);
  drafts = splitSeparateMeetings(frame, drafts);
  dateFollowUps(drafts);

  addDelegations(frame, drafts, publishedAt);
  addSpeakersAtTheTable(frame, drafts);
  addCompanions(frame, drafts);

  let kept = attachUndated(foldRepeats(drafts));
  // Reports dated now (lead news, meetings of a dated visit) may repeat one another: fold them again.
  const leadDated = dateLeadNews(frame, kept, publishedAt);
  if (dateByVisit(frame, kept, publishedAt) || leadDated) kept = foldRepeats(kept);
  inheritCities(kept);
  placeByDay(frame, kept, publishedAt);

  return kept
    .filter((d) => worthReporting(frame, d))
    .map((d) => ({
      kind: d.kind,
      status: d.status,
      date: d.date,
      dateTo: d.dateTo,
      approx: d.approx,
      location: { city: d.city, country: d.country },
      sides: d.sides,
      participantKeys: d.participants,
      evidence: d.evidence,
      summary: summaryOf(frame, d),
    }));
}
