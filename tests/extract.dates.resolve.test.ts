import { describe, expect, it } from 'vitest';
import { findDates, inferYear, resolveWeekday, tenseAt, tenseOf } from '../src/extract/dates/resolve.ts';

/** The first date in a sentence as "date", "date..dateTo", with "~" when approximate. */
function first(sentence: string, publishedAt: string | null): string | null {
  const d = findDates(sentence, publishedAt)[0];
  if (!d) return null;
  return `${d.date}${d.dateTo ? `..${d.dateTo}` : ''}${d.approx ? ' ~' : ''}`;
}

// 2025-08-17 was a Sunday, 2025-08-20 a Wednesday, 2025-11-29 a Saturday, 2026-01-05 a Monday.
describe('weekdays and tense', () => {
  it('a past-tense weekday before the publication day is the latest one', () => {
    expect(first('Trump and Putin met in Alaska on Friday.', '2025-08-17')).toBe('2025-08-15');
  });

  it('a future-tense weekday after the publication day is the next one', () => {
    expect(first('Zelensky will meet Trump at the White House on Monday.', '2025-08-17')).toBe('2025-08-18');
  });

  it('a past-tense weekday equal to the publication weekday is that same day', () => {
    expect(first('Rubio told reporters on Sunday that progress was made.', '2025-08-17')).toBe('2025-08-17');
  });

  it('a future-tense weekday equal to the publication weekday is the same day, unless "next"', () => {
    expect(first('European leaders will hold a video call on Sunday.', '2025-08-17')).toBe('2025-08-17');
    expect(first('European leaders will hold a video call next Sunday.', '2025-08-17')).toBe('2025-08-24');
  });

  it('"on Saturday" in a past sentence published on a Sunday is the day before', () => {
    expect(first('Zelensky said on Saturday that he was ready to meet.', '2025-08-17')).toBe('2025-08-16');
  });

  it('gives each clause its own tense', () => {
    const dates = findDates('Witkoff said on Monday that the envoys will meet again on Friday.', '2025-08-20');
    expect(dates.map((d) => d.date)).toEqual(['2025-08-18', '2025-08-22']);
  });

  it("keeps the possessive out of a weekday's surface", () => {
    const [d] = findDates("Saturday's meeting in Geneva ran late.", '2025-11-24');
    expect(d).toMatchObject({ date: '2025-11-22', surface: 'Saturday' });
  });

  it('reads "last" and "next" before a weekday', () => {
    expect(first('The call took place last Wednesday.', '2025-08-20')).toBe('2025-08-13');
    expect(first('The call is planned for next Thursday.', '2025-08-20')).toBe('2025-08-21');
  });

  it('resolveWeekday follows the tense', () => {
    expect(resolveWeekday(5, '2025-08-17', 'past', null)).toBe('2025-08-15');
    expect(resolveWeekday(5, '2025-08-17', 'future', null)).toBe('2025-08-22');
  });
});

