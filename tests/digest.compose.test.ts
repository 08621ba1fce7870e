import { describe, expect, it } from 'vitest';
import { composeDigest, rankQuotesByNotability, type ComposeOptions } from '../src/digest/compose.ts';
import type { DigestChange, DigestChangesPage } from '../src/store/digests.ts';
import type { Quote, TalkEvent } from '../src/domain/types.ts';
import { fitReplyForDiscord, embedLength } from '../src/render/discord.ts';

const options: ComposeOptions = {
  since: new Date('2026-11-20T06:00:00Z'),
  until: new Date('2026-11-21T06:00:00Z'),
  timeZone: 'Europe/Kyiv',
  filters: {},
  maxItems: 10,
  notifyEmpty: false,
};

function event(id: number, over: Partial<TalkEvent> = {}): TalkEvent {
  return {
    id,
    kind: 'talks',
    status: 'held',
    date: '2026-11-20',
    dateTo: null,
    approx: false,
    location: { city: 'Geneva', country: 'CH' },
    sides: ['UA', 'US'],
    participants: [{ personId: 1, name: 'Rustem Umerov', country: 'UA' }],
    sources: [{ articleId: 1, url: 'https://news.example/a', file: null, title: 'A', publishedAt: '2026-11-20', evidence: 'They met.' }],
    summary: 'Delegations met in Geneva.',
    firstSeenAt: '2026-11-20T08:00:00.000Z',
    updatedAt: '2026-11-20T08:00:00.000Z',
    ...over,
  };
}

function quote(id: number, over: Partial<Quote> = {}): Quote {
  return {
    id,
    personId: 1,
    speaker: 'Rustem Umerov',
    text: 'The talks in Geneva were constructive and we agreed on next steps.',
    date: '2026-11-20',
    source: { articleId: 1, url: 'https://news.example/a', file: null, title: 'A', publishedAt: '2026-11-20', evidence: '' },
    ...over,
  };
}

function page(events: DigestChange[], quotes: Quote[] = [], totalEvents = events.length): DigestChangesPage {
  return { events, quotes, totalEvents, totalQuotes: quotes.length };
}

describe('composeDigest', () => {
  it('posts nothing when nothing changed', () => {
    expect(composeDigest(page([]), options)).toBeNull();
  });

  it('posts one line when nothing changed and the subscription asks for it', () => {
    const reply = composeDigest(page([]), { ...options, notifyEmpty: true });
    expect(reply).toEqual({ content: 'No new talks since Fri 20 Nov 08:00 (Europe/Kyiv).' });
  });

  it('groups held talks, status changes, newly planned talks and quotes', () => {
    const reply = composeDigest(
      page(
        [
          {
            event: event(3, { status: 'planned', date: '2026-12-01', location: { city: 'Istanbul', country: 'TR' } }),
            kind: 'planned',
            previousStatus: null,
          },
          { event: event(2, { date: '2026-11-19' }), kind: 'status-changed', previousStatus: 'planned' },
          { event: event(1), kind: 'held', previousStatus: null },
        ],
        [quote(7)],
      ),
      options,
    )!;
    expect(reply.embeds!.map((e) => e.title)).toEqual(['Talks held (1)', 'Status changes (1)', 'Newly planned (1)', 'Notable quotes (1)']);
    expect(reply.content).toContain('since Fri 20 Nov 08:00 (Europe/Kyiv)');
    const changed = reply.embeds![1]!.description!;
    expect(changed).toMatch(/planned → \*\*✅ held\*\*/);
    expect(changed).toContain('#2 · 19 Nov 2026 · Geneva');
    expect(reply.embeds![0]!.description).toContain('[news.example](https://news.example/a)');
    expect(reply.embeds![3]!.description).toContain('Rustem Umerov');
  });

  it('keeps the order it was given (newest first) within a group', () => {
    const reply = composeDigest(
      page([
        { event: event(5, { date: '2026-11-20' }), kind: 'held', previousStatus: null },
        { event: event(4, { date: '2026-11-18' }), kind: 'held', previousStatus: null },
      ]),
      options,
    )!;
    const text = reply.embeds![0]!.description!;
    expect(text.indexOf('#5')).toBeLessThan(text.indexOf('#4'));
  });

  it('stays within Discord limits and says how many more when a busy day overflows', () => {
    const long = 'x'.repeat(3000);
    const events: DigestChange[] = Array.from({ length: 10 }, (_, i) => ({
      event: event(100 - i, {
        summary: long,
        participants: Array.from({ length: 12 }, (_, j) => ({ personId: j, name: `Person ${j} ${'y'.repeat(60)}`, country: 'UA' })),
        sources: Array.from({ length: 8 }, (_, j) => ({
          articleId: j,
          url: `https://site${j}.example/${'p'.repeat(200)}`,
          file: null,
          title: 't',
          publishedAt: null,
          evidence: 'e',
        })),
      }),
      kind: 'held',
      previousStatus: null,
    }));
    const reply = composeDigest(page(events, [], 25), options)!;
    const body = fitReplyForDiscord(reply);
    const total = body.embeds.reduce((sum, e) => sum + embedLength(e), 0);
    expect(total).toBeLessThanOrEqual(6000);
    expect(body.embeds.length).toBeLessThanOrEqual(10);
    const footer = reply.embeds!.at(-1)!.footer!;
    const shown = (reply.embeds![0]!.description!.match(/^\*\*#\d+/gm) ?? []).length;
    expect(footer).toBe(`and ${25 - shown} more: /latest-talks`);
    expect(shown).toBeGreaterThan(0);
  });

  it('escapes markdown and neutralises mentions from article text', () => {
    const reply = composeDigest(
      page([
        {
          event: event(1, {
            summary: '@everyone look at **this** <@123>',
            participants: [{ personId: 1, name: '_Evil_ @here', country: null }],
          }),
          kind: 'held',
          previousStatus: null,
        },
      ]),
      options,
    )!;
    const text = reply.embeds![0]!.description!;
    expect(text).not.toMatch(/@everyone|@here|<@123>/);
    expect(text).toContain('\\*\\*this\\*\\*');
  });

  it('describes the filters in the header', () => {
    const reply = composeDigest(page([{ event: event(1), kind: 'held', previousStatus: null }]), {
      ...options,
      filters: { side: 'UA', keywords: 'energy' },
    })!;
    expect(reply.content).toContain('side 🇺🇦 UA');
    expect(reply.content).toContain('keywords energy');
  });
});

describe('rankQuotesByNotability', () => {
  it('puts quotes by participants of the digest’s talks first, then named speakers, then newest', () => {
    const events: DigestChange[] = [{ event: event(1), kind: 'held', previousStatus: null }];
    const ranked = rankQuotesByNotability(
      [
        quote(1, { personId: null, speaker: null, date: '2026-11-21' }),
        quote(2, { personId: 9, speaker: 'Someone Else', date: '2026-11-21' }),
        quote(3, { personId: 1, date: '2026-11-19' }),
      ],
      events,
    );
    expect(ranked.map((q) => q.id)).toEqual([3, 2, 1]);
  });
});
