// Whole-article extraction on short articles of my own writing about real talks: the rules
// together, with and without a configured people list.
import { describe, expect, it } from 'vitest';
import { EXTRACTION_VERSION, extractArticle } from '../src/extract/index.ts';

const ISTANBUL = `Russian and Ukrainian delegations held their first direct peace talks in three years in Istanbul on Friday.
The Ukrainian delegation was headed by Defense Minister Rustem Umerov, while Vladimir Medinsky, an aide to President Vladimir Putin, led the Russian side.
"We have agreed to exchange 1,000 prisoners each," Umerov told reporters afterwards.
Medinsky said Moscow was "satisfied with the result" and ready to continue contacts.`;

function run(text: string, publishedAt: string | null, people: Parameters<typeof extractArticle>[1]['people'] = []) {
  const r = extractArticle({ text, title: null, publishedAt }, { people, places: [] });
  const name = (k: string | null) => r.people.find((p) => p.key === k)?.name ?? null;
  return { r, name };
}

describe('extractArticle', () => {
  it('has a version number to trigger re-extraction', () => {
    expect(Number.isInteger(EXTRACTION_VERSION) && EXTRACTION_VERSION > 0).toBe(true);
  });

  it('reads people, quotes and the event of a short report with no configured people', () => {
    const { r, name } = run(ISTANBUL, '2025-05-17');
    expect(r.people.map((p) => [p.name, p.country])).toEqual([
      ['Rustem Umerov', 'UA'],
      ['Vladimir Medinsky', 'RU'],
      ['Vladimir Putin', null],
    ]);
    expect(r.quotes.map((q) => [name(q.speakerKey), q.text])).toEqual([
      ['Rustem Umerov', 'We have agreed to exchange 1,000 prisoners each'],
      ['Vladimir Medinsky', 'satisfied with the result'],
    ]);
    expect(r.events).toHaveLength(1);
    const e = r.events[0]!;
    expect(e).toMatchObject({ kind: 'talks', status: 'held', date: '2025-05-16', location: { city: 'Istanbul', country: 'TR' } });
    expect([...e.sides].sort()).toEqual(['RU', 'UA']);
    expect(e.participantKeys.map(name).sort()).toEqual(['Rustem Umerov', 'Vladimir Medinsky']);
    expect(e.evidence).toBe('Russian and Ukrainian delegations held their first direct peace talks in three years in Istanbul on Friday.');
  });

  it('uses configured people as hints without depending on them', () => {
    const known = [{ name: 'Vladimir Putin', aliases: ['Putin'], country: 'RU', role: 'President of Russia' }];
    const { r } = run(ISTANBUL, '2025-05-17', known);
    expect(r.people.find((p) => p.name === 'Vladimir Putin')).toMatchObject({ country: 'RU' });
  });

  it('reads a headline quote in single marks and surname-only people', () => {
    const { r, name } = run(
      "Zelenskyy: 'It must not be a rhetorical or political game'\n\nTrump spoke with Putin by phone on Thursday.",
      '2025-12-21',
    );
    expect(r.quotes.map((q) => [name(q.speakerKey), q.text])).toEqual([['Zelenskyy', 'It must not be a rhetorical or political game']]);
    expect(r.events).toEqual([expect.objectContaining({ kind: 'call', status: 'held', date: '2025-12-18' })]);
  });

  it('takes the title as the first paragraph', () => {
    const r = extractArticle(
      {
        text: 'Officials gave no details.',
        title: 'Xi Jinping will host Emmanuel Macron in Beijing on April 6',
        publishedAt: '2023-04-01',
      },
      { people: [], places: [] },
    );
    expect(r.events).toEqual([
      expect.objectContaining({ status: 'planned', date: '2023-04-06', location: { city: 'Beijing', country: 'CN' } }),
    ]);
  });

  it('without a publication day, dates without a year cannot be placed and undated events need place, sides and people', () => {
    const { r } = run('Ukrainian and American officials met on December 19. Later they met again in Jeddah.', null);
    expect(r.events.every((e) => e.date === null)).toBe(true);
    expect(r.events.filter((e) => e.status === 'held')).toEqual([]);
  });

  it('handles empty and odd input without throwing', () => {
    expect(run('', null).r).toEqual({ people: [], events: [], quotes: [] });
    expect(run('"\n"""\n...', '2025-01-01').r.events).toEqual([]);
  });

  it('keeps the hosts, the venue summit and the place apposition apart', () => {
    const { r } = run(
      'Chinese leader Xi Jinping and U.S. President Joe Biden held their final meeting on the sidelines of the APEC summit in Lima on Saturday. Xi told Biden that China was ready to work with the new administration.',
      '2024-11-20',
    );
    expect(r.people.map((p) => p.name)).toEqual(['Xi Jinping', 'Joe Biden']);
    expect(r.events).toEqual([expect.objectContaining({ kind: 'meeting', date: '2024-11-16', location: { city: 'Lima', country: 'PE' } })]);
    const jeddah = run('Ukrainian and American officials met in Jeddah, Saudi Arabia, on Tuesday.', '2025-03-12').r.events[0]!;
    expect([...jeddah.sides].sort()).toEqual(['UA', 'US']);
  });
});

