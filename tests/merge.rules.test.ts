import { describe, expect, it } from 'vitest';
import {
  compareDates,
  comparePlaces,
  compareSides,
  informativeSides,
  kindsCompatible,
  matchScore,
  sameArticleReportsAgree,
  type MatchShape,
} from '../src/merge/compatibility.ts';
import { credibleStatus, mergeReports, resolveDates, resolvePlace, resolveStatus } from '../src/merge/resolveEvent.ts';
import { chooseEventForReport, otherEventsCovered, undatedEventsToAttach } from '../src/merge/assign.ts';
import type { EventCandidate, EventReport } from '../src/merge/report.ts';

function report(over: Partial<EventReport> = {}): EventReport {
  return {
    articleId: 1,
    publishedAt: '2025-12-20',
    seq: 0,
    kind: 'talks',
    status: 'held',
    date: '2025-12-19',
    dateTo: null,
    approx: false,
    location: { city: 'Miami', country: 'US' },
    sides: ['UA', 'US'],
    participants: [1],
    evidence: 'Ukrainian and American negotiators met in Miami on Friday.',
    summary: 'UA-US talks in Miami',
    ...over,
  };
}

function candidate(id: number, reports: EventReport[]): EventCandidate {
  return { id, fields: mergeReports(reports), reports };
}

describe('dates', () => {
  it('a report of 19 December and one of 19-20 December overlap', () => {
    expect(
      compareDates({ date: '2025-12-19', dateTo: null, approx: false }, { date: '2025-12-19', dateTo: '2025-12-20', approx: false }),
    ).toBe('overlap');
  });
  it('talks on the 19th and talks on the 20th are different days', () => {
    expect(compareDates({ date: '2025-12-19', dateTo: null, approx: false }, { date: '2025-12-20', dateTo: null, approx: false })).toBe(
      'disjoint',
    );
  });
  it('"earlier this week" reaches a precise day three days away', () => {
    expect(compareDates({ date: '2025-12-16', dateTo: null, approx: true }, { date: '2025-12-19', dateTo: null, approx: false })).toBe(
      'overlap',
    );
    expect(compareDates({ date: '2025-12-15', dateTo: null, approx: true }, { date: '2025-12-19', dateTo: null, approx: false })).toBe(
      'disjoint',
    );
  });
  it('an undated report is neither overlapping nor disjoint', () => {
    expect(compareDates({ date: null, dateTo: null, approx: false }, { date: '2025-12-19', dateTo: null, approx: false })).toBe('unknown');
  });
});

describe('places', () => {
  it('the same city with and without accents is the same place', () => {
    expect(comparePlaces({ city: 'Genève', country: 'CH' }, { city: 'Geneve', country: 'CH' })).toBe('same');
  });
  it('an unknown city agrees with any city of the same country', () => {
    expect(comparePlaces({ city: null, country: 'US' }, { city: 'Miami', country: 'US' })).toBe('unknown');
    expect(comparePlaces({ city: null, country: null }, { city: 'Miami', country: 'US' })).toBe('unknown');
  });
  it('Miami and Hallandale Beach are different places, and so are two countries', () => {
    expect(comparePlaces({ city: 'Hallandale Beach', country: 'US' }, { city: 'Miami', country: 'US' })).toBe('different');
    expect(comparePlaces({ city: null, country: 'SA' }, { city: null, country: 'US' })).toBe('different');
  });
});

describe('sides', () => {
  it('UA-US against RU-US cross: two bilateral meetings', () => {
    expect(compareSides(['UA', 'US'], ['RU', 'US'])).toBe('crossing');
  });
  it('a report naming only the Ukrainian side fits UA-US talks', () => {
    expect(compareSides(['UA'], ['UA', 'US'])).toBe('subset');
  });
  it('the same sides in another order are equal; no sides is unknown', () => {
    expect(compareSides(['US', 'UA'], ['UA', 'US'])).toBe('equal');
    expect(compareSides([], ['UA', 'US'])).toBe('unknown');
  });
});

