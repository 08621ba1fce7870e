import { describe, expect, it } from 'vitest';
import { foldToken, namesMatch, normalizeName } from '../src/extract/people/nameMatch.ts';

describe('normalizeName', () => {
  it('lower-cases, folds accents and drops honorifics', () => {
    expect(normalizeName('Mr. Emmanuel Macron')).toBe('emmanuel macron');
    expect(normalizeName('Dr  José  Ramos-Horta')).toBe('jose ramos-horta');
    expect(normalizeName('Ms. Kaja Kallas')).toBe('kaja kallas');
  });
  it('treats a possessive as the bare name', () => {
    expect(normalizeName('Putin’s')).toBe('putin');
  });
});

describe('namesMatch', () => {
  it('matches a bare surname to the full name', () => {
    expect(namesMatch('Umerov', 'Rustem Umerov')).toBe(true);
    expect(namesMatch('Rustem Umerov', 'Umerov')).toBe(true);
  });
  it('folds y/i/ii/iy endings', () => {
    expect(namesMatch('Volodymyr Zelensky', 'Zelenskyy')).toBe(true);
    expect(namesMatch('Zelenskiy', 'Volodymyr Zelenskyy')).toBe(true);
    expect(namesMatch('Andrii Hnatov', 'Andriy Hnatov')).toBe(true);
    expect(namesMatch('Yuri Ushakov', 'Yuriy Ushakov')).toBe(true);
  });
  it('folds w/v, doubled letters and an inserted y', () => {
    expect(namesMatch('Steve Witkoff', 'Steve Vitkoff')).toBe(true);
    expect(namesMatch('Kirill Dmitriev', 'Kirill Dmitriyev')).toBe(true);
    expect(namesMatch('Mikhail Gorbachev', 'Mihail Gorbatchev')).toBe(true);
  });
  it('folds accents', () => {
    expect(namesMatch('José Manuel Albares', 'Jose Albares')).toBe(true);
  });
  it('accepts an initial for the given name', () => {
    expect(namesMatch('J. Kushner', 'Jared Kushner')).toBe(true);
  });
  it('keeps different people apart', () => {
    expect(namesMatch('Steve Witkoff', 'Jared Kushner')).toBe(false);
    expect(namesMatch('Donald Trump', 'Eric Trump')).toBe(false);
    expect(namesMatch('Xi', 'Li')).toBe(false);
    expect(namesMatch('Lavrov', 'Lvov')).toBe(false);
    expect(namesMatch('', 'Putin')).toBe(false);
  });
  it('fold is the same for the variants', () => {
    expect(foldToken('Zelenskyy')).toBe(foldToken('Zelensky'));
    expect(foldToken('Kharkiv')).toBe(foldToken('Harkiv'));
  });
});
