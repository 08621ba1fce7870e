// Property tests over the extractor and the renderers with hostile text: arbitrary Unicode (lone
// surrogates, control characters, right-to-left marks), unbalanced and nested quotes, impossible
// dates, markdown and mentions, empty and 5 MB one-line texts. Never a crash, never a hang, every
// reply within Discord's limits, no mention that would notify anyone.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractArticle } from '../src/extract/index.ts';
import type { Command, CommandOptions, Reply } from '../src/interaction/command.ts';
import { executeAutocomplete, executeCommand, SOMETHING_WENT_WRONG } from '../src/interaction/execute.ts';
import { loadCommands } from '../src/interaction/loadCommands.ts';
import { fitReplyForDiscord } from '../src/render/discord.ts';
import { replyToText } from '../src/render/text.ts';
import { openStore } from '../src/store/open.ts';
import type { Store } from '../src/store/store.ts';
import { BadInputTally } from './support/badInputTally.ts';
import { commandContext } from './support/commandContext.ts';
import { autocompleteProblems, messageBodyProblems, wouldPing } from './support/fakeDiscord/limits.ts';
import { GENEVA_AND_MIAMI, insertTalks, type TalksFixture } from './support/talksFixture.ts';

const tally = new BadInputTally('robustness.properties');
afterAll(() => tally.report());

// Pieces of text that have broken parsers before: quotes of every kind, impossible dates,
// right-to-left scripts and overrides, mentions, markdown, lone surrogates, control characters.
const NASTY = [
  '"',
  '“',
  '”',
  '‘',
  '’',
  '«',
  '»',
  '„',
  "'",
  '‹',
  '›',
  '「',
  '」',
  '"He said "we will not" and left," she said.',
  '“Nested ‘quotes’ inside “more” quotes,” the minister said',
  'Feb 30',
  'February 30, 2025',
  'on Feb. 30',
  '31 April 2024',
  '2025-02-30',
  'on the 0th of Smarch',
  'Dec. 32',
  '\u202Eevil\u202C',
  'مفاوضات في جنيف يوم الاثنين',
  'שיחות בז׳נבה ביום שני',
  '\u200F',
  '\u061C',
  '@everyone',
  '@here',
  '<@123456789012345678>',
  '<@!42>',
  '<@&42>',
  '<#7>',
  '</who:1>',
  '**bold**',
  '__under__',
  '~~x~~',
  '||spoiler||',
  '```code',
  '`x`',
  '> quote',
  '# Heading',
  '-# small',
  '[x](https://evil.example/@everyone)',
  '\\',
  '\u0000',
  '\uD800',
  '\uDFFF',
  '\u200b',
  '\uFEFF',
  '\r\n',
  '\n\n',
  '\t',
  '…',
  '\u2028',
  'Ukrainian and Russian delegations met in Istanbul on Monday.',
  'US envoy Steve Witkoff will meet Kirill Dmitriev in Miami on Saturday.',
  '"We will meet again soon," Fidan said.',
  'Photo: delegations in Geneva, Dec. 19, 2025.',
  'Zelensky said.',
  'according to',
];

const nastyText = (maxPieces: number) =>
  fc
    .array(
      fc.oneof(
        fc.constantFrom(...NASTY),
        fc.string({ unit: 'grapheme', maxLength: 12 }),
        fc.constantFrom(' ', '. ', ', ', '\n', ' said ', ' met '),
      ),
      { maxLength: maxPieces },
    )
    .map((parts) => parts.join(''));
const anyText = (maxLength: number) => fc.oneof(fc.string({ unit: 'binary', maxLength }), nastyText(Math.ceil(maxLength / 6)));
const publishedAt = fc.oneof(
  fc.constant(null),
  fc.constantFrom('2025-02-30', 'Feb 30', '', '0000-00-00', '9999-12-31', '2025-12-01'),
  fc.string({ maxLength: 12 }),
);

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const isRealDay = (day: string) => ISO_DAY.test(day) && new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) === day;