describe('kinds', () => {
  it('a phone call is never the same event as a meeting, but talks and a meeting may be', () => {
    expect(kindsCompatible('call', 'meeting')).toBe(false);
    expect(kindsCompatible('talks', 'meeting')).toBe(true);
    expect(kindsCompatible('call', 'call')).toBe(true);
  });
});

describe('matchScore', () => {
  const event: MatchShape = report();
  it('the same talks told by another article on another day match', () => {
    expect(matchScore(report({ articleId: 2, publishedAt: '2025-12-21', summary: 'x' }), event)).toBeGreaterThan(0);
  });
  it('RU-US talks the next day in the same city with the same US envoy do not match UA-US talks', () => {
    expect(matchScore(report({ date: '2025-12-20', sides: ['RU', 'US'], participants: [1, 3] }), event)).toBeNull();
    expect(matchScore(report({ sides: ['RU', 'US'], participants: [1, 3] }), event)).toBeNull();
  });
  it('an undated report joins only on a clear match: same city, same sides (or within them), a shared person', () => {
    expect(matchScore(report({ date: null }), event)).toBeGreaterThan(0);
    expect(matchScore(report({ date: null, sides: ['UA'] }), event)).toBeGreaterThan(0);
    expect(matchScore(report({ date: null, participants: [7] }), event)).toBeNull();
    expect(matchScore(report({ date: null, location: { city: null, country: 'US' } }), event)).toBeNull();
    expect(matchScore(report({ date: null, sides: ['EU', 'US'] }), event)).toBeNull();
  });
  it('a proposed trilateral never attaches to held bilateral talks', () => {
    expect(matchScore(report({ status: 'proposed', sides: ['RU', 'UA', 'US'] }), event)).toBeNull();
  });
  it('a report of the same sides that the meeting was called off attaches to the planned meeting', () => {
    const planned = report({
      status: 'planned',
      kind: 'summit',
      location: { city: 'Budapest', country: 'HU' },
      sides: ['RU', 'US'],
      date: '2025-10-30',
      approx: true,
    });
    expect(
      matchScore(
        report({
          status: 'cancelled',
          kind: 'summit',
          location: { city: 'Budapest', country: 'HU' },
          sides: ['RU', 'US'],
          date: '2025-10-30',
          approx: true,
        }),
        planned,
      ),
    ).toBeGreaterThan(0);
  });
  it('more shared people score higher', () => {
    const one = matchScore(report({ participants: [1] }), report({ participants: [1, 2] }))!;
    const two = matchScore(report({ participants: [1, 2] }), report({ participants: [1, 2] }))!;
    expect(two).toBeGreaterThan(one);
  });
});

describe('sameArticleReportsAgree', () => {
  it('an article reporting UA-US talks and RU-US talks on the same day reports two events', () => {
    expect(sameArticleReportsAgree(report(), report({ sides: ['RU', 'US'] }))).toBe(false);
  });
  it('an article reporting a meeting held and another proposed reports two events', () => {
    expect(sameArticleReportsAgree(report(), report({ status: 'proposed' }))).toBe(false);
  });
  it('a headline and a body sentence about the same talks agree', () => {
    expect(sameArticleReportsAgree(report(), report({ sides: ['UA'], location: { city: null, country: null } }))).toBe(true);
  });
});

describe('resolveStatus', () => {
  it('a later source saying the talks were held upgrades a plan', () => {
    expect(resolveStatus(['planned', 'held'])).toBe('held');
  });
  it('a later denial wins over a plan, and a later plan over an earlier cancellation', () => {
    expect(resolveStatus(['planned', 'cancelled'])).toBe('cancelled');
    expect(resolveStatus(['cancelled', 'planned'])).toBe('planned');
  });
  it('a proposal never becomes held or planned by itself', () => {
    expect(resolveStatus(['proposed', 'proposed'])).toBe('proposed');
    expect(resolveStatus(['planned', 'proposed'])).toBe('planned');
  });
  it('a held report is not undone by a later plan', () => {
    expect(resolveStatus(['held', 'planned'])).toBe('held');
  });
  it('the latest source wins between held and cancelled', () => {
    expect(resolveStatus(['held', 'cancelled'])).toBe('cancelled');
    expect(resolveStatus(['cancelled', 'held'])).toBe('held');
  });
  it('a proposal followed by a report that it took place is held', () => {
    expect(resolveStatus(['proposed', 'held'])).toBe('held');
  });
});

