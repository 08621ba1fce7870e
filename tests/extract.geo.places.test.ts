import { describe, expect, it } from 'vitest';
import { findPlaces, findRegionMentions } from '../src/extract/geo/places.ts';

const cities = (text: string, known: Parameters<typeof findPlaces>[1] = []) => findPlaces(text, known).map((p) => `${p.city}/${p.country}`);

describe('findPlaces', () => {
  it('finds a city with its country and offsets', () => {
    const text = 'Donald Trump and Vladimir Putin met at a military base in Anchorage on Aug. 15, 2025.';
    const [place] = findPlaces(text);
    expect(place).toMatchObject({ city: 'Anchorage', country: 'US', surface: 'Anchorage', locative: true });
    expect(text.slice(place!.start, place!.end)).toBe('Anchorage');
  });

  it('uses "City, State" to pick the namesake in that state', () => {
    expect(cities('A small protest was held in Moscow, Idaho, on Saturday.')).toEqual(['Moscow/US']);
    expect(cities('The film festival opened in Paris, Texas.')).toEqual(['Paris/US']);
    expect(cities('Trump received Zelensky in Palm Beach, Florida, on Dec. 28, 2025.')).toEqual(['Palm Beach/US']);
  });

  it('a place after "at/in the" and before a common noun is where something happened', () => {
    const [retreat] = findPlaces('The leaders met at the Camp David presidential retreat on Friday.');
    expect(retreat).toMatchObject({ city: 'Camp David', locative: true });
    expect(findPlaces('The envoys met in the Moscow suburbs.')[0]).toMatchObject({ city: 'Moscow', locative: true });
    expect(cities('He read it in the Washington Post.')).toEqual([]);
  });

  it('a capitalised label after a city ("Source:") is not part of a name', () => {
    expect(cities('Envoys will meet tomorrow in Ohrid Source: a news agency')).toEqual(['Ohrid/MK']);
    expect(cities('He wrote for the Ohrid Times last year.')).toEqual([]);
  });

  it('a town named like the last word of a union is no place', () => {
    expect(cities('Leaders met at a European Union summit in the Spanish city of Granada.')).toEqual(['Granada/ES']);
    expect(cities('The Soviet Union fell in 1991.')).toEqual([]);
  });

  it('uses "City, Country" too', () => {
    expect(cities('Envoys met in Miami, USA, for a second day.')).toEqual(['Miami/US']);
  });

  it('takes the most populous namesake otherwise', () => {
    expect(cities('Rubio and Yermak met in Geneva.')).toEqual(['Geneva/CH']);
    expect(cities('Talks in Moscow lasted five hours.')).toEqual(['Moscow/RU']);
  });

  it('ignores the case of the inner words of a multi-word name', () => {
    expect(cities('Leaders signed the ceasefire deal in Sharm El-Sheikh on Oct. 13, 2025.')).toEqual(['Sharm el-Sheikh/EG']);
    expect(cities('Leaders signed the ceasefire deal in Sharm el-Sheikh on Oct. 13, 2025.')).toEqual(['Sharm el-Sheikh/EG']);
  });

  it('prefers the longest name', () => {
    expect(cities('Negotiators gathered in West Palm Beach and later in Rio de Janeiro.')).toEqual([
      'West Palm Beach/US',
      'Rio de Janeiro/BR',
    ]);
  });

  it('knows English names and plain transliterations', () => {
    expect(cities('Envoys met in Frankfurt and Kramatorsk, then at Camp David and in New York.')).toEqual([
      'Frankfurt/DE',
      'Kramatorsk/UA',
      'Camp David/US',
      'New York/US',
    ]);
  });

  it('knows English names for cities GeoNames spells locally', () => {
    expect(cities('Officials in Kiev and Kyiv said the Cologne meeting was cancelled.')).toEqual(['Kyiv/UA', 'Kyiv/UA', 'Cologne/DE']);
  });

  it('reads "St." and "Saint" alike, with the state deciding between namesakes', () => {
    expect(cities('Putin hosted the envoy in St. Petersburg.')).toEqual(['Saint Petersburg/RU']);
    expect(cities('A rally was held in Saint Petersburg, Florida.')).toEqual(['St. Petersburg/US']);
  });

  it('reads wire-service datelines in capitals', () => {
    expect(cities('GENEVA, Nov 23 (Reuters) - US and Ukrainian officials met on Sunday.')).toEqual(['Geneva/CH']);
    expect(cities('Intro line.\nABU DHABI (AP) — Talks went on.')).toEqual(['Abu Dhabi/AE']);
    expect(cities('MOSCOW, Idaho — A small rally.')).toEqual(['Moscow/US']);
    expect(cities('The NICE report and READING list.')).toEqual([]);
  });

  it('finds places named only in a photo caption', () => {
    const caption =
      'Russian President Vladimir Putin greets US President Donald Trump at Joint Base Elmendorf-Richardson in Anchorage, Alaska, on Aug. 15, 2025. (Andrew Caballero-Reynolds / AFP via Getty Images)';
    expect(cities(caption)).toEqual(['Anchorage/US']);
  });

  it('does not take common words that are also city names for places', () => {
    expect(cities('Reading the statement aloud, the spokesman called the offer Nice but vague.')).toEqual([]);
    expect(cities('Split decisions are common. Of the twelve points, six were agreed. Mobile networks failed.')).toEqual([]);
    expect(cities('Bath time was over.')).toEqual([]);
  });

  it('reads Title Case headlines', () => {
    expect(cities('Miami Talks Continue For A Second Day')).toEqual(['Miami/US']);
  });

  it('accepts a word-like city name with a place context', () => {
    expect(cities('The prime minister spoke at a rally in Reading.')).toEqual(['Reading/GB']);
    expect(cities('The Minsk agreements were never carried out.')).toEqual(['Minsk/BY']);
  });

  it("does not take part of a person's or a newspaper's name for a place", () => {
    expect(cities('Russian President Vladimir Putin spoke to reporters.')).toEqual([]);
    expect(cities('The Washington Post and the Miami Herald both reported it.')).toEqual([]);
    expect(cities('Secretary of State Marco Rubio arrived late. Rubio said the talks were useful.')).toEqual([]);
    expect(cities('According to Rubio, the embassies will reopen; Carney took a call from Carney.')).toEqual([]);
  });

  it('needs place context for a small town, since a bare match is usually a surname', () => {
    expect(cities('Carney said Canada would keep its sanctions.')).toEqual([]);
    expect(cities('Pokrovsk said nothing.')).toEqual([]);
    expect(cities('Fighting continued near Pokrovsk.')).toEqual(['Pokrovsk/UA']);
    expect(cities('The convoy returned from Pokrovsk and went to Pokrovsk again.')).toEqual(['Pokrovsk/UA', 'Pokrovsk/UA']);
    expect(cities('Drones struck the city of Pokrovsk overnight.')).toEqual(['Pokrovsk/UA']);
    expect(cities('Russian troops shelled the outskirts of Pokrovsk.')).toEqual(['Pokrovsk/UA']);
  });

  it('does not take a compound modifier or a pair of actors for a place', () => {
    expect(cities('Moscow-backed forces and Kyiv-based analysts disagreed.')).toEqual([]);
    expect(cities('The Washington-Moscow channel stayed open.')).toEqual([]);
    expect(cities('The Istanbul-format talks resumed in Istanbul.')).toEqual(['Istanbul/TR', 'Istanbul/TR']);
  });

  it('never reads a country or a US state alone as a city', () => {
    expect(cities('Armenia and Azerbaijan signed; Florida and Georgia voted.')).toEqual([]);
  });

  it('reads "Washington" as the US capital and keeps "D.C." out of the next place', () => {
    const [place] = findPlaces('The leaders met in Washington, D.C. on Monday.');
    expect(place).toMatchObject({ city: 'Washington', country: 'US' });
  });

  it('lets known places from config win, with no context needed', () => {
    const known = [{ name: 'Mar-a-Lago', aliases: ['Mar a Lago'], country: 'US' }];
    expect(cities('Zelensky flew to Mar-a-Lago for lunch.', known)).toEqual(['Mar-a-Lago/US']);
    expect(cities('Zelensky flew to Mar a Lago for lunch.', known)).toEqual(['Mar-a-Lago/US']);
    const reading = [{ name: 'Reading', aliases: [], country: 'US' }];
    expect(cities('Reading hosted the delegation.', reading)).toEqual(['Reading/US']);
  });

  it('places a meeting at a seat of government in its city', () => {
    expect(cities('Witkoff met Putin at the Kremlin for five hours.')).toEqual(['Moscow/RU']);
    expect(cities('Zelensky returned to the White House on Monday.')).toEqual(['Washington/US']);
    expect(cities('The Kremlin said the talks were useful.')).toEqual([]);
  });

  it('returns nothing for an empty text', () => {
    expect(findPlaces('')).toEqual([]);
  });
});

describe('findRegionMentions', () => {
  it('finds a state named alone, with its country', () => {
    const [region] = findRegionMentions('The weekend meetings in Florida ended without a deal.');
    expect(region).toMatchObject({ region: 'Florida', country: 'US', surface: 'Florida', locative: true });
  });

  it('skips a region that belongs to a "City, State" and countries named like states', () => {
    expect(findRegionMentions('Trump and Putin met in Anchorage, Alaska.')).toEqual([]);
    expect(findRegionMentions('Georgia and Armenia signed a deal.')).toEqual([]);
    expect(findRegionMentions('Victoria Nuland and Virginia Woolf were named.')).toEqual([]);
  });

  it('skips state abbreviations standing alone', () => {
    expect(findRegionMentions('Ga. Pa. ME and OK are not places here.')).toEqual([]);
  });
});
