import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GENEVA_TALKS, GENEVA_TALKS_OTHER_OUTLET, ISTANBUL_TALKS } from './support/ingestFixtures.ts';
import { cleanArticleText, findTailStart, isAuthorBio, isBoilerplateLine } from '../src/clean/boilerplate.ts';

describe('isBoilerplateLine', () => {
  it.each([
    '2 min read',
    '3 min de lecture',
    '4 min',
    'Avatar',
    'Read more',
    'Read more »',
    'Most Popular',
    'Read the article',
    "Editors' Picks",
    'Show More',
    'News Feed',
    '• 5:57 PM',
    '12 hours ago',
    '1',
    '...',
    'by Jane Reporter',
    'By Jane Reporter and John Writer',
    'Logo Nextory',
    'Outlet logo',
    'UkraineUnited StatesRussiaPeace talks',
    'Read also: Ukraine and Turkey sign a grain deal',
    'Share on Facebook',
    'War',
    "Editor's Note: This is a developing story.",
    'Reporting by Jane Reporter; Editing by John Writer',
    '(Additional reporting by Jane Reporter in Kyiv)',
    'Writing by John Writer; editing by Jane Reporter and Anna Editor',
    '© 2025 Example News. All rights reserved.',
    'Sign up for our daily briefing',
    'Our Standards: The Example Trust Principles.',
  ])('drops "%s"', (line) => {
    expect(isBoilerplateLine(line)).toBe(true);
  });

  it.each([
    'The delegations met in Istanbul on Friday.',
    'Umerov said the talks were constructive.',
    'Rustem Umerov (Photo: Example Agency)',
    'The Ukrainian delegation, led by Rustem Umerov, arrived in Geneva on Sunday.',
    'Zelensky: "We are ready for a meeting at the level of leaders"',
    'Talks resume in Geneva',
    'By Sunday, both teams had left the city.',
    '"Constructive."',
    'The report by the monitoring mission, released on Friday, found no breach of the ceasefire.',
    'Editing of the joint statement took most of the night, a diplomat said.',
  ])('keeps "%s"', (line) => {
    expect(isBoilerplateLine(line)).toBe(false);
  });
});

describe('isAuthorBio', () => {
  it('recognises a paragraph about the author, named or not', () => {
    expect(isAuthorBio('Jane Reporter is a senior correspondent covering Turkey and the Black Sea region.', 'Jane Reporter')).toBe(true);
    expect(isAuthorBio('Jane Reporter is a senior correspondent covering Turkey.', null)).toBe(true);
  });
  it('does not take a sentence about a politician for a bio', () => {
    expect(isAuthorBio('Rustem Umerov is the secretary of the National Security and Defense Council.', null)).toBe(false);
  });
});

const ARTICLE = [
  'Ukraine and Russia exchange prisoners after Istanbul talks',
  '',
  '2 min read',
  'Avatar',
  'by Jane Reporter',
  'Soldiers returning home after the exchange. (Photo: Example Agency)',
  '',
  'Ukraine and Russia carried out the exchange agreed at the Istanbul talks, each side releasing hundreds of prisoners of war.',
  '',
  'The swap was the largest since the full-scale invasion began, officials in Kyiv said.',
  '',
  'Read more',
  '',
  'The Kremlin said further rounds of talks were possible but gave no date for them.',
  '',
  'Both sides handed over the bodies of fallen soldiers in a separate exchange the same week.',
  '',
  'Talks resume in Geneva',
  'Article imageExample NewsJohn Writer',
  '',
  'UkraineRussiaPrisoner exchangeIstanbul',
  'Avatar',
  'Jane Reporter',
  '',
  'Senior Correspondent',
  '',
  'Jane Reporter is a senior correspondent at Example News. She has covered the region since 2014.',
  '',
  'Read more',
  '',
  'Most Popular',
  '',
  'Today',
  '',
  'Storm knocks out power on the coast',
  '• 5:57 PM',
  '4 min',
  'Thousands of homes were left without electricity overnight.',
  'Read the article',
  'Parliament passes the annual budget',
  '• 4:10 PM',
  '1 min',
  'Lawmakers approved the spending plan after a long debate.',
  'Read the article',
].join('\n');

