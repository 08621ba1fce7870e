import { describe, expect, it } from 'vitest';
import { extractArticle } from '../src/extract/index.ts';
import type { ExtractedEvent } from '../src/domain/types.ts';

interface Shown {
  kind: string;
  status: string;
  date: string | null;
  dateTo: string | null;
  city: string | null;
  country: string | null;
  sides: string[];
  people: string[];
}

function events(text: string, publishedAt: string | null = '2024-03-13'): Shown[] {
  const r = extractArticle({ text, title: null, publishedAt }, { people: [], places: [] });
  const name = (k: string) => r.people.find((p) => p.key === k)?.name ?? k;
  return r.events.map((e: ExtractedEvent) => ({
    kind: e.kind,
    status: e.status,
    date: e.date,
    dateTo: e.dateTo,
    city: e.location.city,
    country: e.location.country,
    sides: [...e.sides].sort(),
    people: e.participantKeys.map(name).sort(),
  }));
}
const live = (xs: Shown[]) => xs.filter((e) => e.status === 'held' || e.status === 'planned');

describe('events: who met whom, where, when', () => {
  it('a meeting held, with sides from nationality words and people named in the sentence', () => {
    // 2024-03-13 is a Wednesday: "on Monday" is the 11th.
    expect(events('Turkish Foreign Minister Hakan Fidan met his Russian counterpart Sergei Lavrov in Antalya on Monday.')).toEqual([
      {
        kind: 'meeting',
        status: 'held',
        date: '2024-03-11',
        dateTo: null,
        city: 'Antalya',
        country: 'TR',
        sides: ['RU', 'TR'],
        people: ['Hakan Fidan', 'Sergei Lavrov'],
      },
    ]);
  });

  it('a weekday after the publication day with "will" is planned', () => {
    const [e] = events('Hungarian Prime Minister Viktor Orban will meet Chinese President Xi Jinping in Beijing on Friday.');
    expect(e).toMatchObject({ status: 'planned', date: '2024-03-15', city: 'Beijing', sides: ['CN', 'HU'] });
  });

  it('two events in one clause share the place but not the date', () => {
    const text = 'The visit follows Chinese-U.S. talks on Nov. 14 and Chinese-Russian talks on Nov. 16 in Beijing.';
    expect(events(text, '2023-11-20').map((e) => [e.date, e.city, e.sides.join('-'), e.status])).toEqual([
      ['2023-11-14', 'Beijing', 'CN-US', 'held'],
      ['2023-11-16', 'Beijing', 'CN-RU', 'held'],
    ]);
  });

  it('a photo caption with a place and a full date is an event', () => {
    const text =
      'Russian Foreign Minister Sergei Lavrov speaks to reporters after a meeting with Turkish Foreign Minister Hakan Fidan in Antalya, Turkey on March 1, 2024. (Photo by a staff photographer)';
    expect(events(text)).toEqual([
      {
        kind: 'meeting',
        status: 'held',
        date: '2024-03-01',
        dateTo: null,
        city: 'Antalya',
        country: 'TR',
        sides: ['RU', 'TR'],
        people: ['Hakan Fidan', 'Sergei Lavrov'],
      },
    ]);
  });

  it('a trilateral the Kremlin denied is not held, and separate meetings are two bilaterals', () => {
    const text =
      'The Kremlin denied reports of a three-way meeting of Russian, Ukrainian and American officials. ' +
      'Instead, Russian and Ukrainian envoys each met separately with U.S. officials in Geneva on Tuesday.';
    const all = events(text);
    expect(all.some((e) => e.status === 'cancelled' && e.sides.includes('RU') && e.sides.includes('UA'))).toBe(true);
    const held = live(all);
    expect(held.map((e) => e.sides.join('-')).sort()).toEqual(['RU-US', 'UA-US']);
    expect(held.every((e) => e.date === '2024-03-12' && e.city === 'Geneva')).toBe(true);
  });

  it('an article that denies two sides met never reports them meeting together', () => {
    const text =
      'Moscow and Kyiv did not hold direct talks. ' +
      'White House envoy Steve Witkoff said on Sunday that talks in Riyadh with his Russian counterpart Kirill Dmitriev and Ukrainian negotiator Rustem Umerov were productive.';
    for (const e of live(events(text))) expect(e.sides.includes('RU') && e.sides.includes('UA')).toBe(false);
  });

  it('proposed and cancelled by the words that govern the trigger', () => {
    const offer = events('Turkish President Recep Tayyip Erdogan offered to host talks between Russia and Ukraine in Istanbul.')[0];
    expect(offer).toMatchObject({ status: 'proposed', city: 'Istanbul' });
    expect(offer?.sides).toEqual(expect.arrayContaining(['RU', 'UA']));
    expect(events('There are no plans for a meeting between the leaders of Serbia and Kosovo, officials said.')[0]).toMatchObject({
      status: 'cancelled',
    });
    expect(events('French President Emmanuel Macron said he might be open to meeting Vladimir Putin.')[0]?.status).toBe('proposed');
  });

  it('a phone call and a summit get their kinds', () => {
    expect(events('German Chancellor Olaf Scholz and U.S. President Joe Biden spoke by phone on Tuesday.')[0]).toMatchObject({
      kind: 'call',
      date: '2024-03-12',
      sides: ['DE', 'US'],
    });
    expect(events('European Union leaders will hold a summit in Brussels on March 21.')[0]).toMatchObject({
      kind: 'summit',
      status: 'planned',
      date: '2024-03-21',
    });
  });

  it('talks as a notion, speech dates and undated talks without a place are not events', () => {
    expect(events('On Friday, Putin said Russia could achieve its goals if Kyiv refuses to accept terms in peace talks.')).toEqual([]);
    expect(events('Russian President Vladimir Putin told reporters on Monday that the negotiations were going nowhere.')).toEqual([]);
    expect(events('Talks between the two sides have stalled.')).toEqual([]);
  });

  it('fills a side nobody is named for with the delegation the article names', () => {
    const text =
      'The Ukrainian delegation is led by Rustem Umerov, the head of the National Security and Defense Council. ' +
      'Ukrainian-U.S. talks took place in Geneva on Sunday.';
    expect(events(text)[0]).toMatchObject({ sides: ['UA', 'US'], people: ['Rustem Umerov'], city: 'Geneva', date: '2024-03-10' });
  });

  it('"met with the Russian leader" names the person the role belongs to', () => {
    const text =
      'Russian leader Vladimir Putin hosted envoys in the Kremlin. Two weeks earlier, U.S. envoy Steve Witkoff met with the Russian leader in Moscow on Feb. 27.';
    const moscow = events(text).find((e) => e.city === 'Moscow');
    expect(moscow?.people).toEqual(['Steve Witkoff', 'Vladimir Putin']);
  });
});

