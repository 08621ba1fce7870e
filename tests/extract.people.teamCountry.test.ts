// A person's country from their team or from the one country an article is about. Each rule with
// sentences it must read and sentences it must leave alone; the sentences are our own.
import { describe, expect, it } from 'vitest';
import { extractPeople } from '../src/extract/people/extractPeople.ts';
import {
  companionAfter,
  ministryCountry,
  singleCountryOfArticle,
  singleHolderClash,
  teamListCountry,
} from '../src/extract/people/teamCountry.ts';

const countryOf = (text: string, name: string): string | null | undefined =>
  extractPeople(text, []).people.find((p) => p.name === name)?.country;

describe('teamListCountry: a member list opened earlier in the sentence', () => {
  const must: Array<[string, string, string]> = [
    ['Kenya was represented by Musalia Mudavadi, Defence Secretary Soipan Tuya and Monica Juma.', 'Monica Juma', 'KE'],
    ['The Egyptian delegation includes intelligence officials, an economist and Hassan Rashad.', 'Hassan Rashad', 'EG'],
    ['Qatar’s team comprised two ministers and the adviser Majed al-Ansari.', 'Majed al-Ansari', 'QA'],
  ];
  for (const [text, name, code] of must) it(`${name} is ${code}`, () => expect(countryOf(text, name)).toBe(code));
  const mustNot: Array<[string, string]> = [
    ['Kenya was represented by its foreign minister, while Uganda sent Jeje Odongo.', 'Jeje Odongo'],
    ['The Egyptian delegation includes intelligence officials. Hassan Rashad stayed home.', 'Hassan Rashad'],
  ];
  for (const [text, name] of mustNot) {
    it(`no team list reaches ${name} in "${text}"`, () => expect(teamListCountry(text, text.indexOf(name))).toBeNull());
  }
});

describe('companionAfter: the person someone goes with', () => {
  it('reads "joining" and "accompanying"', () => {
    expect(companionAfter(' would be among the officials joining Abiy Ahmed in Nairobi', 0)).toBe('Abiy Ahmed');
    expect(companionAfter(', accompanying Cyril Ramaphosa, arrived', 0)).toBe('Cyril Ramaphosa');
  });
  it('stops at the end of the sentence', () => {
    expect(companionAfter(' spoke. Later he was joining Cyril Ramaphosa', 0)).toBeNull();
  });
  it('gives the companion’s country', () => {
    const text =
      'Kenyan President William Ruto flew to Addis Ababa. Foreign Minister Korir Sing’oei would be among the officials joining Ruto.';
    expect(countryOf(text, 'Korir Sing’oei')).toBe('KE');
  });
});

describe('singleCountryOfArticle', () => {
  const ghana =
    'Floods hit Ghana on Monday. Ghana’s capital was spared, but northern Ghana lost roads. Ghanaian officials asked Togo for pumps. The Ghana Meteorological Agency warned of more rain.';
  it('is the country with four mentions, twice any other and half of all', () => expect(singleCountryOfArticle(ghana)).toBe('GH'));
  it('is none for a story about two countries', () => {
    expect(
      singleCountryOfArticle(
        'India and Pakistan agreed to talk. India said Pakistan must act; Pakistan said India must wait. India and Pakistan met.',
      ),
    ).toBeNull();
  });
  it('is none when the agency dateline is in another country', () => {
    expect(singleCountryOfArticle(`GENEVA, May 3 (Reuters) - ${ghana}`)).toBeNull();
  });
  it('gives the article’s people its country, but not two holders of one office', () => {
    const text = `${ghana} President John Mahama toured the area. Deputy minister Ama Pomaa Boateng said help was coming. President Donald Trump sent condolences.`;
    expect(countryOf(text, 'Ama Pomaa Boateng')).toBe('GH');
    expect(countryOf(text, 'John Mahama')).toBeNull();
    expect(countryOf(text, 'Donald Trump')).toBeNull();
  });
});

describe('a summit held in a country is not its story', () => {
  it('leaves the visiting leaders without that country', () => {
    const text =
      'Modi and Xi to meet in Kazan\n\nNarendra Modi and Xi Jinping will meet in Kazan, Russia, on Tuesday. Russian President Vladimir Putin hosts the summit in Kazan, and Indian Foreign Secretary Vikram Misri said Russia had offered help.';
    expect(countryOf(text, 'Narendra Modi')).toBeNull();
    expect(countryOf(text, 'Xi Jinping')).toBeNull();
  });
});

describe('singleHolderClash', () => {
  it('is a clash only for the same one-holder office', () => {
    expect(singleHolderClash('President', ['former President', 'Justice'])).toBe(true);
    expect(singleHolderClash('Justice', ['Justice', 'President'])).toBe(false);
    expect(singleHolderClash('Prime Minister', ['President'])).toBe(false);
  });
});

describe('ministryCountry: an unqualified ministry title takes the ministry named nearby', () => {
  it('reads the country of the same ministry', () => {
    const text = '"Flights will be cut by half," the Turkish Defence Ministry said, quoting Deputy Defence Minister Ali Kaya.';
    expect(ministryCountry(text, 'Deputy Defence Minister', text.indexOf('Deputy'))?.code).toBe('TR');
    expect(countryOf(text, 'Ali Kaya')).toBe('TR');
  });
  it('is none for another ministry or for ministries of two countries', () => {
    const other = 'The Turkish Defence Ministry spoke. Later, foreign ministry spokesperson Oncu Keceli spoke too.';
    expect(ministryCountry(other, 'foreign ministry spokesperson', other.indexOf('foreign'))).toBeNull();
    const two =
      'The Ukrainian Foreign Ministry and the Russian Foreign Ministry traded blows; foreign ministry spokesperson Anna Belo said nothing.';
    expect(ministryCountry(two, 'foreign ministry spokesperson', two.indexOf('foreign ministry spokesperson'))).toBeNull();
  });
});
