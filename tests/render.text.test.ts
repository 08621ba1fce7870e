import { describe, expect, it } from 'vitest';
import { markdownToPlain, replyToText } from '../src/render/text.ts';

describe('markdownToPlain', () => {
  it.each([
    ['**Geneva talks**', 'Geneva talks'],
    ['__Geneva__ and *Riyadh*', 'Geneva and Riyadh'],
    ['~~planned~~ held', 'planned held'],
    ['||secret|| word', 'secret word'],
    ['_emphasised words_, then more', 'emphasised words, then more'],
    ['see [the report](https://example.org/a_b) now', 'see the report (https://example.org/a_b) now'],
    ['Fire\\_works and 2\\*3', 'Fire_works and 2*3'],
    ['**Talks in _Istanbul_**', 'Talks in Istanbul'],
  ])('reads %j as %j', (markdown, plain) => {
    expect(markdownToPlain(markdown)).toBe(plain);
  });

  it.each([
    ['Use a name such as Europe/Kyiv, America/New_York or UTC.', 'Use a name such as Europe/Kyiv, America/New_York or UTC.'],
    ['a cron expression such as 0 8 * * 1-5', 'a cron expression such as 0 8 * * 1-5'],
    ['e.g. "0 8 * * 1-5".', 'e.g. "0 8 * * 1-5".'],
    [
      'try `/digest subscribe schedule:0 8 * * 1-5 timezone:America/New_York`',
      'try /digest subscribe schedule:0 8 * * 1-5 timezone:America/New_York',
    ],
    ['snake_case_name and 5 * 3', 'snake_case_name and 5 * 3'],
    ['a lone * star and a lone _ line', 'a lone * star and a lone _ line'],
  ])('keeps what a user must type in %j', (markdown, plain) => {
    expect(markdownToPlain(markdown)).toBe(plain);
  });

  it('keeps the schedule and zone in a reply people copy from', () => {
    const text = replyToText({
      content: 'Subscribed: `0 8 * * 1-5` in America/New_York.',
      embeds: [{ title: '**Next**', description: 'at 08:00 America/Los_Angeles' }],
    });
    expect(text).toContain('0 8 * * 1-5 in America/New_York.');
    expect(text).toContain('at 08:00 America/Los_Angeles');
    expect(text).toContain('Next\n====');
  });
});