describe('resolveDates', () => {
  it('a precise date wins over an approximate one', () => {
    expect(
      resolveDates([
        { date: '2025-12-16', dateTo: null, approx: true },
        { date: '2025-12-19', dateTo: null, approx: false },
      ]),
    ).toEqual({
      date: '2025-12-19',
      dateTo: null,
      approx: false,
    });
  });
  it('a two-day range given by several sources is kept', () => {
    expect(
      resolveDates([
        { date: '2025-12-20', dateTo: null, approx: false },
        { date: '2025-12-20', dateTo: '2025-12-21', approx: false },
        { date: '2025-12-20', dateTo: '2025-12-21', approx: false },
      ]),
    ).toEqual({ date: '2025-12-20', dateTo: '2025-12-21', approx: false });
  });
  it("one source's two-day range does not widen another source's single day", () => {
    expect(
      resolveDates([
        { date: '2025-12-20', dateTo: null, approx: false },
        { date: '2025-12-20', dateTo: '2025-12-21', approx: false },
      ]),
    ).toEqual({
      date: '2025-12-20',
      dateTo: null,
      approx: false,
    });
  });
  it('single days that disagree do not widen into a range: the day most sources give wins', () => {
    expect(
      resolveDates([
        { date: '2025-12-19', dateTo: null, approx: false },
        { date: '2025-12-20', dateTo: null, approx: false },
        { date: '2025-12-20', dateTo: null, approx: false },
      ]),
    ).toEqual({ date: '2025-12-20', dateTo: null, approx: false });
  });
  it('with only approximate dates the narrowest is kept, flagged approximate', () => {
    expect(
      resolveDates([
        { date: '2025-12-08', dateTo: '2025-12-14', approx: true },
        { date: '2025-12-14', dateTo: null, approx: true },
      ]),
    ).toEqual({
      date: '2025-12-14',
      dateTo: null,
      approx: true,
    });
  });
  it('no dates at all stay unknown', () => {
    expect(resolveDates([{ date: null, dateTo: null, approx: false }])).toEqual({ date: null, dateTo: null, approx: false });
  });
});

describe('resolvePlace', () => {
  it('takes the city most sources name, with its country', () => {
    expect(
      resolvePlace([
        { city: null, country: 'US' },
        { city: 'Miami', country: 'US' },
        { city: 'Miami', country: null },
      ]),
    ).toEqual({ city: 'Miami', country: 'US' });
  });
});

describe('mergeReports', () => {
  it('unions sides and participants and keeps the summary of the latest source that tells the current status', () => {
    const merged = mergeReports([
      report({
        articleId: 1,
        publishedAt: '2025-12-18',
        status: 'planned',
        sides: ['UA'],
        participants: [1],
        summary: 'Ukraine to hold talks in Miami',
      }),
      report({
        articleId: 2,
        publishedAt: '2025-12-20',
        status: 'held',
        sides: ['US', 'UA'],
        participants: [2, 1],
        summary: 'UA-US talks held in Miami',
      }),
    ]);
    expect(merged.status).toBe('held');
    expect(merged.sides).toEqual(['UA', 'US']);
    expect(merged.participants).toEqual([1, 2]);
    expect(merged.summary).toBe('UA-US talks held in Miami');
  });
  it('gives the same event whatever order the reports come in', () => {
    const a = report({ articleId: 1, publishedAt: '2025-12-18', status: 'planned', participants: [1] });
    const b = report({ articleId: 2, publishedAt: '2025-12-20', participants: [2], date: '2025-12-19', dateTo: '2025-12-20' });
    expect(mergeReports([a, b])).toEqual(mergeReports([b, a]));
  });
});

