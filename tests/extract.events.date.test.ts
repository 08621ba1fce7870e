// The date step: which of a clause's dates is the event's.
import { describe, expect, it } from 'vitest';
import {
  bareWeekday,
  chooseDate,
  clockTimeOnly,
  datesWhatFollows,
  followedReport,
  oneDayPerWeekday,
  datesAMeeting,
  daysOfTalksEndingAt,
  daysOfTalksJustEnded,
  isDuration,
  isSpeechDate,
  justEnded,
  lastedHours,
  newsOfTheDay,
  pastYear,
  sameDayAsBefore,
  startsTheTimeSince,
  trailingAttribution,
  withoutFiledDay,
} from '../src/extract/events/date.ts';
import { extractArticle } from '../src/extract/index.ts';
import { findDates, type DateMention } from '../src/extract/dates/resolve.ts';
import { checkPredicateTable } from './support/patternTable.ts';

/** The first date the sentence names, published on a Thursday. */
const firstDate = (s: string): DateMention => findDates(s, '2025-06-12')[0]!;

checkPredicateTable('date rules', [
  {
    name: 'the date of a saying',
    test: (s) => isSpeechDate(s, firstDate(s)),
    matches: ['The ministry told reporters on Tuesday that talks were going well.', 'Tuesday, the premier said, the talks would go on.'],
    rejects: ['The envoys met on Tuesday, the premier said.', 'The envoys met on Tuesday in Lima.'],
  },
  {
    name: 'a length of time',
    test: (s) => isDuration(s, firstDate(s)),
    matches: ['Tariffs fall for 90 days after the talks.', 'The truce holds for two weeks after Monday.'],
    rejects: ['They met 90 days after the election.'],
  },
  {
    name: 'a closing attribution',
    test: trailingAttribution,
    matches: [', the envoy said.', ', Ruto told reporters'],
    rejects: [', the ministry said in a statement that talks would follow.'],
  },
  {
    name: 'the same day as before',
    test: sameDayAsBefore,
    matches: ['at 9:00 that morning', 'later in the day', 'The round lasted about three hours.'],
    rejects: ['the next day'],
  },
  {
    name: 'a sitting of hours',
    test: lastedHours,
    matches: ['The meeting lasted two and a half hours'],
    rejects: ['The truce lasted two weeks'],
  },
  {
    name: 'a date that can date a meeting',
    test: (s) => datesAMeeting(firstDate(s)),
    matches: ['They met on Tuesday.', 'They met in November 2023.'],
    rejects: ['They met several times in recent weeks.'],
  },
  {
    name: 'talks reported as just over',
    test: justEnded,
    matches: [
      'LIMA - Peru and Chile have ended two days of border talks.',
      'The premier has concluded three hours of negotiations with his rival.',
    ],
    rejects: ['Peru and Chile ended two days of talks on Monday last year.', 'The premier has concluded that negotiations are pointless.'],
  },
  {
    name: "the day's news in a headline or lead",
    test: newsOfTheDay,
    matches: [
      'The premier has arrived in Lima ahead of talks.',
      'Ruto and Museveni hold talks on fuel pipeline',
      'The two presidents have spoken for the first time since the election.',
      'Lula and Milei have first phone call',
    ],
    rejects: [
      'Ruto and Museveni will hold talks next month',
      'The talks were postponed.',
      'Envoys have been meeting since Saturday for talks.',
    ],
  },
  {
    name: 'a past year that dates a recalled meeting',
    test: (s) => pastYear(firstDate(s), '2025-06-12'),
    matches: ['Their only summit was held in Vienna in 2019.'],
    rejects: ['They plan a summit in 2026.', 'The summit in 2025 will be in Lima.'],
  },
  {
    name: 'an hour with no day',
    test: (s) => clockTimeOnly(s, findDates(s, '2025-06-12')),
    matches: ['The meeting is due to start at 5pm, local time.', 'Talks began at 9:30 a.m. in Lima.'],
    rejects: ['The meeting starts at 5pm on Friday.', 'The envoys meet every day at 9 a.m.', 'They met in 2019 for 5 hours.'],
  },
  {
    name: 'a span after or before something, which dates that thing',
    test: (s) => datesWhatFollows(firstDate(s), s.search(/call|talks|met/)),
    matches: ['In their first call a day after the election, the leaders spoke of trade.', 'The talks came two weeks before the vote.'],
    rejects: ['Two weeks after the election, the leaders met in Lima.', 'The talks were held on Monday.'],
  },
  {
    name: 'a day after "since" that starts the time since the event',
    test: (s) => startsTheTimeSince(s, firstDate(s), s.search(/call|talks|met/)),
    matches: [
      'Lula and Milei held their first call since March.',
      'They met for the first time since 2019.',
      'It was the first summit since the old treaty collapsed in 2019.',
    ],
    rejects: ['The envoys have been meeting since Saturday in Nairobi.', 'Since Monday the talks have stalled.'],
  },
]);

