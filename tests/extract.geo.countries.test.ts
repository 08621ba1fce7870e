import { describe, expect, it } from 'vitest';
import { countryFlag, countryFromWord, countryName, findCountryMentions } from '../src/extract/geo/countries.ts';

const codes = (text: string) => findCountryMentions(text).map((m) => m.code);

describe('countryFromWord', () => {
  it.each([
    ['Ukraine', 'UA'],
    ['U.S.', 'US'],
    ['US', 'US'],
    ['USA', 'US'],
    ['United States', 'US'],
    ['America', 'US'],
    ['UK', 'GB'],
    ['Britain', 'GB'],
    ['Ukrainian', 'UA'],
    ['American', 'US'],
    ['Russian', 'RU'],
    ['French', 'FR'],
    ["Ukraine's", 'UA'],
    ['Kremlin', 'RU'],
    ['White House', 'US'],
    ['Élysée', 'FR'],
    ['Elysee', 'FR'],
    ['Downing Street', 'GB'],
    ['Kyiv', 'UA'],
    ['Kiev', 'UA'],
    ['Moscow', 'RU'],
    ['Washington', 'US'],
    ['Beijing', 'CN'],
    ['Ankara', 'TR'],
    ['Finns', 'FI'],
    ['Americans', 'US'],
    ['Ukrainians', 'UA'],
    ['Saudi', 'SA'],
    ['Emirati', 'AE'],
    ['Türkiye', 'TR'],
    ["Côte d'Ivoire", 'CI'],
    ['North Korea', 'KP'],
    ['EU', 'EU'],
    ['European Union', 'EU'],
    ['European', 'EU'],
    ['Europeans', 'EU'],
    ['Brussels', 'EU'],
  ])('%s is %s', (word, code) => {
    expect(countryFromWord(word)).toBe(code);
  });

  it('does not read ordinary words or the pronoun "us" as countries', () => {
    for (const word of ['us', 'Island', 'talks', 'It', 'IN', 'Man', 'Reading', '']) expect(countryFromWord(word)).toBeNull();
  });

  it('tolerates case slips in longer names', () => {
    expect(countryFromWord('ukraine')).toBe('UA');
    expect(countryFromWord('RUSSIA')).toBe('RU');
  });

  it('knows every ISO country by its English name', () => {
    for (const [name, code] of [
      ['Kazakhstan', 'KZ'],
      ['Vanuatu', 'VU'],
      ['Suriname', 'SR'],
      ['Eswatini', 'SZ'],
      ['Bhutan', 'BT'],
      ['Kosovo', 'XK'],
    ]) {
      expect(countryFromWord(name!)).toBe(code);
    }
  });
});

