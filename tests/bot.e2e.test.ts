// End to end: a real discord.js Client runs Parley's real commands (commands/*.ts) over a real
// store, logged into the fake Discord on loopback. Each test sends INTERACTION_CREATE and checks
// what reaches Discord's interaction callback and webhook endpoints.
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployCommands } from '../src/bot/deployCommands.ts';
import { runBot, type RunningBot } from '../src/bot/run.ts';
import type { Command } from '../src/interaction/command.ts';
import { SOMETHING_WENT_WRONG } from '../src/interaction/execute.ts';
import { loadCommands } from '../src/interaction/loadCommands.ts';
import {
  MEMBER_PERMISSIONS,
  MODERATOR_PERMISSIONS,
  startFakeDiscord,
  type FakeDiscord,
  type InteractionReply,
} from './support/fakeDiscord/index.ts';
import { expectSafeMessage, visibleText } from './support/fakeDiscord/replyChecks.ts';
import { testApp } from './support/fakeDiscord/testApp.ts';
import { insertTalks, type TalksFixture } from './support/talksFixture.ts';
import { decodePng } from './support/png.ts';
import { openTempStore, type TempStore } from './support/tempStore.ts';

const HOSTILE = '@everyone <@123> <@!124> <@&456> @here';
const LONG_NAME = `Aleksandr-**Maximilian**_${'Konstantinopolsky-'.repeat(12)}Junior`;

/** Real talks in this project's own words, with hostile text in every field a command shows. */
const FIXTURE: TalksFixture = {
  articles: [
    {
      key: 'geneva',
      url: 'https://news.example.org/geneva',
      title: `Geneva round ${HOSTILE} **Breaking**`,
      publishedAt: '2025-11-24',
      text: `Delegations met. ${HOSTILE}`,
    },
    { key: 'florida', url: 'https://news.example.org/florida', title: 'Florida talks _continue_', publishedAt: '2025-12-01' },
  ],
  people: [
    { key: 'umerov', name: 'Rustem Umerov', aliases: ['Umerov'], country: 'UA', role: `Secretary of the Security Council ${HOSTILE}` },
    { key: 'witkoff', name: 'Steve Witkoff', aliases: ['Witkoff', 'Vitkoff'], country: 'US', role: 'special envoy' },
    { key: 'zelensky', name: 'Volodymyr Zelensky', aliases: ['Zelensky', 'Zelenskyy'], country: 'UA', role: 'President' },
    { key: 'long', name: LONG_NAME, aliases: [], country: 'RU', role: `||spoiler|| role ${HOSTILE}` },
  ],
  events: [
    {
      status: 'held',
      date: '2025-11-23',
      city: 'Geneva',
      country: 'CH',
      sides: ['UA', 'US'],
      participants: ['umerov', 'witkoff', 'long'],
      sources: [{ article: 'geneva', evidence: `Ukrainian and US delegations met in Geneva on Sunday. ${HOSTILE} **bold** \`code\`` }],
      summary: `Ukraine–US talks in Geneva ${HOSTILE}`,
    },
    {
      status: 'held',
      date: '2025-11-30',
      city: 'Hallandale Beach',
      country: 'US',
      sides: ['UA', 'US'],
      participants: ['umerov', 'witkoff'],
      sources: [
        { article: 'florida', evidence: 'Umerov and Witkoff held talks in Florida on Sunday.' },
        { article: 'geneva', evidence: `A follow-up round in Florida was announced. ${HOSTILE}` },
      ],
      summary: 'Ukraine–US talks in Florida',
    },
    {
      kind: 'meeting',
      status: 'planned',
      date: '2025-12-02',
      approx: true,
      city: 'Moscow',
      country: 'RU',
      sides: ['RU', 'US'],
      participants: ['witkoff', 'long'],
      sources: [{ article: 'florida', evidence: 'Witkoff is expected in Moscow early next week.' }],
      summary: 'US envoy expected in Moscow',
    },
  ],
  quotes: [
    { speaker: 'umerov', text: `We made progress ${HOSTILE} but there is more to do.`, date: '2025-11-30', article: 'florida' },
    { speaker: 'long', text: `**Everything** is _possible_ ${HOSTILE}`, date: '2025-11-24', article: 'geneva' },
  ],
  feeds: [
    { url: 'https://news.example.org/rss', name: `Example News ${HOSTILE}`, lastSuccessAt: '2025-12-01T08:00:00.000Z' },
    { url: 'https://broken.example.org/feed', name: 'Broken Feed', lastError: `HTTP 503 ${HOSTILE}`, consecutiveFailures: 4 },
  ],
};

