// Realistic synthetic news articles about talks, for benchmarks and robustness runs. Deterministic
// for a given seed. Sentence shapes mirror what real reports use: planned and held talks, captions,
// quotes with several attribution styles, relative dates, boilerplate and trailing headline lists.

export interface SyntheticArticle {
  file: string;
  publishedAt: string;
  /** The article text alone. */
  text: string;
  /** The text as a seed-style file: a ` date YYYY-MM-DD` first line, then the text. */
  fileText: string;
}

/** Mulberry32: small, fast, good enough for test data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  'Olena',
  'Mykola',
  'Andrii',
  'Sergei',
  'Anna',
  'James',
  'Maria',
  'Pierre',
  'Klaus',
  'Li',
  'Ahmed',
  'Sofia',
  'Tomasz',
  'Yuki',
  'Carlos',
  'Ingrid',
  'Dmytro',
  'Viktor',
  'Helen',
  'Rashid',
];
const LAST = [
  'Kovalenko',
  'Petrov',
  'Hartmann',
  'Moreau',
  'Novak',
  'Tanaka',
  'Haddad',
  'Lindqvist',
  'Ferreira',
  'Brennan',
  'Sokolov',
  'Marchetti',
  'Okafor',
  'Yilmaz',
  'Horvath',
  'Castillo',
  'Bondarenko',
  'Zhukov',
  'Whitfield',
  'Nakamura',
];
const SIDES: Array<{ code: string; adj: string; name: string; capital: string; role: string }> = [
  { code: 'UA', adj: 'Ukrainian', name: 'Ukraine', capital: 'Kyiv', role: 'national security adviser' },
  { code: 'US', adj: 'American', name: 'the United States', capital: 'Washington', role: 'special envoy' },
  { code: 'RU', adj: 'Russian', name: 'Russia', capital: 'Moscow', role: 'presidential aide' },
  { code: 'FR', adj: 'French', name: 'France', capital: 'Paris', role: 'foreign minister' },
  { code: 'DE', adj: 'German', name: 'Germany', capital: 'Berlin', role: 'chancellor' },
  { code: 'TR', adj: 'Turkish', name: 'Turkey', capital: 'Ankara', role: 'foreign minister' },
  { code: 'CN', adj: 'Chinese', name: 'China', capital: 'Beijing', role: 'special representative' },
  { code: 'GB', adj: 'British', name: 'Britain', capital: 'London', role: 'foreign secretary' },
];
const VENUES = ['Geneva', 'Istanbul', 'Riyadh', 'Jeddah', 'Abu Dhabi', 'Doha', 'Vienna', 'Helsinki', 'Oslo', 'Budapest', 'Warsaw', 'Rome'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const BOILERPLATE = ['Read more', 'Most Popular', '3 min read', 'Share this article', 'Subscribe to our newsletter', 'Advertisement'];
const FILLER = [
  'Analysts said the outcome would depend on how much pressure each capital was willing to accept.',
  'The proposals under discussion cover security guarantees, prisoner exchanges and the reconstruction of damaged infrastructure.',
  'Officials cautioned that any agreement would still need approval from parliament and a public vote.',
  'Negotiators have met several times this year without reaching a ceasefire.',
  'Energy prices rose slightly on the news before settling later in the day.',
  'Humanitarian groups urged both delegations to prioritise the return of civilians held in detention.',
];

const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** One article of roughly `targetBytes` bytes. */
export function syntheticArticle(index: number, seed = 1, targetBytes = 5000): SyntheticArticle {
  const rnd = seededRandom(seed * 100_003 + index);
  const published = new Date(Date.UTC(2025, 0, 1) + Math.floor(rnd() * 365) * 86_400_000);
  const [a, b] = [
    pick(rnd, SIDES),
    pick(
      rnd,
      SIDES.filter((s) => s.code !== 'UA'),
    ),
  ];
  const sideA = a.code === b.code ? SIDES[0]! : a;
  const venue = pick(rnd, VENUES);
  const personA = `${pick(rnd, FIRST)} ${pick(rnd, LAST)}`;
  const personB = `${pick(rnd, FIRST)} ${pick(rnd, LAST)}`;
  const surnameA = personA.split(' ')[1]!;
  const surnameB = personB.split(' ')[1]!;
  const past = new Date(published.getTime() - (1 + Math.floor(rnd() * 5)) * 86_400_000);
  const future = new Date(published.getTime() + (1 + Math.floor(rnd() * 6)) * 86_400_000);
  const day = (d: Date) => `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;
  const paragraphs: string[] = [
    `${sideA.adj} and ${b.adj} delegations held talks in ${venue} on ${WEEKDAYS[past.getUTCDay()]}, officials said.`,
    `${sideA.adj} ${sideA.role} ${personA} met ${b.adj} ${b.role} ${personB} in ${venue} on ${day(past)}, according to a statement from ${sideA.capital}.`,
    `"We had a frank and useful conversation, and we agreed to meet again soon," ${surnameA} told reporters after the meeting.`,
    `${surnameB} said the talks were "difficult but necessary" and that "nothing is agreed until everything is agreed."`,
    `The two sides will meet again in ${pick(rnd, VENUES)} on ${day(future)}, ${surnameA} said.`,
    `Photo: ${personA} arrives for talks in ${venue}, ${day(past)}, ${past.getUTCFullYear()}. (Reuters)`,
    `A trilateral meeting that would also include ${pick(rnd, SIDES).name} was proposed earlier this week, but ${b.capital} denied that any such meeting was planned.`,
  ];
  let text = paragraphs.join('\n\n');
  while (Buffer.byteLength(text) < targetBytes - 400) text += `\n\n${pick(rnd, FILLER)} ${pick(rnd, FILLER)}`;
  text += `\n\n${pick(rnd, BOILERPLATE)}\n${pick(rnd, BOILERPLATE)}\n`;
  for (let i = 0; i < 3; i++)
    text += `\n${pick(rnd, FIRST)} ${pick(rnd, LAST)} wins regional chess title\n• ${1 + Math.floor(rnd() * 11)}:${String(Math.floor(rnd() * 60)).padStart(2, '0')} PM\nRead the article`;
  return { file: `synthetic-${seed}-${index}.txt`, publishedAt: isoDay(published), text, fileText: ` date ${isoDay(published)}\n${text}` };
}