describe('extractArticle on hostile text', () => {
  it('never throws, and every date it gives is a real calendar day', () => {
    fc.assert(
      fc.property(anyText(600), fc.option(anyText(80), { nil: null }), publishedAt, (text, title, published) => {
        const extraction = tally.run('extractArticle(arbitrary text)', () =>
          extractArticle({ text, title, publishedAt: published }, { people: [], places: [] }),
        );
        if (!extraction) return false;
        for (const event of extraction.events) {
          if (event.date !== null && !isRealDay(event.date)) return false;
          if (event.dateTo !== null && event.dateTo !== undefined && !isRealDay(event.dateTo)) return false;
        }
        return Array.isArray(extraction.people) && Array.isArray(extraction.quotes);
      }),
      { numRuns: 300 },
    );
    expect(tally.problems).toEqual([]);
  });

  it('handles the empty text, whitespace only, and a text that is all quotes', () => {
    for (const text of ['', ' ', '\n\n\n', '"'.repeat(5000), '“'.repeat(3000) + '”'.repeat(10), "'".repeat(5000), 'said '.repeat(2000)]) {
      tally.run(`extractArticle(${JSON.stringify(text.slice(0, 12))}… ${text.length})`, () =>
        extractArticle({ text, title: null, publishedAt: '2025-12-01' }, { people: [], places: [] }),
      );
    }
    expect(tally.problems).toEqual([]);
  });

  // One line of 5 MB: no sentence or paragraph breaks for the splitter to lean on.
  const HUGE = 5 * 1024 * 1024;
  const hugeTexts: Array<[string, () => string]> = [
    [
      'one 5 MB sentence of talk reports',
      () =>
        'Ukrainian and Russian delegations met in Istanbul on Monday, and "we will meet again" Umerov said, '
          .repeat(Math.ceil(HUGE / 100))
          .slice(0, HUGE),
    ],
    ['5 MB of letters without a space', () => 'Zelenskyy'.repeat(Math.ceil(HUGE / 9)).slice(0, HUGE)],
    ['5 MB of unbalanced opening quotes and words', () => '“Talks '.repeat(Math.ceil(HUGE / 7)).slice(0, HUGE)],
  ];
  for (const [label, make] of hugeTexts) {
    it(`finishes on ${label}`, { timeout: 180_000 }, () => {
      const text = make();
      const extraction = tally.run(`extractArticle(${label})`, () =>
        extractArticle({ text, title: null, publishedAt: '2025-12-01' }, { people: [], places: [] }),
      );
      expect(tally.problems).toEqual([]);
      expect(extraction).toBeDefined();
    });
  }
});

// ---------------------------------------------------------------- renderers

const field = fc.record({ name: anyText(300), value: anyText(1500), inline: fc.option(fc.boolean(), { nil: undefined }) });
const embed = fc.record(
  {
    title: anyText(400),
    url: fc.oneof(fc.constant('https://news.example.org/a(b)@everyone'), fc.constant('javascript:alert(1)'), fc.webUrl(), anyText(30)),
    description: fc.oneof(anyText(500), fc.string({ minLength: 4000, maxLength: 9000 })),
    fields: fc.array(field, { maxLength: 40 }),
    footer: anyText(2500),
    color: fc.integer({ min: 0, max: 0xffffff }),
  },
  { requiredKeys: [] },
);
const reply: fc.Arbitrary<Reply> = fc.record(
  {
    content: fc.oneof(anyText(300), fc.string({ minLength: 1990, maxLength: 4500 })),
    embeds: fc.array(embed, { maxLength: 14 }),
    ephemeral: fc.boolean(),
  },
  { requiredKeys: [] },
);

/** Problems a Discord message body would have: over a limit, or a mention that would notify. */
function deliveryProblems(body: ReturnType<typeof fitReplyForDiscord>): string[] {
  const problems = messageBodyProblems(body);
  if (JSON.stringify(body.allowed_mentions) !== JSON.stringify({ parse: [] }))
    problems.push(`allowed_mentions is ${JSON.stringify(body.allowed_mentions)}`);
  const pings = wouldPing(body.content ?? '', body.allowed_mentions);
  if (pings.everyone || pings.users.length > 0 || pings.roles.length > 0) problems.push(`would ping ${JSON.stringify(pings)}`);
  return problems;
}

