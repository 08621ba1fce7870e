import { describe, expect, it } from 'vitest';
import { extractArticle } from '../src/extract/index.ts';

const none = { people: [], places: [] };
function quotes(text: string, publishedAt = '2024-03-10') {
  const r = extractArticle({ text, title: null, publishedAt }, none);
  return r.quotes.map((q) => ({ speaker: r.people.find((p) => p.key === q.speakerKey)?.name ?? null, text: q.text, date: q.date }));
}

describe('quotes and their speakers', () => {
  it('X said after the quote, curly quotes, words kept exactly', () => {
    expect(quotes('“The grain corridor must reopen,” Turkish Foreign Minister Hakan Fidan said.')).toEqual([
      { speaker: 'Hakan Fidan', text: 'The grain corridor must reopen', date: '2024-03-10' },
    ]);
  });

  it('said X after the quote', () => {
    expect(quotes('"We are ready," said Sergei Lavrov, Russia\'s foreign minister.')[0]!.speaker).toBe('Sergei Lavrov');
  });

  it('a pronoun speaker goes to the subject of the sentence before, not the last name', () => {
    const text =
      'Senator Lindsey Graham urged the administration to act if Vladimir Putin refuses a ceasefire. "Time is running out for diplomacy," he said.';
    expect(quotes(text)[0]!.speaker).toBe('Lindsey Graham');
  });

  it('"the president said" goes to the last person whose role says president', () => {
    const text = 'French President Emmanuel Macron met Chancellor Olaf Scholz. "Europe must stand together," the president said.';
    expect(quotes(text)[0]!.speaker).toBe('Emmanuel Macron');
  });

  it('X said that "..." with an appositive between the name and the verb', () => {
    const text =
      'Dmitry Peskov, a spokesman for Russian President Vladimir Putin, said the proposals were "not acceptable," state media reported.';
    expect(quotes(text)).toEqual([{ speaker: 'Dmitry Peskov', text: 'not acceptable', date: '2024-03-10' }]);
  });

  it('according to X, X: "...", and stating:', () => {
    expect(
      quotes('The talks were "useful and frank," according to Qatari Prime Minister Mohammed bin Abdulrahman Al Thani.')[0]!.speaker,
    ).toBe('Mohammed bin Abdulrahman Al Thani');
    expect(quotes('Kallas: "We will not recognise the annexation of any region."')[0]!.speaker).toBe('Kallas');
    expect(
      quotes(
        'EU foreign policy chief Kaja Kallas posted on X on Sunday, stating: "Europe will keep supporting Ukraine for as long as it takes."',
      )[0],
    ).toMatchObject({ speaker: 'Kaja Kallas', date: '2024-03-10' });
  });

  it('a newspaper reporting is not the speaker', () => {
    expect(quotes('"The gap between the sides remains wide," the newspaper wrote.')).toEqual([
      { speaker: null, text: 'The gap between the sides remains wide', date: '2024-03-10' },
    ]);
  });

  it('a quote continued in the next sentence keeps its speaker', () => {
    const text = '"We had a long day," Fidan told reporters in Ankara, Turkey\'s capital. "Tomorrow we continue."';
    const q = quotes(text);
    expect(q.map((x) => x.speaker)).toEqual(['Fidan', 'Fidan']);
  });

  it('a statement of someone\'s that "..."', () => {
    const text = 'Her remarks contrasted with President Biden\'s statement on Monday that a deal was "very close".';
    expect(quotes(text)[0]!.speaker).toBe('Biden');
  });

  it('the day the words were said, when the sentence tells', () => {
    expect(quotes('Sergei Lavrov said on Friday that talks were "going nowhere".', '2024-03-10')[0]!.date).toBe('2024-03-08');
  });

  it('drops scare quotes without a speaker and markup attribute values', () => {
    expect(quotes('The so-called "peace formula" was discussed. <div class="small-12 column"> text')).toEqual([]);
  });
});

describe('more attribution shapes', () => {
  it('a participle after an unrelated verb goes to the sentence subject', () => {
    const text =
      'Turkish President Recep Tayyip Erdogan welcomed the negotiators before the session began, telling them: "It is up to both sides to end this."';
    expect(quotes(text)[0]!.speaker).toBe('Recep Tayyip Erdogan');
  });
  it('a hyphenated title is not part of the name', () => {
    expect(quotes('"We are stronger together," Secretary-General Jens Stoltenberg told a news conference.')[0]!.speaker).toBe(
      'Jens Stoltenberg',
    );
  });
});
