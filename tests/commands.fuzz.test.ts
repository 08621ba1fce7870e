// Whatever an article says, and whatever a user types, every command answers within Discord's
// limits and nothing in the answer can ping anyone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Database } from 'better-sqlite3';
import type { Command, CommandContext } from '../src/interaction/command.ts';
import { loadCommands } from '../src/interaction/loadCommands.ts';
import { executeAutocomplete, executeCommand } from '../src/interaction/execute.ts';
import { runCommandLine } from '../src/interaction/commandLine.ts';
import { embedLength, fitReplyForDiscord } from '../src/render/discord.ts';
import { replyToText } from '../src/render/text.ts';
import { insertTalks, openMigratedMemoryDb, queryOnlyStore } from './support/talksFixture.ts';
import { commandContext } from './support/commandContext.ts';

let db: Database;
let ctx: CommandContext;
let commands: Command[];

beforeAll(async () => {
  commands = await loadCommands();
  db = await openMigratedMemoryDb();
  ctx = commandContext(queryOnlyStore(db));
});
afterAll(() => db.close());

const hostileText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.constantFrom(
    '@everyone',
    '@here',
    '<@123456789012345678>',
    '<@&1>',
    '<#2>',
    '**bold** __u__ ~~s~~ `c` ||x||',
    '> quote\n# head\n- item',
    '[x](https://evil.example)',
    '\u202eevil rtl',
    '',
  ),
  fc.string({ unit: 'binary', minLength: 1000, maxLength: 5000 }),
);
const nonEmpty = hostileText.map((t) => (t.trim() ? t : 'x'));

function assertSafe(reply: Awaited<ReturnType<typeof executeCommand>>): void {
  const body = fitReplyForDiscord(reply);
  expect(body.allowed_mentions).toEqual({ parse: [] });
  expect(body.content?.length ?? 0).toBeLessThanOrEqual(2000);
  expect(body.embeds.length).toBeLessThanOrEqual(10);
  expect(body.embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(6000);
  const json = JSON.stringify(body);
  expect(json).not.toMatch(/@(everyone|here)/i);
  expect(json).not.toMatch(/<(@[!&]?|#)\d/);
  expect(typeof replyToText(reply)).toBe('string');
}

describe('commands over hostile data and input', () => {
  it('answer safely for any article text', async () => {
    await fc.assert(
      fc.asyncProperty(nonEmpty, hostileText, hostileText, hostileText, async (name, evidence, summary, quote) => {
        const key = `k${Math.random()}`;
        const ids = insertTalks(db, {
          articles: [{ key, url: `https://news.example.org/${encodeURIComponent(key)}`, title: summary, publishedAt: '2025-11-20' }],
          people: [{ key, name, aliases: [summary.slice(0, 50) || 'alias'], country: 'UA', role: summary }],
          events: [
            {
              date: '2025-11-19',
              city: name,
              country: 'CH',
              sides: ['UA', 'US'],
              participants: [key],
              sources: [{ article: key, evidence: evidence || 'e' }],
              summary,
            },
          ],
          quotes: [{ speaker: key, text: quote || 'q', date: '2025-11-19', article: key }],
        });
        const personId = ids.people.get(key)!;
        for (const line of [
          '/latest-talks count:10',
          `/who name:id:${personId}`,
          `/event id:${ids.events[0]}`,
          '/search query:news',
          '/help',
          '/sources',
        ]) {
          assertSafe(await runCommandLine(line, commands, ctx));
        }
        const choices = await executeAutocomplete(
          commands.find((c) => c.data.name === 'who')!,
          { name: 'name', value: name.slice(0, 100) },
          { values: {} },
          ctx,
        );
        for (const choice of choices) {
          expect(choice.name.length).toBeLessThanOrEqual(100);
          expect(choice.name).not.toMatch(/@(everyone|here)/i);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('answer safely for any typed option value', async () => {
    const byName = (name: string) => commands.find((c) => c.data.name === name)!;
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.integer(), async (typed, number) => {
        assertSafe(await executeCommand(byName('who'), { values: { name: typed } }, ctx));
        assertSafe(await executeCommand(byName('search'), { values: { query: typed } }, ctx));
        assertSafe(await executeCommand(byName('latest-talks'), { values: { side: typed.slice(0, 60) } }, ctx));
        assertSafe(await executeCommand(byName('latest-talks'), { values: { person: typed.slice(0, 100), count: number } }, ctx));
        assertSafe(await executeCommand(byName('event'), { values: { id: number } }, ctx));
        assertSafe(await runCommandLine(`/who ${typed}`, commands, ctx));
      }),
      { numRuns: 100 },
    );
  });
});