describe('the day a story was filed', () => {
  it('yields to a day the sentence names, and dates it alone', () => {
    const s = 'Lima, June 12: Envoys from Peru and Chile on Tuesday opened talks on the border.';
    expect(withoutFiledDay(findDates(s, '2025-06-12')).map((d) => d.date)).toEqual(['2025-06-10']);
    const t = 'Lima, June 12: Envoys from Peru and Chile opened talks on the border.';
    expect(withoutFiledDay(findDates(t, '2025-06-12')).map((d) => d.date)).toEqual(['2025-06-12']);
  });
});

describe('days of talks just ended', () => {
  it('counts the days a sentence says just ended', () => {
    expect(daysOfTalksJustEnded('Peru and Chile have ended three days of border talks in Lima.')).toBe(3);
    expect(daysOfTalksJustEnded('Peru and Chile have ended their talks in Lima.')).toBe(1);
  });
});

describe('the lead news of an article', () => {
  const eventsOf = (text: string, publishedAt = '2025-06-12') =>
    extractArticle({ text, title: null, publishedAt }, { people: [], places: [] }).events.map((e) => [
      e.status,
      e.date,
      e.dateTo,
      e.location.city,
    ]);
  it('talks the lead reports as just ended, with no day named, end on the publication day', () => {
    const text =
      'LIMA — Negotiators from Peru and Chile have ended two days of border talks in Peru.\n\nBoth delegations called the talks useful.';
    expect(eventsOf(text)).toEqual([['held', '2025-06-11', '2025-06-12', 'Lima']]);
  });
  it('a dated report of the same talks in the body leaves the lead to it', () => {
    const text =
      'Peruvian and Chilean negotiators have held a new round of talks.\n\nThe Peruvian and Chilean envoys met in Lima on Wednesday.';
    expect(eventsOf(text)).toEqual([['held', '2025-06-11', null, 'Lima']]);
  });
});

describe('days of talks ending on a day', () => {
  it('counts the days of talks that ended on it', () => {
    const s = 'Three days of trade talks between Peru and Chile ended in Lima on Thursday.';
    expect(daysOfTalksEndingAt(s, s.indexOf('Thursday'), s.indexOf('Thursday') + 8)).toBe(3);
    const t = 'Envoys met again on Thursday, the second day of talks.';
    expect(daysOfTalksEndingAt(t, t.indexOf('on Thursday'), t.indexOf('on Thursday') + 11)).toBe(2);
    expect(daysOfTalksEndingAt('They met on Thursday.', 7, 18)).toBe(1);
  });
});

describe('chooseDate', () => {
  it('the first exact date wins over an approximate one', () => {
    const s = 'Weeks ago the envoys met, and on Tuesday they met again.';
    expect(chooseDate(findDates(s, '2025-06-12'))?.date).toBe('2025-06-10');
  });
  it('no dates choose nothing', () => {
    expect(chooseDate([])).toBe(null);
  });
});

describe('one weekday, one day', () => {
  it('a weekday named bare again in the same article keeps the day of its first mention', () => {
    // 2025-06-12 is a Thursday: "will meet Sunday" is the 15th, a past-tense "Sunday" alone the 8th.
    const frame = { text: '', sentences: [], people: { people: [] }, quotes: [] } as unknown as Parameters<typeof oneDayPerWeekday>[0];
    const first = oneDayPerWeekday(frame, findDates('The two leaders will meet Sunday in Lima.', '2025-06-12'));
    const again = oneDayPerWeekday(frame, findDates("Sunday's meeting was not confirmed until Tuesday.", '2025-06-12'));
    expect(first.map((d) => d.date)).toEqual(['2025-06-15']);
    expect(again.map((d) => d.date)).toEqual(['2025-06-15', '2025-06-10']);
  });
  it('"last" or "next" before a weekday is not a bare weekday', () => {
    expect(bareWeekday('on Sunday')).toBe('sunday');
    expect(bareWeekday('last Sunday')).toBe(null);
  });
});

describe('a meeting a dated report follows', () => {
  it('takes the day of the report right before it', () => {
    const text = 'The ministry announced the truce on June 10 following a meeting in Lima.';
    const sentence = { index: 0, paragraph: 0, start: 0, end: text.length, text };
    const dates = findDates(text, '2025-06-12');
    const at = text.indexOf('following');
    expect(followedReport(sentence, dates, at, text.slice(at))?.date).toBe('2025-06-10');
    const later = text.indexOf('in Lima');
    expect(followedReport(sentence, dates, later, text.slice(later))).toBe(null);
  });
});

describe('the meetings of a dated visit', () => {
  it('take the one day the article gives the visit', () => {
    const text =
      'Ruto spoke to reporters on Tuesday during his first visit to Uganda.\n\nRuto met Museveni in Kampala and discussed the pipeline.';
    const r = extractArticle({ text, title: null, publishedAt: '2025-06-12' }, { people: [], places: [] });
    expect(r.events.filter((e) => e.status === 'held').map((e) => [e.date, e.location.city])).toEqual([['2025-06-10', 'Kampala']]);
  });
});