describe('days of the month', () => {
  it.each([
    ['Rubio and Yermak met in Geneva on Nov. 23.', '2025-11-23'],
    ['Rubio and Yermak met in Geneva on November 23.', '2025-11-23'],
    ['Rubio and Yermak met in Geneva on 23 November.', '2025-11-23'],
    ['Rubio and Yermak met in Geneva on Sunday, Nov. 23.', '2025-11-23'],
    ['Rubio and Yermak met in Geneva on the 23rd of November.', '2025-11-23'],
  ])('%s', (sentence, expected) => {
    expect(first(sentence, '2025-11-25')).toBe(expected);
  });

  it('keeps an explicit year in a photo caption', () => {
    const caption = 'Putin and Trump shake hands in Anchorage, Alaska, on Aug. 15, 2025. (Photo: AFP)';
    expect(first(caption, '2025-12-01')).toBe('2025-08-15');
    const [d] = findDates(caption, '2025-12-01');
    expect(d!.surface).toBe('Aug. 15, 2025');
  });

  it('includes a time-zone note in the surface', () => {
    const [d] = findDates('The delegations talked in Florida on November 30 (US time).', '2025-12-01');
    expect(d).toMatchObject({ date: '2025-11-30', surface: 'November 30 (US time)' });
  });

  it('takes the year that puts a past date just before a January article (roll-over)', () => {
    expect(first('Trump hosted Zelensky at Mar-a-Lago on Dec. 28.', '2026-01-05')).toBe('2025-12-28');
  });

  it('takes the next year for a future date early in the year, published in late December', () => {
    expect(first('The envoys are expected to meet on Jan. 8.', '2025-12-29')).toBe('2026-01-08');
  });

  it('inferYear looks in the direction of the tense', () => {
    expect(inferYear(12, 30, '2026-01-04', 'past')).toBe(2025);
    expect(inferYear(1, 3, '2025-12-29', 'future')).toBe(2026);
    expect(inferYear(6, 5, '2025-12-10', 'past')).toBe(2025);
  });

  it('reads ISO and dotted days', () => {
    expect(first('The memorandum is dated 2025-06-02.', null)).toBe('2025-06-02');
    expect(first('Signed in Istanbul on 02.06.2025.', null)).toBe('2025-06-02');
  });

  it('without a publication day keeps only dates that carry a year', () => {
    expect(findDates('They met on Friday, and again on June 2.', null)).toEqual([]);
    expect(first('They met on June 2, 2025.', null)).toBe('2025-06-02');
  });

  it('reads slashed days with a year, month first unless the first number cannot be a month', () => {
    expect(first('The ceasefire was announced on 6/24/2025.', '2025-06-30')).toBe('2025-06-24');
    expect(first('The ceasefire was announced on 24/6/2025.', '2025-06-30')).toBe('2025-06-24');
    expect(findDates('The hotline works 24/7 since 9/11.', '2025-06-30')).toEqual([]);
  });

  it('falls back to chrono-node for rarer forms', () => {
    expect(first('The memorandum is dated 24-Jun-2025.', '2025-06-30')).toBe('2025-06-24');
    expect(first('The memorandum is dated 2025/06/24.', '2025-06-30')).toBe('2025-06-24');
  });
});

describe('a day of the month without the month ("on the 2nd")', () => {
  it.each([
    ['The new Japanese prime minister made his first calls to foreign leaders on the 2nd.', '2024-10-02', '2024-10-02'],
    ['The two presidents spoke by phone on the 28th.', '2024-10-02', '2024-09-28'],
    ['The foreign ministers will meet in Vientiane on the 10th and 11th.', '2024-10-02', '2024-10-10'],
    ['The envoys will return on the 1st, after a month of recess.', '2024-10-20', '2024-11-01'],
  ])('%s (published %s) is %s', (sentence, published, day) => {
    expect(first(sentence, published)).toBe(day);
  });
  it.each([
    'The invasion continued on its 15th day.',
    'On the 15th day of the war, the two delegations met.',
    'The treaty turns 60 on the 60th anniversary of normalisation.',
    'He won on the 2nd ballot.',
  ])('dates nothing in %s', (sentence) => {
    expect(first(sentence, '2024-10-02')).toBeNull();
  });
});

describe('ranges', () => {
  it.each([
    ['NATO leaders met in The Hague on June 24-25.', '2025-06-24..2025-06-25'],
    ['NATO leaders met in The Hague on June 24 and 25.', '2025-06-24..2025-06-25'],
    ['NATO leaders met in The Hague on 24-25 June 2025.', '2025-06-24..2025-06-25'],
    ['NATO leaders met in The Hague from June 24 to June 25.', '2025-06-24..2025-06-25'],
    ['The talks ran from June 30 to July 2.', '2025-06-30..2025-07-02'],
  ])('%s', (sentence, expected) => {
    expect(first(sentence, '2025-07-05')).toBe(expected);
  });

  it('carries a range over the new year', () => {
    expect(first('The talks ran Dec. 30 - Jan. 2 in Abu Dhabi.', '2026-01-05')).toBe('2025-12-30..2026-01-02');
  });
});

