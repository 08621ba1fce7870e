// The near-duplicate check on a generated set of article pairs: syndicated copies of one report
// (headline, byline, dateline, credits, copyright and newsletter lines changed; a few words
// edited; the last paragraph cut; a date told more fully) must be caught, and distinct reports
// written from one template (differing only in a date, a number, a name or a place) never.
// Every sentence is our own; the people, places and dates are real kinds of facts, recombined.
import { describe, expect, it } from 'vitest';
import { isNearDuplicate } from '../src/ingest/dedup.ts';
import { seededRandom as random } from '../bench/syntheticArticles.ts';

interface Fill {
  envoyA: string;
  envoyB: string;
  sideA: string;
  sideB: string;
  city: string;
  nextCity: string;
  month: string;
  day: number;
  prisoners: number;
  rounds: number;
  topic: string;
}

const ENVOYS = [
  ['Foreign Minister Andrii Sybiha', 'Ukraine'],
  ['Secretary of State Marco Rubio', 'the United States'],
  ['Foreign Minister Sergei Lavrov', 'Russia'],
  ['Foreign Minister Hakan Fidan', 'Turkey'],
  ['Defence Minister Rustem Umerov', 'Ukraine'],
  ['presidential aide Yuri Ushakov', 'Russia'],
  ['envoy Steve Witkoff', 'the United States'],
  ['Foreign Minister Abbas Araghchi', 'Iran'],
] as const;
const CITIES = ['Geneva', 'Istanbul', 'Riyadh', 'Jeddah', 'Abu Dhabi', 'Doha', 'Vienna', 'Oslo', 'Muscat', 'Helsinki'];
const MONTHS = ['Dec.', 'Jan.', 'Feb.', 'March', 'April', 'May', 'June', 'July'];
const TOPICS = ['a ceasefire', 'prisoner exchanges', 'energy infrastructure', 'shipping in the Black Sea', 'sanctions relief'];

const TEMPLATES: Array<(f: Fill) => string[]> = [
  (f) => [
    `${upper(f.city)} - ${f.envoyA} and ${f.envoyB} held talks in ${f.city} on ${f.month} ${f.day}, officials said after the meeting ended late in the evening.`,
    `The two delegations discussed ${f.topic} and agreed to exchange ${f.prisoners} prisoners each in the coming weeks, according to a joint statement.`,
    `"We had a frank and useful conversation, and we agreed to meet again soon," ${lastName(f.envoyA)} told reporters outside the venue.`,
    'Officials cautioned that any agreement would still need approval from parliament, and that the details of the text were not yet settled.',
    `It was round ${f.rounds} of talks between ${f.sideA} and ${f.sideB} this year, none of which has so far produced a lasting ceasefire.`,
    `The sides will meet again in ${f.nextCity} next month, a spokesperson said in a statement released afterwards.`,
  ],
  (f) => [
    `${f.envoyA} met ${f.envoyB} in ${f.city} on ${f.month} ${f.day} for talks on ${f.topic}, the foreign ministry said in a brief statement.`,
    `The meeting lasted about ${f.rounds} hours and was the first at this level since the summer, diplomats familiar with the talks said.`,
    `Both men said afterwards that progress had been made, though neither gave details of what had been agreed or of the next steps.`,
    `${f.sideA} has offered to release ${f.prisoners} detained civilians if ${f.sideB} takes similar steps before the end of the year.`,
    'Analysts said the tone was warmer than at earlier meetings but warned against expecting a breakthrough in the near future.',
    `A further round is planned in ${f.nextCity}, officials on both sides said, without giving a date for it.`,
  ],
  (f) => [
    `Delegations from ${f.sideA} and ${f.sideB} opened a new round of negotiations in ${f.city} on ${f.month} ${f.day}, with ${f.topic} at the top of the agenda.`,
    `${f.envoyA} led one delegation and ${f.envoyB} the other, with about ${f.prisoners} officials and experts taking part in total.`,
    'The talks are being held behind closed doors, and neither side has said how long they are expected to last or what a deal could include.',
    `Mediators said they hoped to have a framework ready within ${f.rounds} weeks if the current pace of the negotiations holds.`,
    `Previous rounds in ${f.nextCity} ended without agreement, and both governments have since traded accusations over delays in the process.`,
  ],
  (f) => [
    `Talks between ${f.sideA} and ${f.sideB} on ${f.topic} ended in ${f.city} on ${f.month} ${f.day} without a final agreement, but both sides said they would continue.`,
    `${f.envoyA} said the gap between the two positions had narrowed, while ${f.envoyB} described the atmosphere as businesslike.`,
    `The negotiators agreed on a list of ${f.prisoners} names for a future exchange, according to two people briefed on the discussions.`,
    'Outstanding questions include guarantees for any deal and the sequence in which its steps would be carried out over the coming months.',
    `This was the ${ordinal(f.rounds)} meeting of the working group, which is due to reconvene in ${f.nextCity} after the holidays.`,
  ],
];

