import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import type { Command, CommandContext, Reply } from '../src/interaction/command.ts';
import { loadCommands } from '../src/interaction/loadCommands.ts';
import { executeAutocomplete, executeCommand } from '../src/interaction/execute.ts';
import { runCommandLine } from '../src/interaction/commandLine.ts';
import { fitReplyForDiscord, embedLength } from '../src/render/discord.ts';
import { replyToText } from '../src/render/text.ts';
import {
  GENEVA_AND_MIAMI,
  insertTalks,
  openMigratedMemoryDb,
  queryOnlyStore,
  type FixtureIds,
  type TalksFixture,
} from './support/talksFixture.ts';
import { commandContext, testConfig } from './support/commandContext.ts';

let commands: Command[];
let db: Database;
let ctx: CommandContext;
let ids: FixtureIds;

function command(name: string): Command {
  const found = commands.find((c) => c.data.name === name);
  if (!found) throw new Error(`no command /${name}`);
  return found;
}

async function run(line: string): Promise<Reply> {
  const reply = await runCommandLine(line, commands, ctx);
  expectFitsDiscord(reply);
  return reply;
}

/** Everything a reply would show, as one string, to search in. */
function allText(reply: Reply): string {
  return [
    reply.content ?? '',
    ...(reply.embeds ?? []).flatMap((e) => [
      e.title ?? '',
      e.description ?? '',
      e.footer ?? '',
      ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
    ]),
  ].join('\n');
}