import fc from 'fast-check';

describe('extractArticle invariants', () => {
  const check = (text: string, publishedAt: string | null) => {
    const r = extractArticle({ text, title: null, publishedAt }, { people: [], places: [] });
    const keys = new Set(r.people.map((p) => p.key));
    expect(keys.size).toBe(r.people.length);
    for (const e of r.events) {
      for (const k of e.participantKeys) expect(keys.has(k)).toBe(true);
      expect(['talks', 'meeting', 'call', 'summit']).toContain(e.kind);
      expect(['held', 'planned', 'proposed', 'cancelled']).toContain(e.status);
      if (e.date) expect(e.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (e.dateTo) expect(e.dateTo >= (e.date ?? '')).toBe(true);
      expect(text.includes(e.evidence)).toBe(true);
    }
    for (const q of r.quotes) {
      if (q.speakerKey !== null) expect(keys.has(q.speakerKey)).toBe(true);
      expect(q.text.length).toBeGreaterThan(0);
    }
  };

  it('holds on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.constantFrom('2025-01-15', null), (text, day) => check(text, day)),
      { numRuns: 150 },
    );
  });

  it('holds on realistic articles', () => {
    const paragraphs = [
      ISTANBUL,
      'U.S. special envoy Steve Witkoff and Iranian Foreign Minister Abbas Araghchi held indirect talks in Muscat, Oman, on Saturday. "It was constructive," Araghchi said.',
      'President Donald Trump hosted Volodymyr Zelensky at the White House on Monday, three days after his summit with Vladimir Putin in Alaska. After the meeting Trump phoned Putin.',
      'The Kremlin denied reports of a three-way meeting. Instead, Russian and Ukrainian envoys each met separately with U.S. officials in Geneva on Tuesday.',
      "The British prime minister, Keir Starmer, hosted European leaders in London on Sunday. Ukraine's president, Volodymyr Zelensky, attended the summit.",
    ];
    for (let i = 0; i < paragraphs.length; i++) {
      check(paragraphs[i]!, '2025-05-17');
      check(paragraphs.slice(0, i + 1).join('\n\n'), null);
    }
  });
});

describe('extractArticle input checks', () => {
  it('says clearly what is wrong with bad input', () => {
    expect(() =>
      extractArticle({ text: undefined as unknown as string, title: null, publishedAt: null }, { people: [], places: [] }),
    ).toThrow(/article.text/);
    expect(() => extractArticle({ text: 'x', title: null, publishedAt: null }, {} as never)).toThrow(/people and places/);
  });
  it('ignores a publication day that is not an ISO day', () => {
    const r = extractArticle(
      { text: 'Fidan met Lavrov in Antalya on Friday.', title: null, publishedAt: 'yesterday' },
      { people: [], places: [] },
    );
    expect(r.events.every((e) => e.date === null)).toBe(true);
  });
});
