import { describe, expect, it } from 'vitest';
import { extractPeople } from '../src/extract/people/extractPeople.ts';
import { findNameSpans } from '../src/extract/people/names.ts';

const person = (text: string, name: string, known = []) => extractPeople(text, known).people.find((p) => p.name === name);

describe('name spans', () => {
  it('peels titles off and rejects organisation and place phrases', () => {
    const text = 'Secretary of State Antony Blinken visited the Zaporizhzhia Nuclear Power Plant with Getty Images staff.';
    expect(findNameSpans(text).map((s) => s.name)).toEqual(['Antony Blinken']);
  });
  it('keeps particles inside names', () => {
    expect(findNameSpans('She met Ursula von der Leyen and Mohammed bin Abdulrahman Al Thani.').map((s) => s.name)).toEqual([
      'Ursula von der Leyen',
      'Mohammed bin Abdulrahman Al Thani',
    ]);
  });
  it('ignores words glued together by a scraper', () => {
    expect(findNameSpans('UkraineRussiaSergei LavrovKaja Kallas').map((s) => s.name)).not.toContain('LavrovKaja Kallas');
  });
});

describe('people in an article', () => {
  it('resolves a later bare surname to the full name and drops honorifics', () => {
    const r = extractPeople('Mr. Hakan Fidan arrived on Monday. Fidan said the talks would go on.', []);
    expect(r.people).toHaveLength(1);
    expect(r.people[0]!.name).toBe('Hakan Fidan');
    expect(r.people[0]!.aliases).toContain('Fidan');
    expect(r.mentions).toHaveLength(2);
  });

  it('groups two spellings of one name', () => {
    const r = extractPeople('Andriy Yermak arrived. Later Andrii Yermak left.', []);
    expect(r.people).toHaveLength(1);
  });

  it('reads role and country from a title in front of the name', () => {
    expect(person('Turkish Foreign Minister Hakan Fidan spoke.', 'Hakan Fidan')).toMatchObject({ country: 'TR', role: 'Foreign Minister' });
    expect(person('U.S. Secretary of State Antony Blinken spoke.', 'Antony Blinken')).toMatchObject({
      country: 'US',
      role: 'Secretary of State',
    });
    expect(person('White House envoy Keith Kellogg spoke.', 'Keith Kellogg')).toMatchObject({ country: 'US' });
    expect(person('Kremlin spokesman Dmitry Peskov spoke.', 'Dmitry Peskov')).toMatchObject({ country: 'RU', role: 'Kremlin spokesman' });
  });

  it('reads role and country from an appositive after the name', () => {
    expect(person('Dmitry Peskov, a spokesman for Russian President Vladimir Putin, said so.', 'Dmitry Peskov')).toMatchObject({
      country: 'RU',
    });
    expect(person('Kaja Kallas, the EU foreign policy chief, said so.', 'Kaja Kallas')).toMatchObject({ country: 'EU' });
    expect(person('Valerii Zaluzhnyi, chief of Ukraine’s armed forces, said so.', 'Valerii Zaluzhnyi')?.role).toMatch(/chief/);
  });

  it('takes the country of the person a role is relative to', () => {
    const p = person("U.S. President Joe Biden's national security adviser Jake Sullivan flew in.", 'Jake Sullivan');
    expect(p).toMatchObject({ country: 'US' });
    expect(p?.role).toMatch(/adviser/);
    const aide = person('Russian President Vladimir Putin’s aide, Yuri Ushakov, said so.', 'Yuri Ushakov');
    expect(aide).toMatchObject({ country: 'RU' });
    expect(aide?.role).toMatch(/\baide$/);
  });

  it('takes the country of the team a person leads', () => {
    expect(person('The Ukrainian delegation was led by Andriy Yermak.', 'Andriy Yermak')).toMatchObject({ country: 'UA' });
  });

  it('accepts a bare surname only with evidence', () => {
    const r = extractPeople('President Erdogan welcomed the plan, Politico reports. Reuters said nothing.', []);
    expect(r.people.map((p) => p.name)).toEqual(['Erdogan']);
  });

  it('uses configured people as hints: canonical name, aliases, country', () => {
    const known = [{ name: 'Recep Tayyip Erdogan', aliases: ['Erdogan', 'Erdoğan'], country: 'TR', role: 'President of Turkey' }];
    const r = extractPeople('Erdoğan hosted the talks.', known);
    expect(r.people).toEqual([expect.objectContaining({ name: 'Recep Tayyip Erdogan', country: 'TR', role: 'President of Turkey' })]);
  });

  it('finds people without any configured list', () => {
    const r = extractPeople('Slovak Prime Minister Robert Fico met Hungarian Prime Minister Viktor Orban in Bratislava.', []);
    expect(r.people.map((p) => [p.name, p.country])).toEqual([
      ['Robert Fico', 'SK'],
      ['Viktor Orban', 'HU'],
    ]);
  });
});