function upper(city: string): string {
  return city.toUpperCase();
}
function lastName(envoy: string): string {
  return envoy.split(' ').at(-1)!;
}
function ordinal(n: number): string {
  return ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'][n - 1] ?? `${n}th`;
}

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

function randomFill(rand: () => number): Fill {
  let [envoyA, sideA] = pick(rand, ENVOYS);
  let [envoyB, sideB] = pick(rand, ENVOYS);
  while (sideB === sideA) [envoyB, sideB] = pick(rand, ENVOYS);
  const city = pick(rand, CITIES);
  let nextCity = pick(rand, CITIES);
  while (nextCity === city) nextCity = pick(rand, CITIES);
  return {
    envoyA,
    envoyB,
    sideA: capitalise(sideA),
    sideB,
    city,
    nextCity,
    month: pick(rand, MONTHS),
    day: 1 + Math.floor(rand() * 28),
    prisoners: 10 * (2 + Math.floor(rand() * 90)),
    rounds: 2 + Math.floor(rand() * 8),
    topic: pick(rand, TOPICS),
  };
}

function capitalise(text: string): string {
  return text[0]!.toUpperCase() + text.slice(1);
}

/** What a second story from the same template changes: only facts (dates, numbers, names, places). */
const FACT_CHANGES: Array<(f: Fill, rand: () => number) => Partial<Fill>> = [
  (f) => ({ day: f.day === 28 ? 26 : f.day + 2 }),
  (f, rand) => ({
    month: pick(
      rand,
      MONTHS.filter((m) => m !== f.month),
    ),
  }),
  (f) => ({ prisoners: f.prisoners + 40 }),
  (f) => ({ rounds: f.rounds === 9 ? 3 : f.rounds + 1 }),
  (f, rand) => ({
    city: pick(
      rand,
      CITIES.filter((c) => c !== f.city && c !== f.nextCity),
    ),
  }),
  (f, rand) => ({
    nextCity: pick(
      rand,
      CITIES.filter((c) => c !== f.city && c !== f.nextCity),
    ),
  }),
  (f, rand) => {
    // Another envoy of the same side: only the person differs.
    const others = ENVOYS.filter(([name, side]) => name !== f.envoyA && capitalise(side) === f.sideA);
    return others.length > 0 ? { envoyA: pick(rand, others)[0] } : { day: f.day === 1 ? 3 : f.day - 1 };
  },
  (f, rand) => ({
    day: f.day === 28 ? 26 : f.day + 2,
    topic: pick(
      rand,
      TOPICS.filter((t) => t !== f.topic),
    ),
  }),
];

const HEADLINES = [
  (f: Fill) => `${f.sideA} and ${f.sideB} hold talks in ${f.city}`,
  (f: Fill) => `Envoys Meet In ${f.city} As Diplomacy Picks Up Pace`,
  (f: Fill) => `${lastName(f.envoyA)} and ${lastName(f.envoyB)} meet for new round`,
];
const BYLINES = ['By Jane Morrow', 'By Tomasz Wilk and Ana Ruiz', 'By Staff Reporter'];
const TRAILERS = [
  'Copyright 2025 Northwire Agency. All rights reserved.',
  '(Reporting by Lena Fischer in Berlin; Editing by Paul Grant)',
  "Sign up for our morning briefing to get the day's top stories.",
  'Read more: What we know about the negotiations so far',
];

