// Word lists the people rules rely on. General English and news-style knowledge only: titles,
// role nouns, words that make a capitalised phrase an organisation or a place, not a person.
import { readFileSync } from 'node:fs';

/** Honorifics dropped from names ("Mr. Umerov" is "Umerov"). */
export const HONORIFICS = new Set(['Mr', 'Mrs', 'Ms', 'Miss', 'Dr', 'Prof', 'Sir', 'Dame', 'Madam', 'Mme', 'Herr', 'Frau']);

/**
 * Head nouns of roles and titles: "envoy" in "Russian envoy Kirill Dmitriev", "aide" in "an aide
 * to Vladimir Putin". Lower case; compared case-insensitively.
 */
export const ROLE_HEADS = new Set([
  'president',
  'vice-president',
  'secretary',
  'minister',
  'envoy',
  'envoys',
  'adviser',
  'advisor',
  'advisers',
  'advisors',
  'aide',
  'chief',
  'head',
  'leader',
  'negotiator',
  'representative',
  'counterpart',
  'senator',
  'general',
  'director',
  'ambassador',
  'spokesperson',
  'spokesman',
  'spokeswoman',
  'chancellor',
  'premier',
  'king',
  'queen',
  'prince',
  'princess',
  'emir',
  'sheikh',
  'commander',
  'official',
  'businessman',
  'businesswoman',
  'dictator',
  'son-in-law',
  'daughter-in-law',
  'son',
  'daughter',
  'wife',
  'husband',
  'brother',
  'sister',
  'governor',
  'mayor',
  'congressman',
  'congresswoman',
  'lawmaker',
  'legislator',
  'speaker',
  'chairman',
  'chairwoman',
  'chair',
  'chairperson',
  'ceo',
  'founder',
  'admiral',
  'colonel',
  'lieutenant',
  'marshal',
  'commissioner',
  'deputy',
  'diplomat',
  'mediator',
  'negotiators',
  'delegate',
  'prosecutor',
  'judge',
  'justice',
  'pope',
  'patriarch',
  'monarch',
  'ruler',
  'strongman',
  'tycoon',
  'oligarch',
  'billionaire',
  'investor',
  'executive',
  'coordinator',
  'attaché',
  'consul',
  'emissary',
  'intermediary',
  'spokesperson',
  'press secretary',
  'premier',
  'taoiseach',
  'ayatollah',
  'crown',
  'sultan',
  'assistant',
  'counselor',
  'counsellor',
  'architect',
  'member',
  'author',
  'journalist',
  'analyst',
  'editor',
  'correspondent',
  'reporter',
  'photographer',
  'writer',
  'expert',
  'professor',
  'historian',
  'economist',
]);

/** Role heads that say a person is taking part in negotiations for their side. */
export const DELEGATE_HEADS = new Set([
  'envoy',
  'envoys',
  'negotiator',
  'negotiators',
  'delegate',
  'representative',
  'emissary',
  'mediator',
  'counterpart',
  'intermediary',
]);

/** Words that may stand inside a title before a name: "Special Envoy", "national security adviser". */
export const ROLE_MODIFIERS = new Set([
  'special',
  'national',
  'security',
  'deputy',
  'foreign',
  'prime',
  'top',
  'chief',
  'senior',
  'former',
  'acting',
  'vice',
  'first',
  'defense',
  'defence',
  'state',
  'intelligence',
  'presidential',
  'interior',
  'finance',
  'economy',
  'trade',
  'justice',
  'energy',
  'military',
  'lead',
  'leading',
  'main',
  'personal',
  'veteran',
  'longtime',
  'republican',
  'democratic',
  'democrat',
  'conservative',
  'labour',
  'socialist',
  'opposition',
  'government',
  'assistant',
  'general',
  'executive',
  'press',
  'white',
  'house',
  'kremlin',
  'head',
  'supreme',
  'high',
  'lieutenant',
  'major',
  'brigadier',
  'army',
  'navy',
  'air',
  'force',
  'staff',
  'policy',
  'diplomatic',
  'sovereign',
  'wealth',
  'fund',
  'investment',
  'u.s.',
  'us',
  'eu',
  'un',
  'nato',
  'de',
  'facto',
  'self-proclaimed',
  'newly',
  'elected',
  'incoming',
  'outgoing',
  'then',
  'current',
  'peace',
  'negotiation',
  'negotiating',
  'delegation',
  'team',
  // Institutions written in lower case inside a title: "foreign ministry spokesman", "party leader".
  'ministry',
  'affairs',
  'operations',
  'cabinet',
  'party',
  'parliamentary',
  'commerce',
  'treasury',
  'homeland',
  'international',
  'external',
  // Fields of an office written in lower case: "UN aid official", "hostages coordinator".
  'aid',
  'humanitarian',
  'relief',
  'rights',
  'hostage',
  'hostages',
  'political',
  'economic',
]);

