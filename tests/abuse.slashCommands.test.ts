// Slash-command abuse through a real discord.js Client and the fake Discord: options at their
// maximum length, markdown and mentions, SQL fragments, FTS syntax, unknown ids. Every answer is
// one Discord accepts, pings nobody, shows no raw mention, is never the generic failure, and when
// the input cannot be answered it says so clearly and only to the user (ephemeral).
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployCommands } from '../src/bot/deployCommands.ts';
import { runBot, type RunningBot } from '../src/bot/run.ts';
import type { Command } from '../src/interaction/command.ts';
import { SOMETHING_WENT_WRONG } from '../src/interaction/execute.ts';
import { loadCommands } from '../src/interaction/loadCommands.ts';
import { BadInputTally } from './support/badInputTally.ts';
import {
  MEMBER_PERMISSIONS,
  MODERATOR_PERMISSIONS,
  startFakeDiscord,
  type FakeDiscord,
  type InteractionReply,
} from './support/fakeDiscord/index.ts';
import { expectSafeMessage, visibleText } from './support/fakeDiscord/replyChecks.ts';
import { testApp } from './support/fakeDiscord/testApp.ts';
import { GENEVA_AND_MIAMI, insertTalks } from './support/talksFixture.ts';
import { openTempStore, type TempStore } from './support/tempStore.ts';

const tally = new BadInputTally('abuse.slashCommands');
afterAll(() => tally.report());

const MENTIONS = '@everyone @here <@123456789012345678> <@!42> <@&42> <#42> </who:1>';
const MARKDOWN = '**bold** __u__ ~~s~~ ||spoiler|| `code` ```block``` > quote # H [link](https://evil.example) \\';
const SQL = ["'; DROP TABLE events; --", '" OR 1=1 --', "Robert'); DELETE FROM people;--", '%', '_', "' UNION SELECT * FROM articles --"];
const FTS = [
  'NEAR(geneva talks)',
  '"unbalanced',
  'a* OR b*',
  'events_fts:geneva',
  '^geneva',
  '-talks',
  '*',
  'AND OR NOT',
  '(((',
  'geneva" OR "x',
];
const RTL = '\u202Eevil\u202C مفاوضات שיחות \u200F\u200b\uFEFF';

/** `text` repeated and cut to exactly `length` characters. */
const atLength = (text: string, length: number) => text.repeat(Math.ceil(length / text.length)).slice(0, length);

/** Abusive values for a string option of this maximum length. */
function abusiveStrings(maxLength: number): string[] {
  return [
    atLength(MENTIONS + ' ', maxLength),
    atLength(MARKDOWN + ' ', maxLength),
    atLength(RTL, maxLength),
    atLength('x', maxLength),
    ...SQL.map((s) => s.slice(0, maxLength)),
    ...FTS.map((s) => s.slice(0, maxLength)),
    ' ',
  ];
}

let fake: FakeDiscord;
let temp: TempStore;
let bot: RunningBot;
let commands: Command[];
let countsBefore: { articles: number; events: number; people: number; quotes: number };

beforeAll(async () => {
  temp = await openTempStore();
  const db = new BetterSqlite3(temp.path);
  try {
    insertTalks(db, GENEVA_AND_MIAMI);
  } finally {
    db.close();
  }
  countsBefore = await temp.store.queries.counts();
  commands = await loadCommands();
  fake = await startFakeDiscord();
  bot = await runBot({
    app: testApp(temp.store),
    token: fake.token,
    applicationId: fake.applicationId,
    rest: { api: fake.apiUrl },
    commands,
  });
  await deployCommands({ token: fake.token, applicationId: fake.applicationId, guildId: fake.guild.id, commands, api: fake.apiUrl });
}, 60_000);

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
  await temp?.cleanup();
});

interface Expectation {
  /** The input cannot be answered: the reply must be an ephemeral explanation. */
  refused?: boolean;
}

async function ask(spec: Parameters<FakeDiscord['chatInput']>[0], expectation: Expectation = {}): Promise<InteractionReply | undefined> {
  const what = `/${spec.command}${spec.subcommand ? ` ${spec.subcommand}` : ''} ${JSON.stringify(spec.options ?? {}).slice(0, 200)}`;
  return tally.runAsync(what, async () => {
    const payload = fake.chatInput(spec);
    await fake.sendInteraction(payload);
    const reply = await fake.waitForReply(payload.id, 15_000);
    expect(fake.interaction(payload.id)?.refusedCallbacks, what).toEqual([]);
    expectSafeMessage(reply.message);
    const text = visibleText(reply.message);
    if (text.includes(SOMETHING_WENT_WRONG)) throw new Error(`${what} was answered with the generic failure`);
    if (expectation.refused) {
      expect(reply.ephemeral, `${what} should be refused ephemerally`).toBe(true);
      expect(text.trim().length, `${what} should say why`).toBeGreaterThan(15);
    }
    return reply;
  });
}