/** A syndicated copy: what partners and aggregators change, never what the report says. */
const COPY_CHANGES: Array<(paragraphs: string[], f: Fill, rand: () => number) => string[]> = [
  (p, f, rand) => [pick(rand, HEADLINES)(f), ...p],
  (p, _f, rand) => [pick(rand, BYLINES), ...p],
  (p, _f, rand) => [...p, pick(rand, TRAILERS)],
  (p, f) => [p[0]!.replace(`${upper(f.city)} - `, `${upper(f.city)} (Northwire) - `), ...p.slice(1)],
  (p) =>
    p.map((para) => para.replace(' said after', ' said shortly after').replace('according to', 'citing').replace('told reporters', 'said')),
  (p) => p.slice(0, -1), // CUT_LAST_PARAGRAPH
  (p, f) => p.map((para) => para.replace(`${f.month} ${f.day}`, `${f.month} ${f.day}, 2025`)),
  (p) => p.map((para) => para.replace(/"([^"]*)"/g, '“$1”')),
];

const CUT_LAST_PARAGRAPH = 5;

/** `keepAll`: no paragraph cut, for a story whose changed fact may be in its last paragraph. */
function copyOf(fill: Fill, template: (f: Fill) => string[], rand: () => number, keepAll = false): string {
  let paragraphs = template(fill);
  const changes = new Set<number>();
  const wanted = 1 + Math.floor(rand() * 3);
  while (changes.size < wanted) {
    const change = Math.floor(rand() * COPY_CHANGES.length);
    if (!(keepAll && change === CUT_LAST_PARAGRAPH)) changes.add(change);
  }
  for (const change of changes) paragraphs = COPY_CHANGES[change]!(paragraphs, fill, rand);
  return paragraphs.join('\n\n');
}

interface Pair {
  kind: 'copy' | 'distinct';
  a: string;
  b: string;
}

function generatePairs(count: number, seed: number): Pair[] {
  const rand = random(seed);
  const pairs: Pair[] = [];
  for (let i = 0; i < count; i++) {
    const template = TEMPLATES[i % TEMPLATES.length]!;
    const fill = randomFill(rand);
    if (i % 2 === 0) {
      // Both sides may be changed copies: the original need not be one of them.
      const a = rand() < 0.5 ? template(fill).join('\n\n') : copyOf(fill, template, rand);
      pairs.push({ kind: 'copy', a, b: copyOf(fill, template, rand) });
    } else {
      const change = FACT_CHANGES[Math.floor(rand() * FACT_CHANGES.length)]!;
      const other = { ...fill, ...change(fill, rand) };
      // The second story may carry its outlet's furniture too; that must not hide the new fact.
      const b = rand() < 0.5 ? template(other).join('\n\n') : copyOf(other, template, rand, true);
      pairs.push({ kind: 'distinct', a: template(fill).join('\n\n'), b });
    }
  }
  return pairs;
}

describe('near duplicates on a generated set of pairs', () => {
  const pairs = generatePairs(400, 20251219);

  it('has enough of both kinds, and the distinct ones really differ in a fact', () => {
    const copies = pairs.filter((p) => p.kind === 'copy');
    const distinct = pairs.filter((p) => p.kind === 'distinct');
    expect(copies.length).toBeGreaterThanOrEqual(100);
    expect(distinct.length).toBeGreaterThanOrEqual(100);
    for (const pair of distinct) expect(pair.a).not.toBe(pair.b);
  });

  it('drops no distinct story and catches at least 95% of the copies', () => {
    const distinctDropped = pairs.filter((p) => p.kind === 'distinct' && isNearDuplicate(p.a, p.b));
    const copies = pairs.filter((p) => p.kind === 'copy');
    const caught = copies.filter((p) => isNearDuplicate(p.a, p.b)).length;
    // The figures, for the record: printed once per run.
    console.log(
      `near-duplicate pairs: ${pairs.length - copies.length} distinct, ${distinctDropped.length} dropped; ${copies.length} copies, ${caught} caught (${((100 * caught) / copies.length).toFixed(1)}%)`,
    );
    expect(distinctDropped.map((p) => `${p.a.slice(0, 120)}\n  vs\n${p.b.slice(0, 120)}`)).toEqual([]);
    expect(caught / copies.length).toBeGreaterThanOrEqual(0.95);
  });

  it('tells the one-day-apart wire stories apart (the reported case)', () => {
    const fill = randomFill(random(7));
    const first = TEMPLATES[0]!({ ...fill, month: 'Dec.', day: 19 }).join('\n\n');
    const second = TEMPLATES[0]!({ ...fill, month: 'Dec.', day: 21 }).join('\n\n');
    expect(isNearDuplicate(first, second)).toBe(false);
    expect(isNearDuplicate(first, first.replace('Dec. 19', 'Dec. 19, 2025'))).toBe(true);
  });
});
