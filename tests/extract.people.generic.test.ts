// People rules that carry beyond the Ukraine talks: Chinese and Arabic names, countries said
// across an appositive, offices only one country has, "Congo" in a DRC story, movements and
// venues that are not people, and given names used alone.
import { describe, expect, it } from 'vitest';
import { extractPeople } from '../src/extract/people/extractPeople.ts';
import { findNameSpans } from '../src/extract/people/names.ts';
import { countryRoleAcrossComma } from '../src/extract/people/roles.ts';
import {
  articleCountryPair,
  bothCountriesBefore,
  congoOfArticle,
  countriesNamedIn,
  countryOfTitle,
} from '../src/extract/people/titleCountries.ts';
import { afterLocativePreposition, coordinatedWithCountry } from '../src/extract/people/notPeople.ts';

const people = (text: string) => extractPeople(text, []).people;
const person = (text: string, name: string) => people(text).find((p) => p.name === name);

describe('names the capitalised-run finder used to cut', () => {
  it('keeps a short given name after a title: "Vice Premier He Lifeng"', () => {
    expect(findNameSpans('Vice Premier He Lifeng led the Chinese team in Stockholm.').map((s) => s.name)).toEqual(['He Lifeng']);
    expect(person('Chinese Vice Premier He Lifeng led the team in Stockholm.', 'He Lifeng')).toMatchObject({
      country: 'CN',
      role: 'Vice Premier',
    });
  });
  it('does not make a sentence-opening pronoun a name', () => {
    expect(findNameSpans('He Lifeng? No: He met Bessent.').map((s) => s.name)).not.toContain('He Lifeng? No');
    expect(findNameSpans('After the talks He said nothing.').map((s) => s.name)).toEqual([]);
  });
  it('keeps lower-case Arabic articles inside names: "Abdel Fattah al-Sisi", a later bare "al-Sisi"', () => {
    const found = people(
      'Egyptian President Abdel Fattah al-Sisi received the Saudi crown prince in Cairo, and al-Sisi said the visit went well.',
    );
    expect(found.map((p) => p.name)).toEqual(['Abdel Fattah al-Sisi']);
    expect(found[0]).toMatchObject({ country: 'EG', aliases: ['al-Sisi'] });
  });
});