let fake: FakeDiscord;
let temp: TempStore;
let bot: RunningBot;
let commands: Command[];
let eventIds: number[] = [];
let personIds = new Map<string, number>();

async function ask(spec: Parameters<FakeDiscord['chatInput']>[0]): Promise<InteractionReply> {
  const payload = fake.chatInput(spec);
  await fake.sendInteraction(payload);
  const reply = await fake.waitForReply(payload.id);
  expect(fake.interaction(payload.id)?.refusedCallbacks).toEqual([]);
  return reply;
}

async function suggest(spec: Parameters<FakeDiscord['autocomplete']>[0]) {
  const payload = fake.autocomplete(spec);
  await fake.sendInteraction(payload);
  const reply = await fake.waitForReply(payload.id);
  const choices = reply.choices ?? [];
  expect(choices.length).toBeLessThanOrEqual(25);
  for (const choice of choices) expect(choice.name.length).toBeLessThanOrEqual(100);
  return choices;
}

beforeAll(async () => {
  temp = await openTempStore();
  const db = new BetterSqlite3(temp.path);
  try {
    const ids = insertTalks(db, FIXTURE);
    eventIds = ids.events;
    personIds = ids.people;
  } finally {
    db.close();
  }
  commands = await loadCommands();
  fake = await startFakeDiscord();
  bot = await runBot({
    app: testApp(temp.store),
    token: fake.token,
    applicationId: fake.applicationId,
    rest: { api: fake.apiUrl },
    commands,
  });
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
  await temp?.cleanup();
});

describe('deploy-commands against the fake Discord', () => {
  it('registers every command for a guild, payload as defined', async () => {
    const registered = await deployCommands({
      token: fake.token,
      applicationId: fake.applicationId,
      guildId: fake.guild.id,
      commands,
      api: fake.apiUrl,
    });
    expect(registered.map((c) => c.name)).toEqual(commands.map((c) => c.data.name));
    const [request] = fake.requestsTo(`PUT /applications/${fake.applicationId}/guilds/${fake.guild.id}/commands`);
    expect(request?.body).toEqual(JSON.parse(JSON.stringify(commands.map((c) => c.data))));
    expect(request?.headers.authorization).toBe(`Bot ${fake.token}`);
    expect(fake.registeredCommands(fake.guild.id).every((c) => /^\d{17,20}$/.test(c.id))).toBe(true);
  });

  it('registers globally, and a second deploy overwrites rather than adds', async () => {
    await deployCommands({ token: fake.token, applicationId: fake.applicationId, commands, api: fake.apiUrl });
    const first = fake.registeredCommands();
    await deployCommands({ token: fake.token, applicationId: fake.applicationId, commands: commands.slice(0, 2), api: fake.apiUrl });
    const second = fake.registeredCommands();
    expect(first).toHaveLength(commands.length);
    expect(second.map((c) => c.name)).toEqual(commands.slice(0, 2).map((c) => c.data.name));
    expect(second[0]?.id).toBe(first[0]?.id);
  });

  it('explains a refused token', async () => {
    await expect(deployCommands({ token: 'not-the-token', applicationId: fake.applicationId, commands, api: fake.apiUrl })).rejects.toThrow(
      /refused DISCORD_TOKEN/,
    );
  });

  it('has every command declare where Discord offers it (servers, DMs)', () => {
    for (const command of commands) {
      const contexts = (command.data as { contexts?: number[] }).contexts;
      expect(contexts, `/${command.data.name} declares where it can be used`).toBeDefined();
    }
  });
});

describe('/latest-talks', () => {
  it('lists the talks newest first, safely', async () => {
    const reply = await ask({ command: 'latest-talks' });
    expectSafeMessage(reply.message);
    expect(reply.ephemeral).toBe(false);
    const text = visibleText(reply.message);
    expect(text.indexOf('Moscow')).toBeLessThan(text.indexOf('Geneva'));
    expect(text).toContain('Geneva');
  });

  it('filters by side and person', async () => {
    const reply = await ask({ command: 'latest-talks', options: { side: 'RU', count: 3 } });
    expectSafeMessage(reply.message);
    const text = visibleText(reply.message);
    expect(text).toContain('Moscow');
    expect(text).not.toContain('Hallandale');
    const byPerson = await ask({ command: 'latest-talks', options: { person: 'Zelensky' } });
    expectSafeMessage(byPerson.message);
    expect(visibleText(byPerson.message)).toMatch(/No talks with/);
  });

  it('suggests sides and people as the user types', async () => {
    const sides = await suggest({ command: 'latest-talks', focused: { name: 'side', value: 'ukr' } });
    expect(sides.map((c) => c.value)).toContain('UA');
    const people = await suggest({ command: 'latest-talks', focused: { name: 'person', value: 'witk' } });
    expect(people.map((c) => c.name).join(' ')).toContain('Witkoff');
  });
});

