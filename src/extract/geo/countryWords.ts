// Hand-kept words for countries that the generated ISO list (data/countries.json) lacks or gets
// wrong for news English: short forms, plural demonyms, seats of government used for the
// government itself, and tie-breaks where one demonym names several territories.
import type { CountryCode } from '../../domain/types.ts';

/** Short forms and everyday names. Abbreviations are matched case-sensitively ("US", not "us"). */
export const EXTRA_COUNTRY_NAMES: Record<CountryCode, string[]> = {
  US: ['US', 'U.S.', 'USA', 'U.S.A.', 'America', 'United States'],
  GB: ['UK', 'U.K.', 'Britain', 'Great Britain', 'United Kingdom'],
  AE: ['UAE', 'U.A.E.', 'Emirates'],
  KP: ['DPRK', 'North Korea'],
  KR: ['ROK', 'South Korea', 'Korea'],
  CN: ['PRC', 'China', 'Mainland China'],
  TW: ['Taiwan', 'ROC'],
  // A bare "Congo" is the DRC unless the article is about the other Congo (geoMemo.ts decides).
  CD: ['DRC', 'DR Congo', 'Congo-Kinshasa', 'Congo'],
  CG: ['Congo-Brazzaville', 'Republic of the Congo', 'Republic of Congo', 'Congo Republic'],
  SA: ['KSA', 'Saudi Arabia', 'Saudi'],
  NL: ['Holland', 'Netherlands'],
  MM: ['Burma'],
  CZ: ['Czech Republic', 'Czechia'],
  TR: ['Turkey', 'Türkiye', 'Turkiye'],
  CI: ['Ivory Coast', "Cote d'Ivoire"],
  CV: ['Cape Verde'],
  TL: ['East Timor'],
  SZ: ['Swaziland'],
  MK: ['Macedonia', 'North Macedonia'],
  VA: ['Vatican', 'Holy See', 'Vatican City'],
  PS: ['Palestine', 'Gaza', 'Gaza Strip', 'West Bank', 'Palestinian Territories'],
  RU: ['Russia', 'Russian Federation'],
  IR: ['Iran', 'Persia'],
  SY: ['Syria'],
  LA: ['Laos'],
  MD: ['Moldova'],
  BY: ['Belarus'],
  VN: ['Vietnam', 'Viet Nam'],
  BA: ['Bosnia', 'Bosnia and Herzegovina', 'Bosnia-Herzegovina'],
  XK: ['Kosovo'],
};

/** Plural and extra demonyms; the generated list has the singular adjective ("Ukrainian"). */
export const EXTRA_DEMONYMS: Record<CountryCode, string[]> = {
  GB: ['Briton', 'Britons', 'Brit', 'Brits', 'English', 'Scottish', 'Scots', 'Welsh'],
  US: ['Americans'],
  TR: ['Turk', 'Turks'],
  PL: ['Pole', 'Poles'],
  SE: ['Swede', 'Swedes'],
  DK: ['Dane', 'Danes'],
  FI: ['Finn', 'Finns'],
  NL: ['Dutchman', 'Dutchmen'],
  FR: ['Frenchman', 'Frenchmen'],
  SA: ['Saudi', 'Saudis'],
  KZ: ['Kazakh', 'Kazakhs'],
  UZ: ['Uzbek', 'Uzbeks'],
  KG: ['Kyrgyz'],
  TJ: ['Tajik', 'Tajiks'],
  KR: ['Korean', 'Koreans'],
  SI: ['Slovenian', 'Slovenians'],
  KH: ['Khmer'],
  LA: ['Lao'],
  PH: ['Philippine'],
  BD: ['Bangladeshis'],
  CZ: ['Czechs'],
  SK: ['Slovaks'],
  AR: ['Argentinian', 'Argentinians'],
  EC: ['Ecuadorian', 'Ecuadorians'],
  CV: ['Cape Verdean'],
  MV: ['Maldivian'],
  AZ: ['Azeri', 'Azeris'],
  GQ: ['Equatoguinean', 'Equatoguineans'],
};

/**
 * Seats of government and institutions that stand for their country in news English:
 * "the Kremlin said" means Russia's government said.
 */