describe('cleanArticleText', () => {
  const cleaned = cleanArticleText(ARTICLE);

  it('keeps every article sentence and the photo caption', () => {
    for (const sentence of [
      'Soldiers returning home after the exchange. (Photo: Example Agency)',
      'each side releasing hundreds of prisoners of war.',
      'officials in Kyiv said.',
      // After a "Read more" link in the first half: not the end of the article.
      'gave no date for them.',
      'in a separate exchange the same week.',
    ]) {
      expect(cleaned).toContain(sentence);
    }
  });

  it('drops the trailing list of unrelated headlines, the related card, tags, byline and bio', () => {
    for (const junk of [
      'Storm knocks out power',
      'Parliament passes',
      'Lawmakers approved',
      '5:57 PM',
      'Most Popular',
      'Today',
      'Talks resume in Geneva',
      'Article image',
      'UkraineRussia',
      'Jane Reporter',
      'Senior Correspondent',
      'Avatar',
      'min read',
      'Read more',
    ]) {
      expect(cleaned).not.toContain(junk);
    }
  });

  it('separates paragraphs by one blank line and keeps a repeated line once', () => {
    const text = cleanArticleText('Talks ended on Friday.\nBoth sides spoke of progress.\n\n\n\nTalks ended on Friday.\nNo date was set.');
    expect(text).toBe('Talks ended on Friday.\n\nBoth sides spoke of progress.\n\nNo date was set.');
  });

  it('joins hard-wrapped lines into one paragraph', () => {
    const text = cleanArticleText(
      'The foreign ministers of Armenia and Azerbaijan met in\nWashington on Friday and initialled a peace agreement\nbrokered by the United States.\n\nNext paragraph.',
    );
    expect(text).toBe(
      'The foreign ministers of Armenia and Azerbaijan met in Washington on Friday and initialled a peace agreement brokered by the United States.\n\nNext paragraph.',
    );
  });

  it('removes markup debris a scraper left behind', () => {
    expect(cleanArticleText('The envoys met in Riyadh.<div class="small-12 column text-center')).toBe('The envoys met in Riyadh.');
  });

  it('cuts a trailing list whose items carry the time and the headline on one line', () => {
    const text = cleanArticleText(
      [
        'The envoys met in Riyadh on Tuesday.',
        '',
        'They agreed to meet again next month in Jeddah.',
        '',
        '• 4:12 PM Markets close higher on tech rally',
        '• 3:40 PM City council approves new budget',
      ].join('\n'),
    );
    expect(text).toBe('The envoys met in Riyadh on Tuesday.\n\nThey agreed to meet again next month in Jeddah.');
  });

  it('finds no tail in an article that has none', () => {
    const lines = ['The envoys met in Riyadh on Tuesday.', '', 'They agreed to meet again.'];
    expect(findTailStart(lines)).toBe(lines.length);
  });
});

describe('cleanArticleText, property', () => {
  const sentences = [GENEVA_TALKS, ISTANBUL_TALKS, GENEVA_TALKS_OTHER_OUTLET].flatMap((t) => t.split('\n\n'));
  const furniture = [
    '2 min read',
    'Avatar',
    'Logo Example',
    'by Jane Reporter',
    'Share on Facebook',
    'Advertisement',
    '4 min',
    'Copy link',
  ];

  it('keeps every article sentence and drops every furniture line, wherever the furniture sits', () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray(sentences, { minLength: 3 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...furniture)), { maxLength: 8 }),
        (chosen, inserts) => {
          const lines = chosen.flatMap((s) => [s, '']);
          for (const [at, line] of inserts) lines.splice(at % (lines.length + 1), 0, line);
          const cleaned = cleanArticleText(lines.join('\n'));
          expect(cleaned.split('\n\n')).toEqual(chosen);
        },
      ),
      { numRuns: 200 },
    );
  });
});