describe('/who', () => {
  it('shows a profile with talks and quotes, mentions neutralised', async () => {
    const reply = await ask({ command: 'who', options: { name: 'Umerov' } });
    expectSafeMessage(reply.message);
    const text = visibleText(reply.message);
    expect(text).toContain('Rustem Umerov');
    expect(text).toContain('We made progress');
  });

  it('finds a person by a fuzzy prefix in autocomplete and by the chosen value', async () => {
    const choices = await suggest({ command: 'who', focused: { name: 'name', value: 'zelen' } });
    const zelensky = choices.find((c) => c.name.includes('Zelensky'));
    expect(zelensky).toBeDefined();
    const reply = await ask({ command: 'who', options: { name: String(zelensky!.value) } });
    expectSafeMessage(reply.message);
    expect(visibleText(reply.message)).toContain('Volodymyr Zelensky');
  });

  it('escapes markdown and fits a very long name', async () => {
    const choices = await suggest({ command: 'who', focused: { name: 'name', value: 'Aleksandr' } });
    expect(choices).toHaveLength(1);
    const reply = await ask({ command: 'who', options: { name: String(choices[0]!.value) } });
    expectSafeMessage(reply.message);
    // Footers are plain text in Discord (no markdown), so only the rendered parts must be escaped.
    const rendered = visibleText({ ...reply.message, embeds: reply.message.embeds.map(({ footer: _footer, ...embed }) => embed) });
    expect(rendered).not.toContain('**Maximilian**');
    expect(rendered).toContain('\\*\\*Maximilian\\*\\*');
    expect(rendered).not.toContain('||spoiler||');
  });

  it('tells the user, ephemerally, when nobody has that name', async () => {
    const reply = await ask({ command: 'who', options: { name: 'Nobody Atall' } });
    expectSafeMessage(reply.message);
    expect(reply.ephemeral).toBe(true);
    expect(reply.message.content).toMatch(/No one called/);
  });
});

describe('/event', () => {
  it('shows every source with its evidence sentence', async () => {
    const reply = await ask({ command: 'event', options: { id: eventIds[1]! } });
    expectSafeMessage(reply.message);
    const text = visibleText(reply.message);
    expect(text).toContain('Umerov and Witkoff held talks in Florida on Sunday.');
    expect(text).toContain('A follow-up round in Florida was announced.');
    expect(text).toContain('https://news.example.org/florida');
  });

  it('escapes markdown from the article', async () => {
    const reply = await ask({ command: 'event', options: { id: eventIds[0]! } });
    expectSafeMessage(reply.message);
    expect(visibleText(reply.message)).not.toMatch(/(^|[^\\])\*\*bold/);
  });

  it('says so, ephemerally, for an unknown id', async () => {
    const reply = await ask({ command: 'event', options: { id: 999_999 } });
    expectSafeMessage(reply.message);
    expect(reply.ephemeral).toBe(true);
  });
});

describe('/search, /sources and /help', () => {
  it('searches events and quotes', async () => {
    const reply = await ask({ command: 'search', options: { query: 'progress' } });
    expectSafeMessage(reply.message);
    expect(visibleText(reply.message)).toContain('We made progress');
  });

  it('searches for the hostile words themselves without pinging', async () => {
    const reply = await ask({ command: 'search', options: { query: 'everyone' } });
    expectSafeMessage(reply.message);
  });

  it('lists the feeds and their health', async () => {
    const reply = await ask({ command: 'sources' });
    expectSafeMessage(reply.message);
    const text = visibleText(reply.message);
    expect(text).toContain('Broken Feed');
    expect(text).toContain('Example News');
  });

  it('explains the commands, in a guild and in a DM', async () => {
    const reply = await ask({ command: 'help' });
    expectSafeMessage(reply.message);
    for (const command of commands) expect(visibleText(reply.message)).toContain(`/${command.data.name}`);
    const inDm = await ask({ command: 'help', dm: true });
    expectSafeMessage(inDm.message);
  });
});

