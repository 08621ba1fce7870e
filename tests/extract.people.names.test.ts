// Name spans across the marks reporters put inside names: a nickname in quotation marks and an
// editor's bracket closed inside a name. Each rule with sentences it must and must not join.
import { describe, expect, it } from 'vitest';
import { findNameSpans } from '../src/extract/people/names.ts';

const names = (text: string): string[] => findNameSpans(text).map((s) => s.name);

interface Rule {
  rule: string;
  match: Array<[string, string]>;
  /** Sentences and a joined name they must not give. */
  noMatch: Array<[string, string]>;
}

const RULES: Rule[] = [
  {
    rule: 'a nickname in quotation marks between given name and surname',
    match: [
      ['The runoff pits Rodrigo Paz against Jorge “Tuto” Quiroga next month.', 'Jorge Quiroga'],
      ['Opposition leader Joseph "Jojo" Kabila did not attend.', 'Joseph Kabila'],
    ],
    noMatch: [
      ['Trump “Liberation Day” tariffs took effect.', 'Trump Day'],
      ['She praised Merkel "Mutti" for years.', 'Merkel for'],
      ['Putin "Strongman" Kremlin rule ended.', 'Putin Kremlin'],
    ],
  },
  {
    rule: 'a sentence opening with a name whose role follows',
    match: [['Wang Yi, director of the foreign affairs office, welcomed the deal.', 'Wang Yi']],
    noMatch: [['Wang Yi said the deal, signed last week, would hold.', 'Wang Yi said']],
  },
  {
    rule: "an editor's bracket closed inside the name",
    match: [['“I will speak to [Turkish President Recep Tayyip] Erdogan soon,” he said.', 'Recep Tayyip Erdogan']],
    noMatch: [
      ['Lavrov said [the] Kremlin would answer.', 'Lavrov Kremlin'],
      ['Then came Lavrov] Peskov.', 'Lavrov Peskov'],
    ],
  },
];

describe('name spans', () => {
  for (const r of RULES) {
    describe(r.rule, () => {
      for (const [text, name] of r.match) it(`finds ${name}`, () => expect(names(text)).toContain(name));
      for (const [text, joined] of r.noMatch) it(`does not join ${joined}`, () => expect(names(text)).not.toContain(joined));
    });
  }
  it('keeps the whole written span so offsets cover the nickname', () => {
    const text = 'Rival Jorge “Tuto” Quiroga conceded.';
    const [span] = findNameSpans(text);
    expect(text.slice(span!.start, span!.end)).toBe('Jorge “Tuto” Quiroga');
    expect(span!.words).toBe(2);
  });
});
