import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { escapeMarkdown, link, truncate } from '../src/render/markdown.ts';

describe('escapeMarkdown', () => {
  it('escapes emphasis, code, spoilers and masked-link brackets', () => {
    expect(escapeMarkdown('*bold* _it_ ~~gone~~ `code` ||spoiler|| [x](y)')).toBe(
      '\\*bold\\* \\_it\\_ \\~\\~gone\\~\\~ \\`code\\` \\|\\|spoiler\\|\\| \\[x\\](y)',
    );
  });

  it('escapes a backslash so it cannot escape the next character', () => {
    expect(escapeMarkdown('a\\*b')).toBe('a\\\\\\*b');
  });

  it('escapes quote, heading and list markers only at the start of a line', () => {
    expect(escapeMarkdown('> quoted\n# heading\n- item\n2025. year\nrange 3-4 #5')).toBe(
      '\\> quoted\n\\# heading\n\\- item\n2025\\. year\nrange 3-4 #5',
    );
  });

  it('neutralises @everyone and @here with a zero-width space', () => {
    expect(escapeMarkdown('hi @everyone and @here')).toBe('hi @\u200beveryone and @\u200bhere');
  });

  it('neutralises user, role and channel mentions', () => {
    expect(escapeMarkdown('<@123> <@!45> <@&6> <#7>')).toBe('<\u200b@123> <\u200b@!45> <\u200b@&6> <\u200b#7>');
  });

  it('never leaves an unescaped mention in any text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('@', 'e', 'v', 'r', 'y', 'o', 'n', 'h', '<', '>', '#', '&', '!', '1', ' '), maxLength: 60 }),
        (text) => {
          const escaped = escapeMarkdown(text);
          expect(escaped).not.toMatch(/@(everyone|here)/i);
          expect(escaped).not.toMatch(/<(@[!&]?|#)\d/);
        },
      ),
    );
  });
});

describe('truncate', () => {
  it('keeps short text as it is', () => {
    expect(truncate('Geneva talks', 20)).toBe('Geneva talks');
  });

  it('ends cut text with an ellipsis within the limit', () => {
    const cut = truncate('The delegations met in Geneva on Sunday', 20);
    expect(cut.length).toBeLessThanOrEqual(20);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('does not split an emoji surrogate pair', () => {
    const cut = truncate('ab🇺🇦cd', 4);
    expect(cut).toBe('ab…');
  });

  it('does not leave a lone escape backslash before the ellipsis', () => {
    expect(truncate('abc\\*def', 5)).toBe('abc…');
  });

  it('is never longer than the limit', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.integer({ min: 0, max: 150 }), (text, max) => {
        expect(truncate(text, max).length).toBeLessThanOrEqual(max);
      }),
    );
  });
});

describe('link', () => {
  it('makes a masked link with an escaped label', () => {
    expect(link('Talks [live]', 'https://example.org/a_(b)')).toBe('[Talks \\[live\\]](https://example.org/a_(b%29)');
  });

  it('shows the label alone when the url is not http', () => {
    expect(link('notes.txt', null)).toBe('notes.txt');
    expect(link('bad', 'javascript:alert(1)')).toBe('bad');
  });
});