describe('/digest', () => {
  const hasDigest = () => commands.some((c) => c.data.name === 'digest');
  const digestChannel = () => fake.guild.channels[1]!.id;

  it('is registered as guild-only with Manage Channels as the default permission for changes', () => {
    const digest = commands.find((c) => c.data.name === 'digest');
    expect(digest, 'commands/digest.ts is expected from the digest helper').toBeDefined();
    expect((digest!.data as { contexts?: number[] }).contexts).toEqual([0]);
  });

  it('refuses a member without Manage Channels who tries to subscribe, ephemerally', async () => {
    if (!hasDigest()) return expect.fail('commands/digest.ts is missing');
    const reply = await ask({ command: 'digest', subcommand: 'subscribe', channelId: digestChannel(), permissions: MEMBER_PERMISSIONS });
    expectSafeMessage(reply.message);
    expect(reply.ephemeral).toBe(true);
    expect(reply.message.content).toMatch(/Manage Channels/i);
    expect(await temp.store.digests.listSubscriptions({ channelId: digestChannel() })).toEqual([]);
  });

  it('lets a moderator subscribe, list, preview and unsubscribe', async () => {
    if (!hasDigest()) return expect.fail('commands/digest.ts is missing');
    const channelId = digestChannel();
    const subscribed = await ask({
      command: 'digest',
      subcommand: 'subscribe',
      channelId,
      options: { schedule: 'daily', time: '09:30' },
      permissions: MODERATOR_PERMISSIONS,
    });
    expectSafeMessage(subscribed.message);
    expect(visibleText(subscribed.message)).not.toContain(SOMETHING_WENT_WRONG);
    expect(await temp.store.digests.listSubscriptions({ channelId })).toHaveLength(1);
    const listed = await ask({ command: 'digest', subcommand: 'list', channelId });
    expectSafeMessage(listed.message);
    expect(visibleText(listed.message)).toContain('09:30');
    const preview = await ask({ command: 'digest', subcommand: 'preview', channelId });
    expectSafeMessage(preview.message);
    expect(visibleText(preview.message)).not.toContain(SOMETHING_WENT_WRONG);
    const refused = await ask({ command: 'digest', subcommand: 'unsubscribe', channelId, permissions: MEMBER_PERMISSIONS });
    expect(refused.ephemeral).toBe(true);
    expect(await temp.store.digests.listSubscriptions({ channelId })).toHaveLength(1);
    const removed = await ask({ command: 'digest', subcommand: 'unsubscribe', channelId, permissions: MODERATOR_PERMISSIONS });
    expectSafeMessage(removed.message);
    expect(await temp.store.digests.listSubscriptions({ channelId })).toEqual([]);
  });

  it('suggests schedules, time zones and people for subscribe', async () => {
    if (!hasDigest()) return expect.fail('commands/digest.ts is missing');
    const schedules = await suggest({
      command: 'digest',
      subcommand: 'subscribe',
      channelId: digestChannel(),
      focused: { name: 'schedule', value: 'week' },
    });
    expect(schedules.map((c) => String(c.value)).join(' ')).toMatch(/weekly/);
    const zones = await suggest({
      command: 'digest',
      subcommand: 'subscribe',
      channelId: digestChannel(),
      focused: { name: 'timezone', value: 'Kyiv' },
    });
    expect(zones.map((c) => c.value)).toContain('Europe/Kyiv');
    const people = await suggest({
      command: 'digest',
      subcommand: 'subscribe',
      channelId: digestChannel(),
      focused: { name: 'person', value: 'umer' },
    });
    expect(people.map((c) => c.name).join(' ')).toContain('Rustem Umerov');
  });

  it('is refused in a DM', async () => {
    if (!hasDigest()) return expect.fail('commands/digest.ts is missing');
    const reply = await ask({ command: 'digest', subcommand: 'list', dm: true });
    expect(reply.ephemeral).toBe(true);
    expect(reply.message?.content).toMatch(/server/);
  });
});

describe('every command with hostile article text', () => {
  it('answers without a single ping, within limits, and never with the generic error', async () => {
    const specs: Array<Parameters<FakeDiscord['chatInput']>[0]> = [
      { command: 'latest-talks', options: { count: 10 } },
      { command: 'who', options: { name: 'Umerov' } },
      { command: 'who', options: { name: `id:${personIds.get('long')}` } },
      ...eventIds.map((id) => ({ command: 'event', options: { id } })),
      { command: 'search', options: { query: 'Geneva' } },
      { command: 'sources' },
      { command: 'help' },
    ];
    for (const spec of specs) {
      const reply = await ask(spec);
      expectSafeMessage(reply.message);
      expect(visibleText(reply.message), `/${spec.command}`).not.toContain(SOMETHING_WENT_WRONG);
    }
  });
});