function expectFitsDiscord(reply: Reply): void {
  const body = fitReplyForDiscord(reply);
  expect(body.embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(6000);
  expect(body.embeds.length).toBeLessThanOrEqual(10);
  expect(body.content?.length ?? 0).toBeLessThanOrEqual(2000);
  expect(body.allowed_mentions).toEqual({ parse: [] });
}

beforeEach(async () => {
  commands ??= await loadCommands();
  db = await openMigratedMemoryDb();
  ctx = commandContext(queryOnlyStore(db));
});
afterEach(() => db.close());

describe('with the Geneva and Miami talks', () => {
  beforeEach(() => {
    ids = insertTalks(db, GENEVA_AND_MIAMI);
  });

  it('/latest-talks lists talks newest first with date, place, sides, status, sources', async () => {
    const reply = await run('/latest-talks');
    const fields = reply.embeds![0]!.fields!;
    expect(fields.map((f) => f.name)).toEqual([
      `#${ids.events[2]} · ≈ 2 Dec 2025 · Moscow, Russia`,
      `#${ids.events[1]} · 30 Nov 2025 · Miami, United States`,
      `#${ids.events[0]} · 23 Nov 2025 · Geneva, Switzerland`,
    ]);
    expect(fields[0]!.value).toContain('🗓️ planned');
    expect(fields[1]!.value).toContain('✅ held');
    expect(fields[1]!.value).toContain('🇺🇦 UA · 🇺🇸 US');
    expect(fields[1]!.value).toContain('Rustem Umerov 🇺🇦, Marco Rubio 🇺🇸, Steve Witkoff 🇺🇸');
    expect(fields[1]!.value).toContain('2 sources: [news.example.org](https://news.example.org/miami-round) · notes\\_on\\_talks.txt');
  });

  it('/latest-talks honours count, side (code or name) and person', async () => {
    expect((await run('/latest-talks count:1')).embeds![0]!.fields).toHaveLength(1);
    expect((await run('/latest-talks side:RU')).embeds![0]!.fields!.map((f) => f.name)).toEqual([
      `#${ids.events[2]} · ≈ 2 Dec 2025 · Moscow, Russia`,
    ]);
    expect((await run('/latest-talks side:Russia')).embeds![0]!.title).toBe('Latest talks with 🇷🇺 RU');
    const byPerson = await run('/latest-talks person:Rubio');
    expect(byPerson.embeds![0]!.fields).toHaveLength(2);
    expect(byPerson.embeds![0]!.title).toBe('Latest talks with Marco Rubio');
  });

  it('/latest-talks says so when a filter matches nothing', async () => {
    const reply = await run('/latest-talks side:CN');
    expect(reply.content).toBe('No talks with China (CN) yet. Try /latest-talks without filters.');
  });

  it('/latest-talks refuses an unknown side with advice', async () => {
    const reply = await run('/latest-talks side:Atlantis');
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(/not a side Parley knows/);
  });

  it('/who shows roles, country, aliases, talks (latest first) and quotes with links', async () => {
    const reply = await run('/who name:Umerov');
    const embed = reply.embeds![0]!;
    expect(embed.title).toBe('Rustem Umerov');
    expect(embed.description).toContain('Secretary of the National Security and Defense Council');
    expect(embed.description).toContain('🇺🇦 Ukraine');
    expect(embed.description).toContain('**Also written:** Umerov');
    const talks = embed.fields![0]!.value.split('\n');
    expect(talks[0]).toContain('30 Nov 2025 · Miami');
    expect(talks[1]).toContain('23 Nov 2025 · Geneva');
    expect(embed.fields![1]!.value).toContain(
      '“We made significant progress, but there is more work to do.”, 30 Nov 2025 ([news.example.org](https://news.example.org/miami-round))',
    );
  });

  it('/who finds people by spelling variant and by autocomplete id', async () => {
    expect((await run('/who name:Zelenskiy')).embeds![0]!.title).toBe('Volodymyr Zelensky');
    expect((await run(`/who name:id:${ids.people.get('rubio')}`)).embeds![0]!.title).toBe('Marco Rubio');
  });

  it('/who names the other people a typed name could mean', async () => {
    insertTalks(db, {
      people: [
        { key: 'sybiha', name: 'Andrii Sybiha' },
        { key: 'yermak', name: 'Andriy Yermak' },
      ],
    });
    const reply = await run('/who name:Andriy');
    expect(reply.embeds![0]!.title).toBe('Andriy Yermak');
    expect(reply.embeds![0]!.footer).toBe('Also matching “Andriy”: Andrii Sybiha.');
    expect((await run(`/who name:id:${ids.people.get('rubio')}`)).embeds![0]!.footer).not.toMatch(/Also matching/);
  });

  it('/who answers an unknown person ephemerally with what to do', async () => {
    const reply = await run('/who name:Angela Merkel');
    expect(reply).toEqual({
      content: 'No one called “Angela Merkel” — try /who with autocomplete, which suggests the names Parley knows.',
      ephemeral: true,
      outcome: 'refused',
    });
  });

  it('/who autocomplete is fuzzy: "zelen" suggests Zelensky', async () => {
    const choices = await executeAutocomplete(command('who'), { name: 'name', value: 'zelen' }, { values: {} }, ctx);
    expect(choices).toEqual([{ name: 'Volodymyr Zelensky (Zelensky)', value: `id:${ids.people.get('zelensky')}` }]);
  });

  it('/latest-talks autocompletes sides by code or country name', async () => {
    const choices = await executeAutocomplete(command('latest-talks'), { name: 'side', value: 'ukr' }, { values: {} }, ctx);
    expect(choices).toEqual([{ name: '🇺🇦 Ukraine (UA)', value: 'UA' }]);
    const all = await executeAutocomplete(command('latest-talks'), { name: 'side', value: '' }, { values: {} }, ctx);
    expect(all.map((c) => c.value)).toEqual(['RU', 'UA', 'US']);
  });

  it('/event shows every source with its evidence sentence', async () => {
    const reply = await run(`/event id:${ids.events[1]}`);
    const embed = reply.embeds![0]!;
    expect(embed.title).toBe(`#${ids.events[1]} · Talks · 30 Nov 2025 · Miami, United States`);
    expect(embed.fields!.map((f) => f.value.split('\n')[0])).toEqual([
      '> Umerov, Rubio and Witkoff held talks near Miami on Sunday.',
      '> The Florida meeting on Sunday lasted about four hours.',
    ]);
    expect(embed.fields![0]!.value).toContain('Florida round of talks — [news.example.org](https://news.example.org/miami-round)');
  });

  it('/event answers an unknown id ephemerally', async () => {
    const reply = await run('/event id:999999');
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(/There is no talk #999999/);
  });

  it('/search finds talks and quotes', async () => {
    const talks = await run('/search query:Geneva');
    expect(talks.embeds![0]!.fields![0]!.name).toContain('Geneva');
    const quotes = await run('/search query:"dignified peace"');
    expect(quotes.embeds![0]!.fields![0]).toEqual(
      expect.objectContaining({ name: '💬 Volodymyr Zelensky', value: expect.stringContaining('“Ukraine needs a dignified peace.”') }),
    );
  });

  it('/search treats FTS and SQL syntax as words and says when nothing matched', async () => {
    const reply = await run(`/search query:"summary:x OR NEAR(a b) '; DROP TABLE events; --"`);
    expect(reply.ephemeral).toBeFalsy();
    expect(reply.content ?? reply.embeds![0]!.title).toMatch(/^(Nothing found|Search: summary:x OR NEAR\(a b\))/);
    expect((await run('/latest-talks')).embeds![0]!.fields).toHaveLength(3);
    expect((await run('/search query:"%%"')).content).toMatch(/at least one word/);
  });

  it('/sources shows each feed and its health', async () => {
    const reply = await run('/sources');
    const text = reply.embeds![0]!.description!;
    expect(text).toContain('🔴 [Broken Feed](https://broken.example.org/feed) · 0 articles');
    expect(text).toContain('4 failures in a row');
    expect(text).toContain('HTTP 503');
    expect(text).toContain('✅ [Example News](https://news.example.org/rss)');
    expect(text).toContain('last success 2 days ago');
    expect(reply.embeds![0]!.footer).toBe('1 of 2 feeds healthy · 3 articles · 3 talks · 4 people · 2 quotes');
  });

  it('/help lists every command with its options', async () => {
    const reply = await run('/help');
    const names = reply.embeds![0]!.fields!.map((f) => f.name);
    expect(names).toContain('/latest-talks [count] [side] [person]');
    expect(names).toContain('/who name');
    expect(names).toContain('/event id');
    expect(names).toContain('/search query');
    expect(reply.ephemeral).toBe(true);
  });

  it('renders replies as plain text for the console', async () => {
    const text = replyToText(await run('/event id:' + ids.events[1]));
    expect(text).toContain('Umerov, Rubio and Witkoff held talks near Miami on Sunday.');
    expect(text).toContain('news.example.org (https://news.example.org/miami-round)');
    expect(text).toContain('notes_on_talks.txt');
    expect(text).not.toContain('\\_');
  });
});

const HOSTILE_NAME = `@everyone <@123> **Bold** ${'Verylongname'.repeat(30)}`;
const HOSTILE: TalksFixture = {
  articles: [
    { key: 'bad', url: 'https://evil.example.com/a', title: '@here [click](https://evil.example.com) <#42>', publishedAt: '2025-11-20' },
  ],
  people: [{ key: 'bad', name: HOSTILE_NAME, aliases: ['<@&77> Role Pinger'], country: 'UA', role: '@everyone `code` ||spoiler||' }],
  events: Array.from({ length: 12 }, (_, i) => ({
    status: 'held',
    date: `2025-11-${String(10 + i).padStart(2, '0')}`,
    city: '<@123> City',
    country: 'UA',
    sides: ['UA', 'US'],
    participants: ['bad'],
    sources: [{ article: 'bad', evidence: `@everyone look <@123> ${'*very* long sentence '.repeat(200)}` }],
    summary: `@here summary <@!999> ${'x'.repeat(3000)}`,
  })),
  quotes: [{ speaker: 'bad', text: `@everyone <@123> ${'quoted words '.repeat(400)}`, date: '2025-11-20', article: 'bad' }],
};

describe('with hostile article text', () => {
  beforeEach(() => {
    ids = insertTalks(db, HOSTILE);
  });

  it('never lets a mention through, and every reply fits Discord', async () => {
    const lines = [
      '/latest-talks count:10',
      '/who name:Verylongname',
      `/event id:${ids.events[0]}`,
      '/search query:everyone',
      '/search query:quoted words',
      '/help',
      '/sources',
    ];
    for (const line of lines) {
      const reply = await run(line);
      const text = allText(reply);
      expect(text, line).not.toMatch(/@(everyone|here)/);
      expect(text, line).not.toMatch(/<(@[!&]?|#)\d/);
      const body = fitReplyForDiscord(reply);
      const rendered = JSON.stringify(body);
      expect(rendered, line).not.toMatch(/@(everyone|here)/);
      expect(rendered, line).not.toMatch(/<(@[!&]?|#)\d/);
    }
  });

  it('escapes markdown that came from articles', async () => {
    const reply = await run(`/who name:id:${ids.people.get('bad')}`);
    expect(reply.embeds![0]!.title).toContain('\\*\\*Bold\\*\\*');
    expect(reply.embeds![0]!.description).toContain('\\`code\\` \\|\\|spoiler\\|\\|');
  });

  it('autocomplete choices stay within 100 characters', async () => {
    const choices = await executeAutocomplete(command('who'), { name: 'name', value: 'verylong' }, { values: {} }, ctx);
    expect(choices.length).toBe(1);
    expect(choices[0]!.name.length).toBeLessThanOrEqual(100);
  });
});

describe('with an empty store', () => {
  it('every command answers helpfully', async () => {
    expect((await run('/latest-talks')).content).toMatch(/No talks recorded yet.*parley ingest/);
    expect((await run('/who name:Umerov')).content).toMatch(/^No one called “Umerov”/);
    expect((await run('/event id:1')).content).toMatch(/There is no talk #1/);
    expect((await run('/search query:Geneva')).content).toMatch(/Nothing found for “Geneva”/);
    expect((await run('/sources')).content).toMatch(/No feeds configured yet/);
  });

  it('/sources lists configured feeds before their first poll, as not polled yet and not as healthy', async () => {
    const config = testConfig();
    config.parley.feeds = [
      { name: 'Wire One', url: 'https://one.example.org/rss', pollMinutes: 15, enabled: true },
      { name: 'Wire Two', url: 'https://two.example.org/rss', pollMinutes: 15, enabled: true },
    ];
    const reply = await runCommandLine('/sources', commands, { ...ctx, config: () => config });
    const embed = reply.embeds![0]!;
    expect(embed.description).toContain('⏳ [Wire One](https://one.example.org/rss) · 0 articles\nnot polled yet');
    expect(embed.description).toContain('⏳ [Wire Two](https://two.example.org/rss) · 0 articles\nnot polled yet');
    expect(embed.footer).toBe('0 of 2 feeds healthy, 2 not polled yet · 0 articles · 0 talks · 0 people · 0 quotes');
    expect((await run('/help')).embeds![0]!.footer).toMatch(/empty/);
    expect(await executeAutocomplete(command('who'), { name: 'name', value: 'ze' }, { values: {} }, ctx)).toEqual([]);
  });

  it('an internal failure is logged and answered generically', async () => {
    db.close();
    const reply = await executeCommand(command('latest-talks'), { values: {} }, ctx);
    expect(reply).toEqual({ content: expect.stringMatching(/^Something went wrong/), ephemeral: true, outcome: 'failed' });
    db = await openMigratedMemoryDb();
  });
});