describe('relative days', () => {
  it.each([
    ['Today the envoys start another round.', '2025-12-19'],
    ['Yesterday the envoys met in Miami.', '2025-12-18'],
    ['Tomorrow the envoys will meet in Miami.', '2025-12-20'],
    ['The day before, the agency quoted an unnamed official.', '2025-12-18'],
    ['The envoys talked late last night.', '2025-12-18'],
  ])('%s', (sentence, expected) => {
    expect(first(sentence, '2025-12-19')).toBe(expected);
  });
});

describe('vague references', () => {
  it('"earlier this week" is an approximate range from Monday to the day before', () => {
    expect(first('Driscoll met Russian officials in Abu Dhabi earlier this week.', '2025-11-29')).toBe('2025-11-24..2025-11-28 ~');
  });

  it('"this weekend" / "over the weekend" is the weekend the tense points to', () => {
    expect(first('The envoys are holding talks over the weekend.', '2025-11-29')).toBe('2025-11-29..2025-11-30');
    expect(first('The envoys will hold talks this weekend.', '2025-11-26')).toBe('2025-11-29..2025-11-30');
    expect(first('The envoys held talks over the weekend.', '2025-11-26')).toBe('2025-11-22..2025-11-23');
  });

  it('"last weekend" on a Monday is the weekend just gone', () => {
    expect(first('Gabbard spoke at a conference last weekend.', '2025-12-22')).toBe('2025-12-20..2025-12-21');
  });

  it('"last week" is the previous Monday to Sunday', () => {
    expect(first('EU leaders last week agreed on a loan for Ukraine.', '2025-12-22')).toBe('2025-12-15..2025-12-21 ~');
  });

  it('"two months ago" is approximate', () => {
    expect(first('The envoys began discussing the plan two months ago.', '2025-12-19')).toBe('2025-10-19 ~');
  });

  it('"more than two weeks after" dates the earlier event a little over two weeks back', () => {
    expect(first('The visit could come more than two weeks after the envoys met Putin in Moscow.', '2025-12-19')).toBe('2025-12-03 ~');
  });

  it('"more than two weeks ago" and "two weeks before" go back and forward from publication', () => {
    expect(first('The envoys last met more than two weeks ago.', '2025-12-19')).toBe('2025-12-03 ~');
    expect(first('The call came two weeks before the summit.', '2025-12-19')).toBe('2026-01-02 ~');
  });

  it('counts "three days after" from a date stated earlier in the sentence', () => {
    const dates = findDates(
      'Trump hosted Zelensky at the White House on Monday, three days after his summit with Putin in Alaska.',
      '2025-08-19',
    );
    expect(dates.map((d) => d.date)).toEqual(['2025-08-18', '2025-08-15']);
  });

  it('counts "the next day" and "two days later" from an earlier date, and drops them without one', () => {
    const dates = findDates('The talks began in Istanbul on Friday and resumed the next day, then again two days later.', '2025-05-20');
    expect(dates.map((d) => d.date)).toEqual(['2025-05-16', '2025-05-17', '2025-05-18']);
    expect(findDates('The delegations met again the next day.', '2025-05-20')).toEqual([]);
  });

  it('reads years and holidays relative to publication', () => {
    expect(first('Direct talks were last held early last year.', '2025-05-20')).toBe('2024-01-01..2024-04-30 ~');
    expect(first('The two sides kept talking over Christmas.', '2026-01-05')).toBe('2025-12-25 ~');
    expect(findDates('Zelensky met Trump at Mar-a-Lago after Christmas.', '2026-01-05')).toEqual([]);
    expect(first("The envoys will meet again on New Year's Eve.", '2025-12-20')).toBe('2025-12-31');
  });

  it('reads weekday ranges', () => {
    expect(first('Driscoll held talks with Russian officials in Abu Dhabi on Monday and Tuesday.', '2025-11-26')).toBe(
      '2025-11-24..2025-11-25',
    );
    expect(first('The delegations will meet from Monday to Wednesday.', '2025-11-26')).toBe('2025-12-01..2025-12-03');
  });

  it('reads "the first talks in three years" as a duration, even in a future sentence', () => {
    const dates = findDates(
      'Negotiators are expected to sit down in Istanbul on Friday for their first direct talks in three years.',
      '2025-05-15',
    );
    expect(dates.map((d) => d.surface)).toEqual(['Friday']);
  });

  it('"in six months" looks ahead only in a future sentence', () => {
    expect(first('The parties will review the deal in six months.', '2025-12-21')).toBe('2026-06-21 ~');
    expect(findDates('Washington proposed the first direct talks between Kyiv and Moscow in six months.', '2025-12-21')).toEqual([]);
  });

  it('a month without a day is an approximate range', () => {
    expect(first('The two presidents spoke by phone in March.', '2025-12-21')).toBe('2025-03-01..2025-03-31 ~');
    expect(first('A new round is expected in early January.', '2025-12-21')).toBe('2026-01-01..2026-01-10 ~');
    expect(first('They first met in May 2019.', null)).toBe('2019-05-01..2019-05-31 ~');
  });

  it('reads "the first week of December" as that week of the month', () => {
    expect(first('Talks are expected in the first week of January.', '2025-12-21')).toBe('2026-01-01..2026-01-07 ~');
    expect(first('The envoys met in the last week of November.', '2025-12-21')).toBe('2025-11-24..2025-11-30 ~');
  });

  it('does not read the verb "may" or "march" as a month', () => {
    expect(findDates('The envoys may meet again, and protesters march on.', '2025-12-21')).toEqual([]);
  });
});