describe('chooseEventForReport', () => {
  it('attaches a report to the event with the most evidence', () => {
    const uaUs = candidate(1, [report()]);
    const other = candidate(2, [report({ participants: [9], location: { city: null, country: 'US' } })]);
    expect(chooseEventForReport(report({ articleId: 5 }), [other, uaUs])?.id).toBe(1);
  });
  it('never bundles UA-US and RU-US talks of the same day into one trilateral', () => {
    const uaUs = candidate(1, [report({ participants: [1, 2] })]);
    const ruUs = candidate(2, [report({ articleId: 2, sides: ['RU', 'US'], participants: [3, 2] })]);
    expect(chooseEventForReport(report({ articleId: 3, sides: ['RU', 'UA', 'US'], participants: [2] }), [uaUs, ruUs])).toBeNull();
  });
  it('does not put a second report of one article into an event that article already reported differently', () => {
    const first = report({ articleId: 4, date: '2025-12-19', sides: ['UA', 'US'], participants: [1, 2] });
    const ev = candidate(1, [first]);
    // "...while Washington proposed another meeting of the same two sides that day": matchScore
    // alone would accept it (same sides), but the article itself tells the two apart.
    const sameArticleOtherTalks = report({ articleId: 4, seq: 1, status: 'proposed', participants: [2] });
    expect(matchScore(sameArticleOtherTalks, ev.fields)).not.toBeNull();
    expect(chooseEventForReport(sameArticleOtherTalks, [ev])).toBeNull();
  });
  it('attaches an undated report only when one dated event clearly matches', () => {
    const ev = candidate(1, [report()]);
    expect(chooseEventForReport(report({ articleId: 2, date: null }), [ev])?.id).toBe(1);
    expect(chooseEventForReport(report({ articleId: 2, date: null, participants: [] }), [ev])).toBeNull();
  });
});

describe('sides told differently by two sources', () => {
  it('UA-US-EU and UA-US-DE overlap enough to be one round; UA-US and RU-US do not', () => {
    expect(compareSides(['UA', 'US', 'EU'], ['UA', 'US', 'DE'])).toBe('overlapping');
    expect(matchScore(report({ sides: ['UA', 'US', 'EU'] }), report({ articleId: 2, sides: ['UA', 'US', 'DE'] }))).toBeGreaterThan(0);
    expect(compareSides(['UA', 'US', 'GB'], ['RU', 'US', 'CN'])).toBe('crossing');
  });
});

describe('undated reports', () => {
  it('an undated report fitting two dated events (the 19th and the 21st) joins the one nearest its publication', () => {
    const d19 = candidate(1, [report()]);
    const d21 = candidate(2, [report({ articleId: 2, date: '2025-12-21' })]);
    expect(chooseEventForReport(report({ articleId: 3, date: null, publishedAt: '2025-12-22' }), [d19, d21])?.id).toBe(2);
    expect(chooseEventForReport(report({ articleId: 3, date: null, publishedAt: '2025-12-19' }), [d19, d21])?.id).toBe(1);
  });
  it('an undated event is folded into the one dated event it now clearly matches', () => {
    const undated = candidate(1, [report({ articleId: 1, date: null, participants: [1, 2] })]);
    const dated = candidate(2, [report({ articleId: 2, participants: [2] })]);
    const other = candidate(3, [report({ articleId: 3, date: '2025-12-20', sides: ['RU', 'US'], participants: [5] })]);
    expect(undatedEventsToAttach([undated, dated, other]).map((m) => [m.undated.id, m.into.id])).toEqual([[1, 2]]);
  });
  it('an undated event with two dated fits goes to the nearer one', () => {
    const undated = candidate(1, [report({ articleId: 1, date: null, publishedAt: '2025-12-22' })]);
    const d19 = candidate(2, [report({ articleId: 2 })]);
    const d21 = candidate(3, [report({ articleId: 3, date: '2025-12-21' })]);
    expect(undatedEventsToAttach([undated, d19, d21]).map((m) => m.into.id)).toEqual([3]);
  });
  it('an undated event in another city stays apart', () => {
    const undated = candidate(1, [report({ articleId: 1, date: null, location: { city: 'Berlin', country: 'DE' } })]);
    expect(undatedEventsToAttach([undated, candidate(2, [report({ articleId: 2 })])])).toEqual([]);
  });
});