describe('countries of people', () => {
  it('reads "North Korean" as North Korea and "South Korean" as South Korea', () => {
    expect(person('North Korean leader Kim Jong Un hosted Vladimir Putin in Pyongyang in June 2024.', 'Kim Jong Un')?.country).toBe('KP');
    expect(person('South Korean President Lee Jae-myung spoke to reporters in Seoul.', 'Lee Jae-myung')?.country).toBe('KR');
  });

  it('reads a lower-case ministry inside a title: "Chinese foreign ministry spokeswoman Mao Ning"', () => {
    expect(person('Chinese foreign ministry spokeswoman Mao Ning said Beijing welcomed the talks.', 'Mao Ning')).toMatchObject({
      country: 'CN',
      role: 'foreign ministry spokeswoman',
    });
  });

  it('keeps a department name in the role: "Commerce Secretary", "Mossad chief"', () => {
    expect(person('In Washington, Commerce Secretary Gina Raimondo met the delegation.', 'Gina Raimondo')?.role).toBe('Commerce Secretary');
    expect(person('Mossad chief David Barnea flew to Doha.', 'David Barnea')?.role).toBe('Mossad chief');
  });

  it('takes the country across an appositive: "Pakistan\'s Director General of Military Operations, Major General ..."', () => {
    const text = "India's Director General of Military Operations, Lieutenant General Rajiv Ghai, briefed reporters in New Delhi.";
    const role = countryRoleAcrossComma(text, text.indexOf('Lieutenant'));
    expect(role).toMatchObject({ country: 'IN', role: 'Director General of Military Operations' });
    expect(person(text, 'Rajiv Ghai')?.country).toBe('IN');
  });

  it('takes the counterpart\'s nationality: "her Rwandan counterpart, Olivier Nduhungirehe"', () => {
    const text =
      'Congolese Foreign Minister Therese Kayikwamba Wagner greeted her Rwandan counterpart, Olivier Nduhungirehe, at the State Department.';
    expect(person(text, 'Olivier Nduhungirehe')).toMatchObject({ country: 'RW', role: 'counterpart' });
  });

  it('does not read a comparison as an appositive: "Like the Russian president, Trump ..."', () => {
    const text = 'Like the Russian president, Donald Trump wants the war to end quickly.';
    expect(countryRoleAcrossComma(text, text.indexOf('Donald'))).toBeNull();
    const capacity = "As Ukraine's chief negotiator, Rustem Umerov led the delegation.";
    expect(countryRoleAcrossComma(capacity, capacity.indexOf('Rustem'))).toMatchObject({ country: 'UA' });
  });

  it('does not read a person possessor as a country office across the comma', () => {
    const text = "Russian President Vladimir Putin's foreign policy aide, Yuri Ushakov, spoke to journalists.";
    expect(countryRoleAcrossComma(text, text.indexOf('Yuri'))).toBeNull();
  });

  it('gives an office only the US has its country when the article names the US', () => {
    const us = countriesNamedIn('Defense Secretary Pete Hegseth met Philippine officials in Manila, the US embassy said.');
    expect(countryOfTitle('Defense Secretary', us)).toBe('US');
    expect(person('Defense Secretary Pete Hegseth met Philippine officials in Manila, the US embassy said.', 'Pete Hegseth')?.country).toBe(
      'US',
    );
  });

  it('does not guess the country of an office when the article leaves it open', () => {
    // No US in the article: the title alone decides nothing.
    expect(
      countryOfTitle('Trade Representative', countriesNamedIn('Trade Representative Katherine Tai met Indian officials in New Delhi.')),
    ).toBeNull();
    // The Holy See has a Secretary of State too.
    expect(
      countryOfTitle(
        'Secretary of State',
        countriesNamedIn('Secretary of State Pietro Parolin said the Holy See and the United States talked.'),
      ),
    ).toBeNull();
    // A description, not a title: China has an international trade representative.
    expect(countryOfTitle('trade representative', countriesNamedIn('The US and China met; the trade representative spoke.'))).toBeNull();
    expect(
      person("US and Chinese officials met. China's international trade representative Li Chenggang spoke.", 'Li Chenggang')?.country,
    ).toBe('CN');
    // Shared titles are not in the table at all.
    expect(countryOfTitle('Vice President', countriesNamedIn('Vice President JD Vance spoke in Washington.'))).toBeNull();
  });

  it('reads bare "Congo" as the DRC in an article about the Democratic Republic of Congo', () => {
    const drc =
      "Congo's President Felix Tshisekedi met Rwanda's Paul Kagame in Doha. The Democratic Republic of Congo accuses Kigali of backing M23.";
    expect(congoOfArticle(drc)).toBe('CD');
    expect(person(drc, 'Felix Tshisekedi')?.country).toBe('CD');
    const roc = "Congo's President Denis Sassou Nguesso welcomed the delegates in Brazzaville.";
    expect(congoOfArticle(roc)).toBe('CG');
    expect(person(roc, 'Denis Sassou Nguesso')?.country).toBe('CG');
  });
});

describe('not people', () => {
  it('does not take a movement named beside a country for a person: "Israel and Hamas"', () => {
    expect(coordinatedWithCountry('Israel and Hamas exchanged hostages and prisoners.', 11, 16)).toBe(true);
    expect(people('Israel and Hamas have agreed to exchange hostages and prisoners.').map((p) => p.name)).toEqual([]);
    expect(people('Hezbollah said it fired rockets at an army base.').map((p) => p.name)).toEqual([]);
  });

  it('does not take a news channel for a person: "told Al Jazeera", "Deutsche Welle reported"', () => {
    expect(
      people('Hamas official Basem Naim told Al Jazeera the talks had stalled, and Deutsche Welle reported the same.').map((p) => p.name),
    ).toEqual(['Basem Naim']);
  });

  it('does not take a venue after "at" for a person: "arrived at Villa Madama"', () => {
    const text = 'The Iranian and US envoys arrived at Villa Madama in Rome on Saturday.';
    expect(afterLocativePreposition(text, text.indexOf('Villa'))).toBe(true);
    expect(people(text).map((p) => p.name)).toEqual([]);
  });

  it('keeps a person whose name follows "in" when something personal is said of them', () => {
    const text = 'Negotiators placed their hopes in Steve Witkoff, who said on Friday that a deal was close.';
    expect(people(text).map((p) => p.name)).toEqual(['Steve Witkoff']);
    const envoy = 'Both sides put their trust in Badr Albusaidi, the Omani foreign minister.';
    expect(people(envoy).map((p) => p.name)).toEqual(['Badr Albusaidi']);
  });
});