describe('tense', () => {
  it.each([
    ['Witkoff met Putin in Moscow.', 'past'],
    ['The Kremlin has denied the reports.', 'past'],
    ['The delegations will meet in Miami.', 'future'],
    ['The envoys are expected to meet again.', 'future'],
    ['The envoys are holding talks in Miami.', 'present'],
  ] as const)('%s is %s', (sentence, tense) => {
    expect(tenseOf(sentence)).toBe(tense);
  });

  it.each([
    ['The meeting, first reported by Axios on Wednesday, drew criticism.', '2025-10-15'],
    ['Trump called Putin on Thursday.', '2025-10-16'],
    ['The two leaders have agreed to meet on Sunday.', '2025-10-19'],
    ['Zelensky, who met Trump on Friday, flew home.', '2025-10-17'],
    ['Talks are set for Sunday.', '2025-10-19'],
    ['In a phone call on Thursday, the presidents agreed on a summit.', '2025-10-16'],
  ])('%s (published Saturday 2025-10-18)', (sentence, expected) => {
    expect(first(sentence, '2025-10-18')).toBe(expected);
  });

  it('tenseAt reads the clause around a position', () => {
    const s = 'Umerov said on Friday that the teams would meet on Sunday.';
    expect(tenseAt(s, s.indexOf('Friday'), s.indexOf('Friday') + 6)).toBe('past');
    expect(tenseAt(s, s.indexOf('Sunday'), s.indexOf('Sunday') + 6)).toBe('future');
  });
});

describe('noise', () => {
  it('does not read a weekday inside a name as a date', () => {
    expect(findDates('The Good Friday Agreement was signed in Belfast.', '2025-12-21')).toEqual([]);
    expect(findDates('The Sunday Times reported the plan first.', '2025-12-21')).toEqual([]);
  });

  it('ignores date-like numbers inside links', () => {
    expect(findDates('Read more at https://www.example.com/2025/12/21/talks-resume for details.', '2025-12-21')).toEqual([]);
  });

  it('reads a mid-month reference as an approximate range', () => {
    expect(first('Another round is expected in mid-January.', '2025-12-21')).toBe('2026-01-11..2026-01-20 ~');
  });
});

describe('a year alone', () => {
  it('dates a thing somewhere in that year, approximately', () => {
    expect(first('Their only summit took place in Vienna in 2019.', '2025-08-17')).toBe('2019-01-01..2019-12-31 ~');
    expect(first('Relations have been frozen since 2014.', '2025-08-17')).toBe('2014-01-01..2014-12-31 ~');
  });
  it('is no year inside a fuller date, a number or a decade', () => {
    expect(first('They met in 2019-05-02.', '2025-08-17')).toBe('2019-05-02');
    expect(first('Exports fell in 2,019 ports and in the 1990s.', '2025-08-17')).toBe(null);
    expect(first('The plan has 2019 pages.', '2025-08-17')).toBe(null);
  });
});