describe('/timeline', () => {
  it('defers, then edits in an embed that shows the attached PNG and says what it shows', async () => {
    const reply = await ask({ command: 'timeline', options: { from: '2025-11-01', to: '2025-12-10' } });
    expectSafeMessage(reply.message);
    expect(reply.deferred).toBe(true);
    expect(reply.ephemeral).toBe(false);
    const [embed] = reply.message!.embeds as Array<{ title?: string; description?: string; image?: { url?: string } }>;
    expect(embed?.image?.url).toBe('attachment://timeline.png');
    expect(embed?.description).toContain('A timeline of 3 talks from 1 Nov 2025 to 10 Dec 2025');
    const [attachment] = reply.message!.attachments;
    expect(attachment?.filename).toBe('timeline.png');
    expect(attachment?.contentType).toMatch(/^image\/png/);
    expect(attachment?.description).toMatch(/^A timeline of 3 talks/);
    const png = decodePng(attachment!.data);
    expect(png.width).toBe(1200);
  });

  it('answers an unknown person as /who does, and an empty range in words, with no picture', async () => {
    const who = await ask({ command: 'who', options: { name: 'Nobody Atall' } });
    const timeline = await ask({ command: 'timeline', options: { person: 'Nobody Atall' } });
    expect(timeline.ephemeral).toBe(true);
    expect(visibleText(timeline.message!)).toBe(visibleText(who.message!));
    const empty = await ask({ command: 'timeline', options: { from: '2024-01-01', to: '2024-01-31' } });
    expect(visibleText(empty.message!)).toMatch(/^No talks between 1 Jan 2024 and 31 Jan 2024\./);
    expect(empty.message!.attachments).toEqual([]);
  });
});

describe('every request Parley made', () => {
  it('sent each message body with allowed_mentions: { parse: [] }', () => {
    const messageBodies = fake.requests.filter(
      (r) =>
        (r.route === 'POST /interactions/:interactionId/:token/callback' && (r.body as { type?: number }).type === 4) ||
        r.route === 'PATCH /webhooks/:applicationId/:token/messages/@original' ||
        r.route === 'POST /webhooks/:applicationId/:token' ||
        r.route === 'POST /channels/:channelId/messages',
    );
    expect(messageBodies.length).toBeGreaterThan(20);
    for (const request of messageBodies) {
      const body = request.body as { type?: number; data?: { allowed_mentions?: unknown }; allowed_mentions?: unknown };
      expect(body.type === 4 ? body.data?.allowed_mentions : body.allowed_mentions, `${request.method} ${request.path}`).toEqual({
        parse: [],
      });
    }
  });

  it('never hit a route the fake does not know or got a refusal', () => {
    expect(fake.requests.filter((r) => r.route === 'unknown').map((r) => `${r.method} ${r.path}`)).toEqual([]);
    const refused = fake.requests.filter((r) => r.status >= 400 && r.headers.authorization !== 'Bot not-the-token');
    expect(refused.map((r) => `${r.status} ${r.method} ${r.path}`)).toEqual([]);
  });
});

describe('an empty store', () => {
  it('answers every read command helpfully', async () => {
    const empty = await openTempStore();
    const other = await startFakeDiscord();
    const emptyBot = await runBot({
      app: testApp(empty.store),
      token: other.token,
      applicationId: other.applicationId,
      rest: { api: other.apiUrl },
      commands,
    });
    try {
      const specs: Array<Parameters<FakeDiscord['chatInput']>[0]> = [
        { command: 'latest-talks' },
        { command: 'who', options: { name: 'Umerov' } },
        { command: 'event', options: { id: 1 } },
        { command: 'search', options: { query: 'talks' } },
        { command: 'sources' },
      ];
      for (const spec of specs) {
        const payload = other.chatInput(spec);
        await other.sendInteraction(payload);
        const reply = await other.waitForReply(payload.id);
        expectSafeMessage(reply.message);
        expect(visibleText(reply.message), `/${spec.command}`).not.toContain(SOMETHING_WENT_WRONG);
        expect(visibleText(reply.message).length).toBeGreaterThan(10);
      }
      const choices = other.autocomplete({ command: 'who', focused: { name: 'name', value: 'zel' } });
      await other.sendInteraction(choices);
      expect((await other.waitForReply(choices.id)).choices).toEqual([]);
    } finally {
      await emptyBot.stop();
      await other.close();
      await empty.cleanup();
    }
  });
});