describe('more name shapes', () => {
  it('reads a country possessive before a bare name as the country', () => {
    const r = extractPeople("Ukraine's Zelensky said the plan needed work.", []);
    expect(r.people).toEqual([expect.objectContaining({ name: 'Zelensky', country: 'UA' })]);
  });
  it('keeps a given name the general lexicon calls a word, and two-letter initials', () => {
    expect(findNameSpans("Russia's Lavrov met China's Wang Yi in Beijing.").map((s) => s.name)).toEqual(['Lavrov', 'Wang Yi']);
    expect(findNameSpans('Vice President JD Vance joined in.').map((s) => s.name)).toEqual(['JD Vance']);
  });
  it('a known place is not a person even with a particle-like word', () => {
    const r = extractPeople('US Army Secretary Daniel Driscoll held talks in Abu Dhabi on Monday.', []);
    expect(r.people.map((p) => p.name)).toEqual(['Daniel Driscoll']);
  });
  it('a surname-first family name alone refers to the full name', () => {
    const r = extractPeople('Chinese leader Xi Jinping arrived. Xi told reporters the visit went well.', []);
    expect(r.people).toHaveLength(1);
  });
  it('"The British prime minister, Keir Starmer, hosted the summit": the role set off by commas, with its country', () => {
    const starmer = person('The British prime minister, Keir Starmer, hosted European leaders in London on Sunday.', 'Keir Starmer');
    expect([starmer?.role, starmer?.country]).toEqual(['prime minister', 'GB']);
  });
  it('"Keir Starmer, hosted European leaders": a verb after the comma is not a role', () => {
    expect(person('Britain said Keir Starmer, hosted European leaders in London on Sunday.', 'Keir Starmer')?.role ?? null).toBeNull();
  });
  it('"Ukraine\'s president, Volodymyr Zelensky, attended": a country as the possessor gives the country', () => {
    const zelensky = person("Ukraine's president, Volodymyr Zelensky, attended the summit.", 'Volodymyr Zelensky');
    expect([zelensky?.role, zelensky?.country]).toEqual(['president', 'UA']);
  });
  it('an appositive that lists other people is not a role', () => {
    const r = extractPeople(
      'European leaders, among them French President Emmanuel Macron, British Prime Minister Keir Starmer and others, came.',
      [],
    );
    expect(r.people.find((p) => p.name === 'Emmanuel Macron')?.role).toBe('President');
  });
  it('the team a person leads or is sent with gives the country', () => {
    const r = extractPeople(
      'Kyiv is sending Andriy Yermak, Foreign Minister Andrii Sybiha and Rustem Umerov. Vladimir Medinsky, an aide to President Vladimir Putin, led the Russian side.',
      [],
    );
    expect(r.people.map((p) => [p.name, p.country])).toEqual([
      ['Andriy Yermak', 'UA'],
      ['Andrii Sybiha', 'UA'],
      ['Rustem Umerov', 'UA'],
      ['Vladimir Medinsky', 'RU'],
      ['Vladimir Putin', null],
    ]);
  });
});

describe('roles before a comma', () => {
  it('"Mr Zelensky\'s chief of staff, Andriy Yermak"', () => {
    const r = extractPeople("Mr Zelensky's chief of staff, Andriy Yermak, met senators.", []);
    expect(r.people.find((p) => p.name === 'Andriy Yermak')?.role).toBe('chief of staff');
  });
  it('"The Russian delegation, led by X" gives X the country', () => {
    const r = extractPeople('The Russian delegation, led by Vladimir Medinsky, said it would reduce activity.', []);
    expect(r.people).toEqual([expect.objectContaining({ name: 'Vladimir Medinsky', country: 'RU' })]);
  });
});
