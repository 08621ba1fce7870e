// Digests that attach the timeline picture: digests.subscriptions[].picture and
// /digest subscribe picture:true, composed with the picture and posted through the delivery
// path as a multipart upload.
import BetterSqlite3 from 'better-sqlite3';
import { REST } from 'discord.js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import digest from '../commands/digest.ts';
import { createDiscordPoster } from '../src/bot/deliver.ts';
import { discordRestOptions } from '../src/bot/rest.ts';
import { parleyConfigSchema, type LoadedConfig } from '../src/config/schema.ts';
import { readConfiguredSubscriptions, syncConfiguredSubscriptions } from '../src/digest/configSync.ts';
import { composeSubscriptionDigest } from '../src/digest/contents.ts';
import { executeCommand } from '../src/interaction/execute.ts';
import { logger } from '../src/log.ts';
import { commandContext } from './support/commandContext.ts';
import { startFakeDiscord, type FakeDiscord } from './support/fakeDiscord/index.ts';
import { decodePng } from './support/png.ts';
import { GENEVA_AND_MIAMI, insertTalks } from './support/talksFixture.ts';
import { openTempStore, type TempStore } from './support/tempStore.ts';

const CHANNEL = '300000000000000003';
const UNTIL = new Date('2025-12-03T08:00:00Z');
const config = (subscriptions: unknown[] = []): LoadedConfig => ({
  dir: '/nonexistent',
  parley: parleyConfigSchema.parse({ digests: { subscriptions } }),
  people: [],
  places: [],
});
const window = { filters: {}, since: '2025-11-20T00:00:00.000Z', timeZone: 'UTC', notifyEmpty: false };

let temp: TempStore;
beforeEach(async () => {
  temp = await openTempStore();
  const db = new BetterSqlite3(temp.path);
  insertTalks(db, GENEVA_AND_MIAMI);
  db.close();
});
afterEach(async () => temp.cleanup());

describe('a digest with the picture', () => {
  it('attaches the timeline of its side, in an embed after the talks, and says what it shows', async () => {
    const reply = await composeSubscriptionDigest(temp.store, config(), { ...window, filters: { side: 'UA' }, picture: true }, UNTIL);
    expect(reply?.files).toHaveLength(1);
    const [file] = reply!.files!;
    expect(file!.name).toBe('timeline.png');
    expect(decodePng(file!.data).width).toBe(1200);
    expect(file!.description).toMatch(/^A timeline of 2 talks from 4 Oct 2025 to 3 Dec 2025/);
    const last = reply!.embeds!.at(-1)!;
    expect(last).toMatchObject({ title: 'Talks with Ukraine', image: 'timeline.png' });
    expect(reply!.embeds![0]!.title).toMatch(/^Talks held/);
  });

  it('is the same digest without files when the subscription does not ask for the picture', async () => {
    const plain = await composeSubscriptionDigest(temp.store, config(), window, UNTIL);
    expect(plain?.files).toBeUndefined();
    expect(plain?.embeds?.some((e) => e.image)).toBe(false);
  });

  it('keeps the digest when there is nothing to draw (a person no longer known)', async () => {
    const reply = await composeSubscriptionDigest(
      temp.store,
      config(),
      { ...window, filters: { person: 'Nobody Atall' }, picture: true, notifyEmpty: true },
      UNTIL,
    );
    expect(reply?.content).toMatch(/No new talks/);
    expect(reply?.files).toBeUndefined();
  });
});

describe('digests.subscriptions[].picture', () => {
  it('is read from the config and kept in step with it', async () => {
    const entry = { channelId: CHANNEL, schedule: 'weekly monday 08:00', side: 'UA' };
    const on = config([{ ...entry, picture: true }]);
    expect(readConfiguredSubscriptions(on).definitions[0]!.picture).toBe(true);
    expect(readConfiguredSubscriptions(config([entry])).definitions[0]!.picture).toBe(false);
    await syncConfiguredSubscriptions(temp.store, on, UNTIL, logger);
    expect((await temp.store.digests.listSubscriptions())[0]!.picture).toBe(true);
    const result = await syncConfiguredSubscriptions(temp.store, config([entry]), UNTIL, logger);
    expect(result).toMatchObject({ updated: 1 });
    expect((await temp.store.digests.listSubscriptions())[0]!.picture).toBe(false);
  });

  it('refuses a value that is not true or false', () => {
    expect(() =>
      parleyConfigSchema.parse({ digests: { subscriptions: [{ channelId: CHANNEL, schedule: 'daily', picture: 'yes' }] } }),
    ).toThrow();
  });
});

describe('/digest subscribe picture:true', () => {
  it('stores the wish, lists it, and a second subscribe can turn it off', async () => {
    const ctx = commandContext(temp.store);
    await executeCommand(digest, { subcommand: 'subscribe', values: { schedule: 'weekly monday', picture: true } }, ctx);
    expect((await temp.store.digests.listSubscriptions())[0]!.picture).toBe(true);
    const list = await executeCommand(digest, { subcommand: 'list', values: {} }, ctx);
    expect(JSON.stringify(list)).toContain('Attaches the timeline picture.');
    await executeCommand(digest, { subcommand: 'subscribe', values: { schedule: 'weekly monday', picture: false } }, ctx);
    const subscriptions = await temp.store.digests.listSubscriptions();
    expect(subscriptions).toHaveLength(1);
    expect(subscriptions[0]!.picture).toBe(false);
  });
});

describe('posting a digest with its picture', () => {
  let fake: FakeDiscord;
  let rest: REST;
  beforeAll(async () => {
    fake = await startFakeDiscord();
    rest = new REST(discordRestOptions(fake.apiUrl)).setToken(fake.token);
  });
  afterAll(async () => {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
    await fake.close();
  });

  it('uploads the PNG with the message, shown in its embed', async () => {
    const reply = await composeSubscriptionDigest(temp.store, config(), { ...window, picture: true }, UNTIL);
    const channel = fake.guild.channels[1]!.id;
    const { messageId } = await createDiscordPoster(rest).post(channel, reply!, {
      nonce: 'pdpicture0001',
      signal: new AbortController().signal,
    });
    const message = fake.messages(channel).find((m) => m.id === messageId)!;
    expect(message.attachments.map((a) => a.filename)).toEqual(['timeline.png']);
    expect(decodePng(message.attachments[0]!.data).width).toBe(1200);
    expect(message.attachments[0]!.description).toMatch(/^A timeline of 3 talks/);
    expect((message.embeds.at(-1) as { image?: { url?: string } }).image?.url).toBe('attachment://timeline.png');
    expect(message.allowedMentions).toEqual({ parse: [] });
  });
});