export const INSTITUTIONS: Record<CountryCode, string[]> = {
  RU: ['Kremlin', 'State Duma'],
  US: ['White House', 'Pentagon', 'State Department', 'Capitol Hill', 'Oval Office', 'Foggy Bottom'],
  FR: ['Élysée', 'Elysee', 'Elysée', 'Élysée Palace', 'Elysee Palace', "Quai d'Orsay", 'Matignon'],
  GB: ['Downing Street', 'Whitehall', 'Foreign Office'],
  UA: ['Bankova', 'Verkhovna Rada'],
  CN: ['Zhongnanhai'],
  DE: ['Bundestag'],
  IL: ['Knesset'],
  VA: ['Holy See'],
};

/**
 * Armed movements and the governing bodies of territories without a recognised state, read as
 * the side they fight or govern for: "talks between Israel and Hamas" have Palestinian (PS)
 * and Israeli sides; "RSF and army delegates met" are both Sudanese. Like institutions they are
 * actors, never places.
 */
export const MOVEMENTS: Record<CountryCode, string[]> = {
  PS: ['Hamas', 'Islamic Jihad', 'Palestinian Islamic Jihad', 'Fatah', 'Palestinian Authority', 'PLO', 'Palestine Liberation Organization'],
  LB: ['Hezbollah', 'Hizbollah', 'Hizballah'],
  YE: ['Houthis', 'Houthi', 'Ansar Allah'],
  AF: ['Taliban'],
  SD: ['Rapid Support Forces', 'RSF', 'Sudanese Armed Forces', 'SAF'],
  CD: ['M23'],
  CO: ['FARC', 'ELN'],
};

/** Capitals whose name is also a common word or another well-known place; not read as their country. */
export const AMBIGUOUS_CAPITALS = new Set([
  'Victoria',
  'Hamilton',
  'Kingston',
  'Stanley',
  'Georgetown',
  'Jamestown',
  'Male',
  'Malé',
  'Washington D.C.',
  'San José',
  'Santiago',
  "Saint John's",
  'Avarua',
  'The Valley',
  'Road Town',
  'Brussels',
  'Luxembourg',
  'Singapore',
  'Monaco',
  'Kuwait City',
  'Djibouti',
  'San Marino',
  'Vatican City',
  'Andorra la Vella',
  'Tripoli',
  'Praia',
  'Apia',
  'Palikir',
]);

/** Extra city names read as their country's government ("Washington's push", "Kiev's goal"). */
export const CAPITAL_ALIASES: Record<CountryCode, string[]> = {
  US: ['Washington'],
  UA: ['Kiev'],
  IN: ['New Delhi'],
  KZ: ['Astana'],
  MM: ['Naypyidaw'],
  MN: ['Ulaanbaatar'],
};

/** Where one demonym or name belongs to several ISO entries, the one news means. */
export const PREFERRED_OWNER: Record<string, CountryCode> = {
  American: 'US',
  Americans: 'US',
  French: 'FR',
  Dutch: 'NL',
  Indian: 'IN',
  Norwegian: 'NO',
  Dominican: 'DO',
  Congolese: 'CD',
  British: 'GB',
  Danish: 'DK',
  'Virgin Islander': 'VG',
  Chinese: 'CN',
  Guinean: 'GN',
  Korean: 'KR',
  Samoan: 'WS',
  Finnish: 'FI',
  Moroccan: 'MA',
  Spanish: 'ES',
  Portuguese: 'PT',
  Australian: 'AU',
  'New Zealander': 'NZ',
  Danes: 'DK',
  Saudi: 'SA',
  Irish: 'IE',
  Congo: 'CD',
};

/**
 * Country names that are also common first names or surnames ("Jordan Bardella", "Chad Wolf"):
 * they count as a country only when no other capitalised name word stands right next to them.
 */
export const NAME_LIKE_COUNTRIES = new Set(['Jordan', 'Chad', 'Georgia', 'Israel', 'Kenya', 'Niger', 'Chile', 'Jersey', 'Man']);

/** Words of the European Union; "Europe"/"European(s)" count only as the Union (see countries.ts). */
export const EU_NAMES = ['EU', 'E.U.', 'European Union', 'European Commission', 'European Council', 'European Parliament', 'Brussels'];
export const EU_DEMONYMS = ['European', 'Europeans', 'Europe'];
/** Before "European"/"Europe" these make it geography, not the Union: "Eastern Europe", "non-European". */
export const EU_GEOGRAPHIC_QUALIFIERS = new Set([
  'Eastern',
  'Western',
  'Central',
  'Northern',
  'Southern',
  'Southeastern',
  'Southeast',
  'Northeastern',
  'Northwestern',
  'Southwestern',
  'non',
  'Non',
  'pan',
  'Pan',
  'Euro',
]);
