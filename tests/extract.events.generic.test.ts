// Event rules written for phrasings beyond the Ukraine talks: each case is a sentence of our own.
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../src/extract/index.ts';
import { capitalIsVenue, findSides } from '../src/extract/events/sides.ts';
import { daysOfTalksEndingAt, isDuration, lastedHours, sameDayAsBefore, trailingAttribution } from '../src/extract/events/date.ts';
import { datelineCity, hostsEvent, namedAsSettlement } from '../src/extract/events/place.ts';
import { namesBothSides } from '../src/extract/events/sides.ts';
import { namesTwoPeople, reportsFromTheTable } from '../src/extract/events/participants.ts';
import { talksOpened } from '../src/extract/events/references.ts';
import { calledOffAfter, noDateSet } from '../src/extract/events/status.ts';
import { resetGeoMemo } from '../src/extract/events/geoMemo.ts';
import { eventStatus } from '../src/extract/events/status.ts';

function events(text: string, publishedAt = '2025-06-12') {
  const r = extractArticle({ text, title: null, publishedAt }, { people: [], places: [] });
  const name = (k: string) => r.people.find((p) => p.key === k)?.name ?? k;
  return r.events.map((e) => ({
    kind: e.kind,
    status: e.status,
    date: e.date,
    dateTo: e.dateTo,
    city: e.location.city,
    sides: [...e.sides].sort(),
    people: e.participantKeys.map(name),
  }));
}

const sidesOf = (text: string): string[] => {
  resetGeoMemo([]);
  return findSides(text).map((s) => s.code);
};

describe('a capital that is a venue, not a side', () => {
  it('"the Paris round" names an event by its city', () => {
    const text = 'The Paris round came after a call between Emmanuel Macron and Olaf Scholz.';
    expect(capitalIsVenue(text, 4, 9)).toBe(true);
    expect(sidesOf(text)).not.toContain('FR');
  });
  it('a list of venues gives no side', () => {
    expect(sidesOf('It was their fourth meeting this year, after rounds in Vienna and Paris.')).not.toContain('FR');
  });
  it('a host city is the venue', () => {
    expect(sidesOf('Berlin to host the next round of Iran-US talks')).toEqual(['IR', 'US']);
    expect(hostsEvent(' to host the next round of talks')).toBe(true);
    expect(hostsEvent(' will host a summit')).toBe(true);
    expect(hostsEvent(' is a busy city')).toBe(false);
  });
  it('a capital acting as a government still is a side', () => {
    expect(sidesOf('Moscow is planning talks with Kyiv.')).toEqual(['RU', 'UA']);
  });
});

describe('the venue of a hosted round', () => {
  it('"Vienna to host" places the planned round in Vienna', () => {
    const found = events('Vienna to host third round of Iran-US talks on Saturday.', '2025-06-12');
    expect(found.some((e) => e.city === 'Vienna' && e.status === 'planned' && e.date === '2025-06-14')).toBe(true);
    expect(found.every((e) => !e.sides.includes('AT'))).toBe(true);
  });
});

describe('dates of the right clause', () => {
  it('"for 90 days" is a length of time, not a day', () => {
    const s = 'The two countries will lower tariffs for 90 days after the Geneva talks';
    expect(isDuration(s, { start: s.indexOf('90 days'), surface: '90 days after' })).toBe(true);
    const t = 'They met 90 days after the election';
    expect(isDuration(t, { start: t.indexOf('90 days'), surface: '90 days after' })).toBe(false);
  });
  it('an agreement on Monday after talks over the weekend dates the talks at the weekend', () => {
    const found = events(
      'The European Union and Japan agreed on Monday to drop the duties, after two days of talks in Tokyo over the weekend.',
      '2025-06-16',
    );
    expect(found.filter((e) => e.date === '2025-06-16')).toEqual([]);
    expect(found.some((e) => e.date === '2025-06-14' && e.dateTo === '2025-06-15' && e.city === 'Tokyo')).toBe(true);
  });
  it('"the talks come after X phoned Y on Saturday": Saturday is the call', () => {
    const found = events(
      'Background: the talks between Peru and Ecuador in Lima come after US President Joe Biden phoned both leaders on Saturday.',
      '2025-06-16',
    );
    expect(found.filter((e) => e.kind !== 'call' && e.date === '2025-06-14')).toEqual([]);
  });
  it('"three days of talks ended on Thursday" spans the three days', () => {
    const s = 'Three days of trade talks between Japan and Canada ended in Ottawa on Thursday.';
    expect(daysOfTalksEndingAt(s, s.indexOf('Thursday'), s.indexOf('Thursday') + 8)).toBe(3);
    const found = events(s, '2025-06-13');
    expect(found.some((e) => e.date === '2025-06-10' && e.dateTo === '2025-06-12')).toBe(true);
  });
  it('"on Thursday, the second day of talks" spans two days', () => {
    const s = 'Negotiators from Serbia and Kosovo met again in Brussels on Thursday, the second day of talks.';
    const at = s.indexOf('on Thursday');
    expect(daysOfTalksEndingAt(s, at, at + 11)).toBe(2);
  });
});