describe('host country read as a side', () => {
  it('"a meeting in the Saudi capital earlier this week" with side SA joins the US-Russia talks in Riyadh', () => {
    const riyadh = report({ location: { city: 'Riyadh', country: 'SA' }, sides: ['RU', 'US'], date: '2025-02-18', participants: [1] });
    const vague = report({
      articleId: 2,
      location: { city: 'Riyadh', country: 'SA' },
      sides: ['SA'],
      date: '2025-02-18',
      approx: true,
      participants: [],
    });
    expect(matchScore(vague, riyadh)).not.toBeNull();
    expect(mergeReports([riyadh, vague]).sides).toEqual(['RU', 'US']);
  });
  it('a report that names the host and a guest keeps both', () => {
    expect(informativeSides({ sides: ['SA', 'UA'], location: { city: 'Jeddah', country: 'SA' } })).toEqual(['SA', 'UA']);
  });
});

describe('floated meetings', () => {
  it('an undated denial and a proposal of the same three-way meeting a day earlier are one proposal', () => {
    const proposal = report({
      status: 'proposed',
      sides: ['RU', 'UA', 'US'],
      date: '2025-12-20',
      location: { city: null, country: null },
      participants: [],
    });
    const denial = report({
      articleId: 2,
      status: 'cancelled',
      sides: ['US', 'RU', 'UA'],
      date: null,
      location: { city: null, country: null },
      participants: [],
    });
    expect(matchScore(denial, proposal)).not.toBeNull();
    expect(mergeReports([proposal, denial]).status).toBe('cancelled');
  });
  it('a floated Russia-Ukraine meeting is not the same as a floated three-way one', () => {
    const threeWay = report({
      status: 'proposed',
      sides: ['RU', 'UA', 'US'],
      date: null,
      location: { city: null, country: null },
      participants: [],
    });
    expect(
      matchScore(
        report({
          articleId: 2,
          status: 'cancelled',
          sides: ['RU', 'UA'],
          date: null,
          location: { city: null, country: null },
          participants: [],
        }),
        threeWay,
      ),
    ).toBeNull();
  });
});

describe('a report of several days', () => {
  it('"talks over the weekend" is a source for the Saturday and the Sunday rounds', () => {
    const saturday = candidate(1, [report({ articleId: 1, date: '2025-12-20', sides: ['RU', 'US'] })]);
    const sunday = candidate(2, [report({ articleId: 2, date: '2025-12-21', sides: ['RU', 'US'] })]);
    const other = candidate(3, [report({ articleId: 2, date: '2025-12-21', sides: ['UA', 'US'] })]);
    const weekend = report({ articleId: 3, date: '2025-12-20', dateTo: '2025-12-21', sides: ['RU', 'US'] });
    const chosen = chooseEventForReport(weekend, [saturday, sunday, other])!;
    expect([chosen, ...otherEventsCovered(weekend, chosen, [saturday, sunday, other])].map((c) => c.id).sort()).toEqual([1, 2]);
  });
  it('a single day covers no other event', () => {
    const saturday = candidate(1, [report({ date: '2025-12-20' })]);
    expect(otherEventsCovered(report({ articleId: 2, date: '2025-12-20' }), saturday, [saturday])).toEqual([]);
  });
});

describe('credibleStatus', () => {
  it('an article of 18 December cannot know that talks on the 19th were held', () => {
    expect(credibleStatus({ status: 'held', date: '2025-12-19', approx: false, publishedAt: '2025-12-18' })).toBe('planned');
    expect(mergeReports([report({ publishedAt: '2025-12-18', date: '2025-12-19' })]).status).toBe('planned');
  });
  it('talks on the day of publication or before may be held', () => {
    expect(credibleStatus({ status: 'held', date: '2025-12-19', approx: false, publishedAt: '2025-12-19' })).toBe('held');
    expect(credibleStatus({ status: 'held', date: '2025-12-19', approx: true, publishedAt: '2025-12-18' })).toBe('held');
  });
});