describe('renderers on hostile replies', () => {
  it('fitReplyForDiscord always gives a body Discord accepts, with mentions never parsed', () => {
    fc.assert(
      fc.property(reply, (r) => {
        const body = tally.run('fitReplyForDiscord(arbitrary reply)', () => fitReplyForDiscord(r));
        if (!body) return false;
        const problems = deliveryProblems(body);
        if (problems.length > 0) tally.problem(`fitReplyForDiscord: ${problems.join('; ')}`);
        return problems.length === 0;
      }),
      { numRuns: 400 },
    );
    expect(tally.problems).toEqual([]);
  });

  it('replyToText renders any reply as text', () => {
    fc.assert(
      fc.property(reply, (r) => typeof tally.run('replyToText(arbitrary reply)', () => replyToText(r)) === 'string'),
      { numRuns: 300 },
    );
    expect(tally.problems).toEqual([]);
  });
});

// ---------------------------------------------------------------- command handlers

/** The fixture plus a person, an event and a quote made of hostile text, as a bad article would leave them. */
const HOSTILE: TalksFixture = {
  articles: [
    ...GENEVA_AND_MIAMI.articles!,
    { key: 'hostile', url: 'https://news.example.org/@everyone', title: '**@everyone** <@1234> read this', publishedAt: '2025-12-02' },
  ],
  people: [
    ...GENEVA_AND_MIAMI.people!,
    {
      key: 'mallory',
      name: '@everyone <@123456789012345678> **Mallory**',
      aliases: ['<@&42>', '__Mal__'],
      country: 'UA',
      role: '@here `role`',
    },
  ],
  events: [
    ...GENEVA_AND_MIAMI.events!,
    {
      status: 'held',
      date: '2025-12-02',
      city: '<#7> @here',
      country: 'CH',
      sides: ['UA', 'EU'],
      participants: ['mallory', 'rubio'],
      sources: [{ article: 'hostile', evidence: '@everyone <@123456789012345678> met ||secret|| in **Geneva** ' + 'x'.repeat(3000) }],
      summary: '@everyone talks [click](https://evil.example) ' + '“'.repeat(50),
    },
  ],
  quotes: [
    ...GENEVA_AND_MIAMI.quotes!,
    { speaker: 'mallory', text: '@everyone <@&42> we met ' + '>'.repeat(200), date: '2025-12-02', article: 'hostile' },
  ],
  feeds: [
    ...GENEVA_AND_MIAMI.feeds!,
    { url: 'https://evil.example/@everyone', name: '@everyone feed <@1>', lastError: '<@&42> HTTP 500 **boom**', consecutiveFailures: 9 },
  ],
};

interface OptionDefinition {
  type: number;
  name: string;
  max_length?: number;
  options?: OptionDefinition[];
}

/** Arbitrary values for each option of a command (or of one of its subcommands), beyond Discord's own limits too. */
function optionsFor(command: Command): fc.Arbitrary<CommandOptions> {
  const definitions = (command.data.options ?? []) as OptionDefinition[];
  const subcommands = definitions.filter((d) => d.type === 1);
  const valueFor = (d: OptionDefinition): fc.Arbitrary<string | number | boolean | undefined> => {
    switch (d.type) {
      case 3:
        return fc.option(
          fc.oneof(
            anyText(d.max_length ?? 200),
            fc.string({ minLength: d.max_length ?? 100, maxLength: (d.max_length ?? 100) * 2 }),
            fc.constantFrom(
              'id:1',
              'id:999999999',
              "'; DROP TABLE events; --",
              'NEAR(a b)',
              '"unbalanced',
              'a* OR b',
              'events:geneva',
              '%',
              '_',
            ),
          ),
          { nil: undefined },
        );
      case 4:
        return fc.option(fc.oneof(fc.integer(), fc.constantFrom(0, -1, 2 ** 31, Number.MAX_SAFE_INTEGER, 1, 2, 3)), { nil: undefined });
      case 10:
        return fc.option(fc.double(), { nil: undefined });
      case 5:
        return fc.option(fc.boolean(), { nil: undefined });
      default:
        return fc.option(fc.string({ maxLength: 30 }), { nil: undefined });
    }
  };
  const values = (defs: OptionDefinition[]) =>
    fc.record(
      Object.fromEntries(defs.map((d) => [d.name, valueFor(d)])) as Record<string, fc.Arbitrary<string | number | boolean | undefined>>,
    );
  if (subcommands.length === 0) return values(definitions).map((v) => ({ values: v }));
  return fc.oneof(...subcommands.map((sub) => values(sub.options ?? []).map((v): CommandOptions => ({ subcommand: sub.name, values: v }))));
}