describe('findCountryMentions', () => {
  it('splits hyphenated pairs into two mentions', () => {
    const mentions = findCountryMentions('After the Ukrainian-U.S. meeting in Geneva, a US-Ukraine statement followed.');
    expect(mentions.map((m) => [m.surface, m.code])).toEqual([
      ['Ukrainian', 'UA'],
      ['U.S.', 'US'],
      ['US', 'US'],
      ['Ukraine', 'UA'],
    ]);
  });

  it('prefers multi-word names and keeps offsets', () => {
    const text = 'Officials of the United States of America and Papua New Guinea met; Guinea-Bissau sent an envoy.';
    const mentions = findCountryMentions(text);
    expect(mentions.map((m) => m.code)).toEqual(['US', 'PG', 'GW']);
    for (const m of mentions) expect(text.slice(m.start, m.end)).toBe(m.surface);
  });

  it('reads the Kremlin and the White House as their countries', () => {
    expect(codes('The Kremlin said the White House had not replied, and Downing Street stayed silent.')).toEqual(['RU', 'US', 'GB']);
  });

  it('tells countries apart whose names hold another country name', () => {
    expect(
      codes('Niger, Nigeria, Guinea, Equatorial Guinea, Papua New Guinea, Sudan, South Sudan, Dominica and the Dominican Republic'),
    ).toEqual(['NE', 'NG', 'GN', 'GQ', 'PG', 'SD', 'SS', 'DM', 'DO']);
    expect(codes('Congo, the Republic of Congo, the Democratic Republic of Congo, Congo-Brazzaville')).toEqual(['CD', 'CG', 'CD', 'CG']);
  });

  it('reads armed movements as the side they fight for, never as places', () => {
    expect(codes('Israel and Hamas agreed a truce; Hezbollah and the Houthis kept firing.')).toEqual(['IL', 'PS', 'LB', 'YE']);
    expect(codes('Army and Rapid Support Forces envoys met the Taliban.')).toEqual(['SD', 'AF']);
    expect(findCountryMentions('Envoys of Hamas met in Cairo.').find((m) => m.code === 'PS')?.kind).toBe('institution');
    expect(codes('The hamas of the village were quiet.')).toEqual([]);
  });

  it('treats Europeans as the EU but Eastern Europe as geography', () => {
    expect(codes('The Europeans asked for changes, and European leaders met in Brussels.')).toEqual(['EU', 'EU', 'BE']);
    expect(codes('Gas prices rose across Eastern Europe.')).toEqual([]);
  });

  it('reads Brussels as the Union when it acts and as Belgium after "in"', () => {
    const [acting] = findCountryMentions('Brussels warned Budapest against a veto.');
    expect(acting).toMatchObject({ code: 'EU', kind: 'institution', locative: false });
    const [place] = findCountryMentions('Leaders gathered in Brussels for the summit.');
    expect(place).toMatchObject({ code: 'BE', locative: true });
  });

  it('marks capitals after a place preposition as locative', () => {
    const [moscow, berlin] = findCountryMentions('Moscow said the envoys would meet in Berlin.');
    expect(moscow).toMatchObject({ code: 'RU', kind: 'capital', locative: false });
    expect(berlin).toMatchObject({ code: 'DE', kind: 'capital', locative: true });
  });

  it('does not take a first name or surname for a country', () => {
    expect(codes('Jordan Bardella leads the National Rally in France.')).toEqual(['FR']);
    expect(codes('King Abdullah II of Jordan met the US president.')).toEqual(['JO', 'US']);
  });

  it('does not read world regions, seas or sub-national regions as countries', () => {
    expect(codes('Latin American and South American leaders met; a Pan-American forum followed.')).toEqual([]);
    expect(codes('Ships crossed the Indian Ocean.')).toEqual([]);
    expect(codes('Voters in New Mexico, British Columbia and Northern Ireland.')).toEqual([]);
    expect(codes('The rally in Atlanta, Georgia drew crowds; Georgia and Armenia signed.')).toEqual(['GE', 'AM']);
  });

  it('reads headlines in capitals, but not acronyms', () => {
    expect(codes('UKRAINE AND RUSSIA SWAP PRISONERS AS UNITED STATES WATCHES')).toEqual(['UA', 'RU', 'US']);
    expect(codes('NATO AND OSCE OFFICIALS MET')).toEqual([]);
  });

  it('does not read lower-case "us" as the United States', () => {
    expect(codes('He told us the talks in Riyadh went well.')).toEqual(['SA']);
  });
});

describe('countryName and countryFlag', () => {
  it('names countries and the EU', () => {
    expect(countryName('UA')).toBe('Ukraine');
    expect(countryName('US')).toBe('United States');
    expect(countryName('EU')).toBe('European Union');
    expect(countryName('ZZ')).toBe('ZZ');
  });

  it('builds flags from regional indicators, the EU included', () => {
    expect(countryFlag('UA')).toBe('🇺🇦');
    expect(countryFlag('us')).toBe('🇺🇸');
    expect(countryFlag('EU')).toBe('🇪🇺');
    expect(countryFlag('not a code')).toBe('');
  });
});