describe('given names used alone', () => {
  it('joins "Paetongtarn said" to "Paetongtarn Shinawatra" in the same article', () => {
    const found = people('Thai Prime Minister Paetongtarn Shinawatra arrived in Phnom Penh. Paetongtarn said the border would reopen.');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ name: 'Paetongtarn Shinawatra', country: 'TH', aliases: ['Paetongtarn'] });
  });
  it("does not join a lone word that is also someone else's surname", () => {
    const found = people('Prime Minister Anwar Ibrahim met the envoy Khairul Anwar in Putrajaya. Anwar said the talks were useful.');
    expect(found.find((p) => p.name === 'Anwar Ibrahim')?.aliases ?? []).not.toContain('Anwar');
  });
});

describe('plural titles over lists of names', () => {
  it('gives each listed name the singular office: "Foreign Ministers Sergei Lavrov, Wang Yi and Hakan Fidan"', () => {
    const found = people('Foreign Ministers Sergei Lavrov, Wang Yi and Hakan Fidan met on the sidelines of the summit.');
    expect(found.map((p) => [p.name, p.role])).toEqual([
      ['Sergei Lavrov', 'Foreign Minister'],
      ['Wang Yi', 'Foreign Minister'],
      ['Hakan Fidan', 'Foreign Minister'],
    ]);
  });
  it('does not share a singular title: "President Donald Trump and Xi Jinping"', () => {
    expect(person('President Donald Trump and Xi Jinping met at an air base in Busan.', 'Xi Jinping')?.role ?? null).toBeNull();
  });
});

describe('honorifics between an office and a name', () => {
  it('leaves "Sheikh" out of the office: "Qatar\'s Prime Minister and Foreign Minister Sheikh Mohammed bin Abdulrahman Al Thani"', () => {
    expect(
      person(
        "Qatar's Prime Minister and Foreign Minister Sheikh Mohammed bin Abdulrahman Al Thani announced the deal in Doha.",
        'Mohammed bin Abdulrahman Al Thani',
      ),
    ).toMatchObject({
      country: 'QA',
      role: 'Prime Minister and Foreign Minister',
    });
  });
});

describe('hyphenated given names and agencies', () => {
  it('keeps a compound given name: "French Foreign Minister Jean-Noël Barrot"', () => {
    expect(person('French Foreign Minister Jean-Noël Barrot flew to Damascus.', 'Jean-Noël Barrot')).toMatchObject({
      country: 'FR',
      role: 'Foreign Minister',
    });
  });
  it('still reads hyphenated titles and country pairs as no name: "UN Secretary-General", "the Russia-Ukraine talks"', () => {
    expect(findNameSpans('UN Secretary-General Antonio Guterres praised the Russia-Ukraine talks.').map((s) => s.name)).toEqual([
      'Antonio Guterres',
    ]);
  });
  it('gives an agency head the agency\'s country: "CIA Director William Burns"', () => {
    expect(person('CIA Director William Burns flew to Cairo for the hostage talks.', 'William Burns')).toMatchObject({
      country: 'US',
      role: 'CIA Director',
    });
  });
  it('joins a middle name used alone to the full name: "Lula said"', () => {
    const found = people("Brazil's Luiz Inácio Lula da Silva met Nicolás Maduro in Brasilia. Lula said the talks were frank.");
    expect(found.find((p) => p.name === 'Luiz Inácio Lula da Silva')?.aliases).toContain('Lula');
  });
  it('leaves a given name two people share alone: "Mohammed said"', () => {
    const found = people(
      "Saudi Crown Prince Mohammed bin Salman met Qatar's Sheikh Mohammed bin Abdulrahman Al Thani. Mohammed said nothing.",
    );
    expect(found.filter((p) => p.aliases.includes('Mohammed'))).toEqual([]);
  });
});

describe('two leaders of "both countries"', () => {
  it("pairs a plural title over two names with the article's two countries, in order", () => {
    const text =
      'Thailand and Cambodia agreed to a truce in Putrajaya. Anwar said he had met the leaders of both countries, including Prime Ministers Phumtham Wechayachai and Hun Manet.';
    expect(articleCountryPair(text)).toEqual(['TH', 'KH']);
    expect(person(text, 'Phumtham Wechayachai')?.country).toBe('TH');
    expect(person(text, 'Hun Manet')?.country).toBe('KH');
  });
  it('does not pair names the sentence does not tie to both countries', () => {
    const text = 'Thailand and Cambodia agreed to a truce in Putrajaya. Anwar thanked Prime Ministers Phumtham Wechayachai and Hun Manet.';
    expect(bothCountriesBefore(text, text.indexOf('Prime Ministers'))).toBe(false);
    expect(person(text, 'Hun Manet')?.country ?? null).toBeNull();
  });
});