/**
 * Any text in a reply that Discord would read as a mention or mass mention, if mentions were
 * parsed. A link to a channel Parley itself names (a subscription's channel in a server-wide
 * /digest or /alerts list) is Parley's own writing, not echoed input, and pings nobody.
 */
function rawMentions(reply: Reply, ownChannelLinks: string[] = []): string[] {
  const texts = [
    reply.content ?? '',
    ...(reply.embeds ?? []).flatMap((e) => [
      e.title ?? '',
      e.description ?? '',
      e.footer ?? '',
      ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
    ]),
  ];
  return texts
    .flatMap((t) => [...t.matchAll(/@(everyone|here)|<@[!&]?\d+>|<#\d+>/g)].map((m) => m[0]))
    .filter((m) => !ownChannelLinks.includes(m));
}

describe('every command handler with arbitrary options', () => {
  let dir: string;
  let store: Store;
  let commands: Command[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'parley-robust-'));
    const path = join(dir, 'parley.db');
    store = await openStore(path);
    const db = new BetterSqlite3(path);
    insertTalks(db, HOSTILE);
    db.close();
    commands = await loadCommands();
  });

  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers every command, within Discord limits, without a raw mention, and never with the generic failure', async () => {
    const ctx = commandContext(store, { permissions: { manageChannels: true, manageGuild: true } });
    for (const command of commands) {
      await fc.assert(
        fc.asyncProperty(optionsFor(command), async (options) => {
          const what = `/${command.data.name} ${JSON.stringify(options).slice(0, 300)}`;
          const answer = await tally.runAsync(what, () => executeCommand(command, options, ctx));
          if (!answer) return false;
          if (answer.content === SOMETHING_WENT_WRONG) {
            tally.crash(what, new Error('the handler threw (answered with the generic failure)'));
            return false;
          }
          const problems = deliveryProblems(fitReplyForDiscord(answer));
          const mentions = rawMentions(answer, [`<#${ctx.invoker.channelId}>`]);
          if (mentions.length > 0) problems.push(`raw mentions in the reply: ${mentions.join(', ')}`);
          if (problems.length > 0) tally.problem(`${what}: ${problems.join('; ')}`);
          return problems.length === 0;
        }),
        { numRuns: 60 },
      );
    }
    expect(tally.problems).toEqual([]);
  }, 120_000);

  it('answers autocomplete for every option with valid choices', async () => {
    const ctx = commandContext(store);
    for (const command of commands.filter((c) => c.autocomplete !== undefined)) {
      const focusable = ((command.data.options ?? []) as OptionDefinition[]).flatMap(
        (d): Array<{ sub: string | undefined; o: OptionDefinition }> =>
          d.type === 1 ? (d.options ?? []).map((o) => ({ sub: d.name, o })) : [{ sub: undefined, o: d }],
      );
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...focusable), anyText(150), async ({ sub, o }, typed) => {
          const choices = await tally.runAsync(`autocomplete /${command.data.name} ${o.name}`, () =>
            executeAutocomplete(command, { name: o.name, value: typed }, { subcommand: sub, values: {} }, ctx),
          );
          if (!choices) return false;
          const problems = autocompleteProblems(choices);
          if (choices.some((c) => /@(everyone|here)|<@[!&]?\d+>/.test(c.name))) problems.push('a choice name holds a raw mention');
          if (problems.length > 0)
            tally.problem(`autocomplete /${command.data.name} ${o.name} ${JSON.stringify(typed)}: ${problems.join('; ')}`);
          return problems.length === 0;
        }),
        { numRuns: 80 },
      );
    }
    expect(tally.problems).toEqual([]);
  }, 120_000);
});