/**
 * Capitalised words that make a phrase an organisation, a place, an event or page furniture
 * rather than a person ("Nuclear Power Plant", "General Staff", "Getty Images").
 */
export const NON_NAME_WORDS = new Set(
  `Council Staff Security Defense Defence National Intelligence Nuclear Power Plant Station House Office Ministry
  Department Agency Committee Commission Union Nations Parliament Congress Senate Court Press News Times Post Journal
  Independent Images Media Television Radio Network Group Party Forces Force Army Navy Air Guard Bank Fund Beach
  Island Islands River Sea Ocean Lake Mountain Mountains Valley Bay Street Square Avenue Road Palace Temple Church
  Cathedral University College School Institute Foundation Center Centre Hotel Airport Port Plaza Tower Hall Club
  Company Corporation Inc Ltd Summit Conference Forum Day Week Festival Fest Award Prize Cup Games Olympics Act Bill
  Treaty Accord Agreement Plan Doctrine Program Programme Initiative Project Mission Operation Region Province State
  States Republic Kingdom Empire Federation Territory Territories City County District Oblast Middle East West North
  South Eastern Western Northern Southern Central General Editor Editors Picks Read More Most Popular Feed Video Show
  Article Image Logo Note Live Updates Breaking Latest Opinion Analysis Sport Sports Culture Business Politics Travel
  World Peace Talks War Corps Volunteer Avatar Senior Reuters Associated Agence France Presse Bloomberg Affairs
  Foreign Economic Forum Strategic Studies Administration Government Cabinet Service Services Council Assembly
  Organization Organisation Alliance Coalition Front Movement Brigade Battalion Regiment Division Command Fleet
  Exchange Market Markets Stock Energy Oil Gas Pipeline Stream Airlines Airways Railway Railways Motors Systems
  Technologies Holdings Partners Capital Research Watch Monitor Review Daily Weekly Herald Tribune Gazette Telegraph
  Guardian Observer Express Mirror Sun Star Chronicle Globe Today Tonight Morning Evening Night Sunday Monday Tuesday
  Wednesday Thursday Friday Saturday January February March April May June July August September October November
  December Christmas Easter Ramadan New Year Eve Holiday Weekend Point Meet Nation Reflection Bulletin Midday
  Breaking Exclusive Subscribe Newsletter Podcast Photo Photos Gallery Share Comments Comment Sign Login Menu Home
  Search Contact About Privacy Terms Cookies Advertisement Sponsored Partnership Partnerships Casino Spa Resort
  Clinic Hospital Prison Base Camp Zone Corridor Strait Gulf Canal Peninsula Desert Coast Border Line Bridge Dam
  Declaration Charter Convention Protocol Memorandum Framework Format Group Minsk Normandy Quartet Contact Secretariat`.split(/\s+/),
);

/** Role nouns that, when the phrase "the <role>" stands alone, refer back to a named person. */
export const REFERRING_ROLES = new Set([
  'president',
  'minister',
  'envoy',
  'adviser',
  'advisor',
  'aide',
  'chancellor',
  'senator',
  'secretary',
  'leader',
  'negotiator',
  'official',
  'diplomat',
  'general',
  'premier',
  'businessman',
  'dictator',
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'ambassador',
  'prime minister',
  'foreign minister',
  'chief',
]);

/** Particles that may stand in lower case inside a name: "Ursula von der Leyen", "Mohammed bin Salman". */
export const NAME_PARTICLES = new Set([
  'von',
  'van',
  'der',
  'den',
  'de',
  'del',
  'della',
  'di',
  'da',
  'du',
  'dos',
  'bin',
  'ibn',
  'al',
  'el',
  'la',
  'le',
  'ter',
  'zu',
]);

interface WordLists {
  firstNames: Set<string>;
  commonWords: Set<string>;
}
let wordLists: WordLists | null = null;