describe('a round called off', () => {
  it('"which had been scheduled ..., has been postponed" is not planned', () => {
    expect(
      calledOffAfter(' between Serbia and Kosovo, which had been scheduled to take place in Brussels on Friday, has been postponed.'),
    ).toBe(true);
    expect(calledOffAfter(' in Brussels on Friday, after the vote was postponed.')).toBe(false);
    expect(calledOffAfter(' in Brussels on Friday and the vote was postponed.')).toBe(false);
    expect(calledOffAfter(' between Iran and the United States, which had been set for Saturday, was postponed.')).toBe(true);
    const found = events(
      'The EU said on Tuesday that the fifth round of talks between Serbia and Kosovo, which had been scheduled to take place in Brussels on Friday, had been postponed.',
      '2025-06-10',
    );
    expect(found.filter((e) => e.status === 'planned' || e.status === 'held')).toEqual([]);
  });
});

describe('"both countries" after a report of two sides', () => {
  it('refers to the sides named before', () => {
    expect(namesBothSides('commanders from both countries will meet on Tuesday')).toBe(true);
    expect(namesBothSides('both men will meet on Tuesday')).toBe(false);
  });
});

describe('calls between counterparts', () => {
  const text =
    "Japan's Foreign Minister Takeshi Iwaya had called his South Korean counterpart, Foreign Minister Cho Tae-yul, at 9:00 that morning, officials said. The two ministers will speak again on June 20, a spokesman said.";
  it('"had called his counterpart" is a held call of both, dated by the day before', () => {
    expect(sameDayAsBefore('at 9:00 that morning')).toBe(true);
    const found = events(text, '2025-06-12');
    expect(found).toContainEqual(expect.objectContaining({ kind: 'call', status: 'held', date: '2025-06-12' }));
  });
  it('"the two ministers will speak again on June 20" is the same pair planning a call', () => {
    expect(namesTwoPeople('The two ministers will speak again')).toBe(true);
    const planned = events(text, '2025-06-12').find((e) => e.status === 'planned');
    expect(planned).toMatchObject({ kind: 'call', date: '2025-06-20' });
    expect(planned!.people.length).toBe(2);
  });
  it('a closing "X said" does not make the date the day of the saying', () => {
    expect(trailingAttribution(', Misri said.')).toBe(true);
    expect(trailingAttribution(', the ministry said in a statement that talks would follow.')).toBe(false);
  });
  it('the month May is no modal', () => {
    expect(
      eventStatus({
        before: 'The envoys will ',
        after: ' on May 12, he said.',
        date: '2025-05-12',
        dateTo: null,
        publishedAt: '2025-05-10',
      }),
    ).toBe('planned');
  });
});

describe('signings and receptions are meetings', () => {
  it('"the foreign ministers of Serbia and Kosovo signed an agreement in Brussels on Friday"', () => {
    const found = events('The foreign ministers of Serbia and Kosovo signed a trade agreement in Brussels on Friday.', '2025-06-14');
    expect(found).toContainEqual(expect.objectContaining({ kind: 'meeting', status: 'held', date: '2025-06-13', city: 'Brussels' }));
  });
  it('signing a decree or a law is no meeting', () => {
    expect(events('Serbian President Aleksandar Vucic signed a decree on Friday.', '2025-06-14')).toEqual([]);
    expect(events('Kosovo President Vjosa Osmani signed a law ratifying the treaty with Serbia on Friday.', '2025-06-14')).toEqual([]);
  });
  it('"later in the day, X received the two ministers" joins the signing', () => {
    const found = events(
      'Kenyan Foreign Minister Musalia Mudavadi and Ugandan Foreign Minister Jeje Odongo signed a border accord in Nairobi on Friday. Later in the day, President William Ruto received the two ministers at State House.',
      '2025-06-14',
    );
    expect(found.filter((e) => e.status === 'held')).toHaveLength(1);
    expect(found[0]).toMatchObject({ date: '2025-06-13', city: 'Nairobi' });
  });
  it("receiving the delegation's proposal is no meeting", () => {
    expect(events("Serbia received the delegation's proposal on Friday.", '2025-06-14')).toEqual([]);
  });
  it('"would come to sign a further deal, though no date was given" is only proposed', () => {
    expect(noDateSet(', though no date was given.')).toBe(true);
    expect(noDateSet(' on Friday.')).toBe(false);
  });
});