describe('events: team members and follow-ups', () => {
  it('lists the people at the table from "led the team, joined by" and "sat across the table"', () => {
    const text =
      'Senior American and Russian officials held talks in Riyadh on Tuesday. ' +
      'Secretary of State Marco Rubio led the US team, joined by national security adviser Mike Waltz. ' +
      'Russian Foreign Minister Sergei Lavrov sat across the table.';
    const [e] = events(text, '2025-02-18');
    expect(e?.people).toEqual(['Marco Rubio', 'Mike Waltz', 'Sergei Lavrov']);
  });

  it('"after the meeting X phoned Y" is a call on the day of the meeting, with no place', () => {
    const text = 'President Donald Trump hosted Volodymyr Zelensky at the White House on Monday. After the meeting Trump phoned Putin.';
    const all = events(text, '2025-08-19');
    expect(all.map((e) => [e.kind, e.date, e.city])).toEqual([
      ['meeting', '2025-08-18', 'Washington'],
      ['call', '2025-08-18', null],
    ]);
  });

  it('"joined the talks" adds sides and people to the event before', () => {
    const text =
      'President Donald Trump hosted Volodymyr Zelensky at the White House on Monday. ' +
      'French President Emmanuel Macron and British Prime Minister Keir Starmer joined the talks in Washington.';
    const all = events(text, '2025-08-19');
    expect(all).toHaveLength(1);
    expect(all[0]!.sides).toEqual(expect.arrayContaining(['FR', 'GB']));
    expect(all[0]!.people).toEqual(['Donald Trump', 'Emmanuel Macron', 'Keir Starmer', 'Volodymyr Zelensky']);
  });

  it('a refusal or a wish is not a meeting', () => {
    expect(live(events('Zelensky said the Russian team was not of a level to meet him in Istanbul on Friday.', '2025-05-15'))).toEqual([]);
    expect(live(events('Trump said he wants Putin and Zelensky to meet in Budapest on Friday.', '2025-05-15'))).toEqual([]);
  });
});