// Two lists taken from compromise's English lexicon at build time (scripts/build-lexicon.ts), so
// compromise is a dev package and nothing pays for loading its model. Read on first use: a bot
// that starts without ingesting anything never needs them.
function lexicon(): WordLists {
  if (wordLists === null) {
    const data = JSON.parse(readFileSync(new URL('./data/lexicon.json', import.meta.url), 'utf8')) as {
      firstNames: string[];
      commonWords: string[];
    };
    wordLists = { firstNames: new Set(data.firstNames), commonWords: new Set(data.commonWords) };
  }
  return wordLists;
}

/** A first name compromise knows ("Steve", "Lindsey"): evidence that a phrase is a person. */
export function isKnownFirstName(word: string): boolean {
  return lexicon().firstNames.has(word.toLowerCase());
}

/** One of this module's own title, role or organisation words ("Secretary", "Vice", "Ministry"). */
export function isTitleOrOrganisationWord(word: string): boolean {
  const lower = word.toLowerCase();
  return NON_NAME_WORDS.has(word) || ROLE_HEADS.has(lower) || (lower.length > 2 && ROLE_MODIFIERS.has(lower));
}

/** Common only by compromise's general lexicon (not one of this module's own title or organisation words). */
export function isCommonOnlyByLexicon(word: string): boolean {
  if (NON_NAME_WORDS.has(word) || ROLE_HEADS.has(word.toLowerCase()) || ROLE_MODIFIERS.has(word.toLowerCase())) return false;
  return isCommonWord(word);
}

/**
 * An ordinary English word that, capitalised, is more likely part of an organisation, title or
 * heading than of a person's name ("Power", "Independent", "Staff").
 */
export function isCommonWord(word: string): boolean {
  if (NON_NAME_WORDS.has(word)) return true;
  const lower = word.toLowerCase();
  if (ROLE_HEADS.has(lower)) return true;
  // A word compromise knows with no name tag (first name, last name, person, proper noun, honorific).
  return lexicon().commonWords.has(lower);
}

/** News organisations, which "said" and "wrote" as often as people do. */
export const NEWS_OUTLETS = new Set(
  `Reuters AP AFP Bloomberg Axios Politico CNN BBC NBC CBS ABC Fox MSNBC NPR TASS Tass RIA Interfax Ukrinform Xinhua
  Yonhap Kyodo NHK Anadolu DPA UNN Euronews Guardian Times Post Telegraph Independent Kommersant Izvestia Vedomosti
  Meduza Suspilne Interfax-Ukraine Haaretz Asharq Axel Semafor Newsweek Forbes Bild Spiegel Le Monde Figaro Liberation
  Corriere Repubblica Nikkei Sputnik RT WSJ FT Economist Atlantic Vox Slate Insider Punchbowl Hill Tasnim Fars Mehr
  IRNA ISNA WAFA Wafa`.split(/\s+/),
);

/** News organisations whose names look like a person's: "Al Jazeera", "Deutsche Welle". */
export const NEWS_OUTLET_NAMES = new Set([
  'Al Jazeera',
  'Al Arabiya',
  'Al Mayadeen',
  'Al-Monitor',
  'Al Araby',
  'Al Ahram',
  'Asharq Al-Awsat',
  'Al-Ahram',
  'Deutsche Welle',
  'Ukrainska Pravda',
  'Novaya Gazeta',
  'Rossiyskaya Gazeta',
  'Kommersant',
  'Haaretz',
  'Yedioth Ahronoth',
  'Maariv',
  'Dawn',
  'Hurriyet',
  'Sabah',
  'Le Monde',
  'Le Figaro',
  'El País',
  'El Pais',
  'Die Welt',
  'Der Spiegel',
  'Corriere della Sera',
  'La Repubblica',
]);

/**
 * Intelligence and security agencies named in titles ("CIA Director William Burns", "Mossad chief
 * David Barnea"): the country whose agency it is. General knowledge, like the institutions the
 * geo module reads.
 */
export const AGENCY_COUNTRIES: Record<string, string> = {
  CIA: 'US',
  FBI: 'US',
  NSA: 'US',
  DHS: 'US',
  Mossad: 'IL',
  'Shin Bet': 'IL',
  MI6: 'GB',
  MI5: 'GB',
  GCHQ: 'GB',
  FSB: 'RU',
  SVR: 'RU',
  GRU: 'RU',
  SBU: 'UA',
  GUR: 'UA',
  ISI: 'PK',
  IRGC: 'IR',
  MSS: 'CN',
  DGSE: 'FR',
  BND: 'DE',
};
