// Names the picture cannot trust: very long, right-to-left, CJK, emoji, markdown and mass
// mentions. None may push text out of its room, overlap another label, break the SVG, or ping.
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../src/store/store.ts';
import type { TimelineTalk } from '../src/store/queries.ts';
import { drawTimeline } from '../src/timeline/picture.ts';
import { buildLanes } from '../src/timeline/lanes.ts';
import { layoutTimeline, WIDTH, type Shape } from '../src/timeline/layout.ts';
import { pictureToSvg } from '../src/timeline/svg.ts';
import { fontFilesFor, textWidth } from '../src/timeline/fonts.ts';
import { decodePng } from './support/png.ts';
import { insertTalks, openMigratedMemoryDb, queryOnlyStore, type FixtureEvent } from './support/talksFixture.ts';

const HOSTILE_CITIES = [
  'Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch-on-the-very-long-river-side',
  'القدس الشريف',
  '北京市人民大会堂',
  'Москва',
  '🇺🇦🕊️👨‍👩‍👧 Kyiv',
  '**bold** _it_ `code` ||spoiler||',
  '@everyone <@123456789012345678> @here',
  '</text><script>alert(1)</script>&amp;',
  '\u202eevil override\u202c and\nnew line',
];

const NOW = new Date('2025-12-03T12:00:00Z');

function talk(i: number, city: string, extra: Partial<TimelineTalk> = {}): TimelineTalk {
  const day = String(1 + ((i * 3) % 28)).padStart(2, '0');
  return {
    id: i + 1,
    kind: 'talks',
    status: 'held',
    date: `2025-11-${day}`,
    dateTo: null,
    approx: false,
    location: { city, country: null },
    sides: ['UA', 'US'],
    ...extra,
  };
}

function textBox(shape: Extract<Shape, { kind: 'text' }>): [number, number] {
  const w = textWidth(shape.text, shape.size, shape.weight);
  const left = shape.anchor === 'start' ? shape.x : shape.anchor === 'middle' ? shape.x - w / 2 : shape.x - w;
  return [left, left + w];
}

describe('hostile names in the picture', () => {
  const talks: TimelineTalk[] = [
    ...HOSTILE_CITIES.map((city, i) => talk(i, city)),
    ...HOSTILE_CITIES.map((city, i) =>
      talk(100 + i, city, {
        sides: ['SA', 'CN'],
        status: i % 2 ? 'planned' : 'cancelled',
        date: `2025-12-${String(2 + i).padStart(2, '0')}`,
      }),
    ),
    talk(300, HOSTILE_CITIES[0]!, { dateTo: '2025-11-20', date: '2025-11-12', sides: ['EU', 'UA', 'US', 'GB', 'FR', 'DE'] }),
  ];
  const lanes = buildLanes(talks, { today: '2025-12-03' });
  const picture = layoutTimeline({
    title: `Talks of ${'Ab'.repeat(200)} @everyone`,
    subtitle: 'subtitle',
    from: '2025-10-30',
    to: '2025-12-20',
    today: '2025-12-03',
    lanes,
    laneNoun: { one: 'pair of sides', many: 'pairs of sides' },
  });
  const texts = picture.shapes.filter((s): s is Extract<Shape, { kind: 'text' }> => s.kind === 'text');

  it('keeps every text inside the picture', () => {
    for (const shape of texts) {
      const [left, right] = textBox(shape);
      expect(left, shape.text).toBeGreaterThanOrEqual(0);
      expect(right, shape.text).toBeLessThanOrEqual(WIDTH);
    }
    // The long names were cut, with an ellipsis.
    expect(texts.some((t) => t.text.startsWith('Llanfair') && t.text.endsWith('…'))).toBe(true);
    expect(texts.find((t) => t.text.startsWith('Talks of'))!.text).toMatch(/…$/);
  });

  it('never lets two labels overlap', () => {
    const labels = texts.filter((t) => t.size === 12 && t.y > 58 && t.y < 58 + lanes.lanes.length * 48);
    expect(labels.length).toBeGreaterThan(4);
    for (const [i, a] of labels.entries()) {
      for (const b of labels.slice(i + 1)) {
        if (a.y !== b.y) continue;
        const [al, ar] = textBox(a);
        const [bl, br] = textBox(b);
        expect(ar <= bl || br <= al, `${a.text} / ${b.text}`).toBe(true);
      }
    }
  });

  it('writes names as inert text: no markup, no controls, no overrides', () => {
    const svg = pictureToSvg(picture);
    expect(svg).not.toContain('<script>');
    expect(svg).not.toMatch(/[\u202a-\u202e\u2066-\u2069\n]<\/text>/);
    expect(svg).not.toMatch(/[\u0000-\u0008\u202e]/);
    expect(svg).toContain('&lt;/text&gt;');
    // Exactly one element per text shape: nothing a name contained opened another.
    expect(svg.match(/<text /g)).toHaveLength(texts.length);
  });

  it('hands the rasteriser the Arabic and Chinese fonts exactly when a text needs them', () => {
    const names = (texts: string[]) => fontFilesFor(texts).map((f) => f.replace(/^.*\//, ''));
    expect(names(['Geneva', 'Москва', 'Ελλάδα'])).toEqual(['NotoSans_400Regular.ttf', 'NotoSans_700Bold.ttf']);
    expect(names(['القدس'])).toContain('NotoSansArabic_400Regular.ttf');
    expect(names(['北京'])).toContain('NotoSansSC_400Regular.ttf');
    // No font has an emoji: it is drawn as a box, measured as a full em, and needs no extra font.
    expect(names(['🕊️'])).toHaveLength(2);
    expect(textWidth('🕊️', 12)).toBeGreaterThanOrEqual(12);
  });

  describe('through the store', () => {
    let store: Store;
    beforeAll(async () => {
      const db = await openMigratedMemoryDb();
      const events: FixtureEvent[] = HOSTILE_CITIES.map((city, i) => ({
        status: i === 5 ? 'planned' : 'held',
        date: `2025-${i === 5 ? '12-10' : `11-${String(1 + i * 3).padStart(2, '0')}`}`,
        city,
        sides: ['UA', 'US'],
        participants: ['hostile'],
        sources: [{ article: 'a', evidence: 'They met.' }],
        summary: 'talks',
      }));
      insertTalks(db, {
        articles: [{ key: 'a', url: 'https://news.example.org/a' }],
        people: [{ key: 'hostile', name: '@everyone **Ahmad** <@&42> المفاوض', country: 'UA' }],
        events,
      });
      store = queryOnlyStore(db);
    });
    afterAll(async () => store.close());

    it('renders a PNG and a description that pings no one', async () => {
      const person = await store.queries.findPerson('Ahmad');
      const answer = await drawTimeline({ person: person!, from: '2025-10-25' }, { store, now: NOW, timeZone: 'UTC' });
      if (answer.kind !== 'picture') throw new Error(answer.message);
      if (process.env.PARLEY_KEEP_PICTURES) writeFileSync(`${process.env.PARLEY_KEEP_PICTURES}/hostile.png`, answer.png.data);
      expect(decodePng(answer.png.data).width).toBe(1200);
      expect(answer.title).toBe('Talks of @everyone **Ahmad** <@&42> المفاوض');
      expect(answer.description).not.toMatch(/@everyone|@here|<@|[\u202a-\u202e]/);
      expect(answer.description).toMatch(/\*\*Next planned:\*\* 10 Dec 2025 in \\\*\\\*bold\\\*\\\* \\_it\\_/);
    });
  });
});