describe('events: more shapes', () => {
  it('a sentence opening with "Talks" and a date range', () => {
    const [e] = events('Talks between Israeli and Egyptian officials resumed in Doha on 10–11 July.', '2024-07-12');
    expect(e).toMatchObject({ kind: 'talks', status: 'held', date: '2024-07-10', dateTo: '2024-07-11', city: 'Doha' });
  });
  it('"for talks with X" is an event, "in peace talks" is not', () => {
    const [e] = events('Sergei Lavrov is expected to travel to Ankara next week for talks with Hakan Fidan.', '2025-07-01');
    expect(e).toMatchObject({ status: 'planned', city: 'Ankara', people: ['Hakan Fidan', 'Sergei Lavrov'] });
  });
  it('a bare name joined to a named person takes part', () => {
    const [e] = events('Rubio and Sergei Lavrov held a phone call on Saturday, the State Department said.', '2025-07-01');
    expect(e).toMatchObject({ kind: 'call', date: '2025-06-28', people: ['Rubio', 'Sergei Lavrov'] });
  });
  it('an older meeting keeps only the people it names', () => {
    const text =
      'Armenian Prime Minister Nikol Pashinyan and Azerbaijani President Ilham Aliyev met at the White House on Friday. ' +
      'The foreign ministers of Armenia and Azerbaijan had held talks in Abu Dhabi on July 10.';
    const older = events(text, '2025-08-09').find((e) => e.city === 'Abu Dhabi');
    expect(older).toMatchObject({ date: '2025-07-10', sides: ['AM', 'AZ'], people: [] });
  });
});

describe('events: attribution and denials', () => {
  it('a trailing "officials said" does not make the officials a side', () => {
    const [e] = events(
      'The second round of talks between Russian and Ukrainian delegations took place in Istanbul on Monday, Turkish officials said.',
      '2025-06-03',
    );
    expect(e?.sides).toEqual(['RU', 'UA']);
  });
  it('a refusal by one leader does not undo the dated talks of the delegations', () => {
    const text =
      'Russian and Ukrainian negotiators will sit down in Istanbul on Friday, hosted by Turkish Foreign Minister Hakan Fidan. ' +
      'Zelensky said the Russian team was not of a level to meet him.';
    const planned = live(events(text, '2025-05-15'));
    expect(planned).toHaveLength(1);
    expect(planned[0]!.sides).toEqual(['RU', 'TR', 'UA']);
  });
});

describe('events: next rounds', () => {
  it('"the next round would take place on April 19" is planned talks, not placed by the last round', () => {
    const text =
      'U.S. special envoy Steve Witkoff and Iranian Foreign Minister Abbas Araghchi held indirect talks in Muscat, Oman, on Saturday. ' +
      'Araghchi told state TV the next round would take place on April 19.';
    const all = events(text, '2025-04-13');
    expect(all.map((e) => [e.status, e.date, e.city])).toEqual([
      ['held', '2025-04-12', 'Muscat'],
      ['planned', '2025-04-19', null],
    ]);
  });
});

describe('events: an earlier summit named in passing', () => {
  it('"three days after his summit with Putin in Alaska" is its own event, not part of the visit', () => {
    const text =
      'President Donald Trump hosted Volodymyr Zelensky at the White House on Monday, three days after his summit with Vladimir Putin in Alaska. ' +
      'After the meeting Trump phoned Putin.';
    const all = events(text, '2025-08-19');
    expect(all.map((e) => [e.kind, e.date, e.city, e.people.join('+')])).toEqual([
      ['meeting', '2025-08-18', 'Washington', 'Donald Trump+Volodymyr Zelensky'],
      ['summit', '2025-08-15', null, 'Donald Trump+Vladimir Putin'],
      ['call', '2025-08-18', null, 'Donald Trump+Vladimir Putin'],
    ]);
  });
});

describe('events: a role named in passing', () => {
  it('"met with the Russian dictator" is Putin, not the man described as his representative', () => {
    const text =
      'Moscow is planning to send Kirill Dmitriev, a special representative of the Russian dictator Vladimir Putin, to Miami for talks. ' +
      "Dmitriev's likely visit could come more than two weeks after Steve Witkoff and Jared Kushner met with the Russian dictator in Moscow.";
    const moscow = events(text, '2025-12-19').find((e) => e.city === 'Moscow');
    expect(moscow?.people).toEqual(['Jared Kushner', 'Steve Witkoff', 'Vladimir Putin']);
    expect(moscow?.status).toBe('held');
  });
});