describe('one span of talks reported in pieces', () => {
  const text =
    'Talks between Armenia and Azerbaijan resumed in the Black Sea resort of Sochi on Wednesday, the third day of talks. ' +
    'US envoy Steve Witkoff arrived on Wednesday to join the talks. ' +
    'Russian and Turkish mediators have carried proposals between the delegations since the talks opened on Monday.';
  it('the resort of a place is the town of the talks', () => {
    expect(namedAsSettlement('the Black Sea resort of ')).toBe(true);
    expect(namedAsSettlement('the future of ')).toBe(false);
  });
  it('"since the talks opened on Monday" is the start of the talks, not another round', () => {
    expect(talksOpened('since the talks opened on Monday')).toBe(true);
    expect(talksOpened('talks with Kenya on Monday')).toBe(false);
  });
  it('joining on the third day and the opening day fold into the three-day talks', () => {
    const found = events(text, '2025-06-11');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ date: '2025-06-09', dateTo: '2025-06-11', city: 'Sochi' });
    expect(found[0]!.sides).toEqual(expect.arrayContaining(['AM', 'AZ', 'US']));
    expect(found[0]!.people).toContain('Steve Witkoff');
  });
});

describe('a live report of one round', () => {
  it('the headline names the sides of the round the body reports as lasting four hours', () => {
    expect(lastedHours('The third round at the Norwegian embassy in Vienna lasted about four hours')).toBe(true);
    expect(lastedHours('The truce lasted two weeks')).toBe(false);
    const text =
      'LIVE: Serbia-Kosovo talks in Vienna, round three\n\nTalks over for today. The third round at the Norwegian embassy in Vienna lasted about four hours, state media said.';
    const held = events(text, '2025-06-12').filter((e) => e.status === 'held');
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({ date: '2025-06-12', city: 'Vienna' });
    expect(held[0]!.sides).toEqual(expect.arrayContaining(['RS', 'XK']));
  });
  it('"experts will begin talks on Wednesday, and A and B will meet again on May 2" are two plans', () => {
    const found = events(
      'Experts from both countries will begin technical talks in Geneva on Wednesday, and Marco Rubio and Sergei Lavrov will meet again in Riyadh on May 2.',
      '2025-04-26',
    );
    expect(found).toContainEqual(expect.objectContaining({ status: 'planned', date: '2025-05-02', city: 'Riyadh' }));
    expect(found.filter((e) => e.city === 'Riyadh' && e.date !== '2025-05-02')).toEqual([]);
  });
});

describe('a speaker reporting from the table', () => {
  it('"X told state TV that the two sides had made progress" took part in the talks just reported', () => {
    expect(reportsFromTheTable(' told state TV that the two sides had made progress')).toBe(true);
    expect(reportsFromTheTable(' said the sanctions would stay')).toBe(false);
    const found = events(
      'Serbia and Kosovo held talks in Brussels on Thursday. Vucic told reporters that the two sides had agreed on a timetable.',
      '2025-06-13',
    );
    expect(found[0]).toMatchObject({ status: 'held', date: '2025-06-12' });
    expect(found[0]!.people).toContain('Vucic');
  });
  it('a commentator on other matters is not added', () => {
    const found = events(
      'Serbia and Kosovo held talks in Brussels on Thursday. Analyst Jan Novak said the economy would suffer.',
      '2025-06-13',
    );
    expect(found[0]!.people).not.toContain('Jan Novak');
  });
});

describe('"brought together" lists the people at talks already reported', () => {
  it('adds the people and their sides to the dated talks', () => {
    const found = events(
      'Armenia and Azerbaijan have agreed a border deal after weeks of negotiations in Vienna, Austrian officials announced on Wednesday. ' +
        'The final push in the Austrian capital brought together US envoy Steve Witkoff, Turkish officials and an Armenian team led by Ararat Mirzoyan.',
      '2025-06-12',
    );
    const held = found.filter((e) => e.status === 'held');
    expect(held).toHaveLength(1);
    expect(held[0]!.people).toEqual(expect.arrayContaining(['Steve Witkoff', 'Ararat Mirzoyan']));
    expect(held[0]!.sides).toEqual(expect.arrayContaining(['AM', 'TR']));
  });
});

describe("the next meeting is not placed by today's", () => {
  it('"held talks in Vienna on Saturday, and agreed to reconvene next week" leaves the next round unplaced', () => {
    const found = events(
      'VIENNA, June 14 - Serbia and Kosovo held talks in Vienna on Saturday, and both sides described the meeting as useful and agreed to meet again next week.',
      '2025-06-14',
    );
    expect(found).toContainEqual(expect.objectContaining({ status: 'held', date: '2025-06-14', city: 'Vienna' }));
    expect(found.filter((e) => e.status === 'planned' && e.city !== null)).toEqual([]);
  });
});

describe('a country place and the dateline city', () => {
  it('"VIENNA - ... held talks in Austria on Saturday" is in Vienna', () => {
    expect(datelineCity('VIENNA, June 14 - Serbia and Kosovo held talks')).toBe('VIENNA');
    expect(datelineCity('Serbia and Kosovo held talks, officials said')).toBe(null);
    const found = events('VIENNA, June 14 - Serbia and Kosovo held talks in Austria on Saturday.', '2025-06-14');
    expect(found).toContainEqual(expect.objectContaining({ status: 'held', city: 'Vienna' }));
  });
});