async function suggest(spec: Parameters<FakeDiscord['autocomplete']>[0]): Promise<void> {
  await tally.runAsync(
    `autocomplete /${spec.command} ${spec.focused.name} ${JSON.stringify(spec.focused.value).slice(0, 80)}`,
    async () => {
      const payload = fake.autocomplete(spec);
      await fake.sendInteraction(payload);
      const reply = await fake.waitForReply(payload.id, 15_000);
      const choices = reply.choices ?? [];
      expect(choices.length).toBeLessThanOrEqual(25);
      for (const c of choices) {
        expect(c.name.length).toBeGreaterThan(0);
        expect(c.name.length).toBeLessThanOrEqual(100);
        expect(String(c.value).length).toBeLessThanOrEqual(100);
        expect(c.name).not.toMatch(/@(everyone|here)|<@[!&]?\d+>/);
      }
    },
  );
}

describe('abusive option values', () => {
  it('/who with names at the maximum length, mentions, markdown, SQL and FTS syntax: "no one called …", ephemerally', async () => {
    for (const name of abusiveStrings(100)) await ask({ command: 'who', options: { name } }, { refused: true });
    await ask({ command: 'who', options: { name: 'id:999999999' } }, { refused: true });
    expect(tally.problems).toEqual([]);
  }, 120_000);

  it('/event with unknown ids: a clear ephemeral answer', async () => {
    for (const id of [999_999, 2_147_483_647, 123_456]) await ask({ command: 'event', options: { id } }, { refused: true });
    expect(tally.problems).toEqual([]);
  }, 60_000);

  it('/search with SQL fragments, FTS syntax, mentions and markdown: results or a clear ephemeral "nothing found"', async () => {
    for (const query of [...abusiveStrings(200).filter((q) => q.trim().length >= 2), atLength('geneva ', 200)]) {
      const reply = await ask({ command: 'search', options: { query } });
      if (reply && !reply.ephemeral)
        expect(reply.message!.embeds.length, `/search ${query.slice(0, 40)} answered publicly without results`).toBeGreaterThan(0);
    }
    expect(tally.problems).toEqual([]);
  }, 120_000);

  it('/latest-talks with abusive sides and people: refused ephemerally, never an error', async () => {
    for (const side of abusiveStrings(60)) await ask({ command: 'latest-talks', options: { side } }, { refused: side.trim() !== '' });
    for (const person of abusiveStrings(100))
      await ask({ command: 'latest-talks', options: { person } }, { refused: person.trim() !== '' });
    expect(tally.problems).toEqual([]);
  }, 180_000);

  it('/digest subscribe with abusive schedules, times, zones and keywords: refused ephemerally', async () => {
    const permissions = MODERATOR_PERMISSIONS;
    for (const schedule of abusiveStrings(100))
      await ask({ command: 'digest', subcommand: 'subscribe', options: { schedule }, permissions }, { refused: schedule.trim() !== '' });
    for (const timezone of abusiveStrings(64))
      await ask({ command: 'digest', subcommand: 'subscribe', options: { timezone }, permissions }, { refused: timezone.trim() !== '' });
    for (const time of ['25:99', '-1:00', 'noon', atLength('9', 10), "'; --"])
      await ask({ command: 'digest', subcommand: 'subscribe', options: { time }, permissions }, { refused: true });
    for (const id of ['999999', "1' OR '1'='1", atLength('@everyone', 20)]) {
      await ask({ command: 'digest', subcommand: 'unsubscribe', options: { id }, permissions }, { refused: true });
      await ask({ command: 'digest', subcommand: 'preview', options: { id }, permissions }, { refused: true });
    }
    // A member without Manage Channels, whatever they type.
    await ask(
      { command: 'digest', subcommand: 'subscribe', options: { keywords: atLength(MENTIONS, 100) }, permissions: MEMBER_PERMISSIONS },
      { refused: true },
    );
    expect(tally.problems).toEqual([]);
  }, 180_000);

  it('autocomplete with the same values: valid, inert choices', async () => {
    for (const value of [...abusiveStrings(100), '']) {
      await suggest({ command: 'who', focused: { name: 'name', value } });
      await suggest({ command: 'latest-talks', focused: { name: 'side', value: value.slice(0, 60) } });
      await suggest({ command: 'latest-talks', focused: { name: 'person', value } });
    }
    expect(tally.problems).toEqual([]);
  }, 180_000);

  it('leaves the store as it was: nothing dropped, nothing added by the SQL fragments', async () => {
    expect(await temp.store.queries.counts()).toEqual(countsBefore);
    expect(await temp.store.integrityCheck()).toBe('ok');
    expect(tally.counts.crashes).toBe(0);
  });
});
