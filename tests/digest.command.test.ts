import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import digest from '../commands/digest.ts';
import { executeAutocomplete, executeCommand } from '../src/interaction/execute.ts';
import type { CommandContext, Reply } from '../src/interaction/command.ts';
import { commandContext, TEST_NOW } from './support/commandContext.ts';
import { openTempStore, type TempStore } from './support/tempStore.ts';
import { DigestTimeline } from './support/digestTimeline.ts';

let temp: TempStore;

beforeEach(async () => {
  temp = await openTempStore();
});
afterEach(async () => {
  await temp.cleanup();
});

const run = (subcommand: string, values: Record<string, string | number | boolean | undefined>, ctx: CommandContext): Promise<Reply> =>
  executeCommand(digest, { subcommand, values }, ctx);

const everything = (reply: Reply) => JSON.stringify(reply);

describe('/digest definition', () => {
  it('needs Manage Channels by default and is offered in servers only', () => {
    expect(digest.data.default_member_permissions).toBe(String(PermissionFlagsBits.ManageChannels));
    expect(digest.data.contexts).toEqual([0]);
    expect((digest.data.options ?? []).map((o) => o.name)).toEqual(['subscribe', 'unsubscribe', 'list', 'preview']);
  });
});

describe('/digest subscribe', () => {
  it('subscribes the channel and says when the next digest comes', async () => {
    const ctx = commandContext(temp.store);
    const reply = await run('subscribe', { schedule: 'daily', time: '08:00', timezone: 'europe/kyiv', side: 'UA' }, ctx);
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(/Subscribed: digest #1 posts here daily 08:00 \(Europe\/Kyiv\)/);
    // TEST_NOW is 3 Dec 2025 12:00 UTC = 14:00 in Kyiv: the next 08:00 is the 4th, 06:00 UTC.
    expect(reply.content).toContain('Thu 4 Dec 08:00 (Europe/Kyiv)');
    expect(reply.content).toContain(`<t:${Date.parse('2025-12-04T06:00:00Z') / 1000}:R>`);
    const [subscription] = await temp.store.digests.listSubscriptions();
    expect(subscription).toMatchObject({
      cron: '0 8 * * *',
      timeZone: 'Europe/Kyiv',
      filters: { side: 'UA' },
      createdBy: ctx.invoker.userId,
      origin: 'command',
    });
    // The first digest covers the period since the previous slot (3 Dec 08:00 Kyiv).
    expect(subscription!.since).toBe('2025-12-03T06:00:00.000Z');
  });

  it('does not add the same digest twice', async () => {
    const ctx = commandContext(temp.store);
    await run('subscribe', { schedule: 'weekly monday 09:00' }, ctx);
    const again = await run('subscribe', { schedule: 'weekly mon', time: '09:00' }, ctx);
    expect(again.content).toMatch(/already has that digest \(#1\)/);
    expect(await temp.store.digests.countSubscriptions()).toBe(1);
  });

  it.each([
    [{ schedule: 'fortnightly' }, /is not a schedule/],
    [{ schedule: '0 25 * * *' }, /not a valid cron expression/],
    [{ schedule: 'daily', time: '8h' }, /not a time of day/],
    [{ timezone: 'Europe/Atlantis' }, /not an IANA time zone/],
    [{ side: 'Narnia' }, /not a side Parley knows/],
  ])('refuses %o clearly and ephemerally', async (values, message) => {
    const reply = await run('subscribe', values, commandContext(temp.store));
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(message);
    expect(await temp.store.digests.countSubscriptions()).toBe(0);
  });

  it('refuses a user without Manage Channels', async () => {
    const reply = await run('subscribe', {}, commandContext(temp.store, { permissions: { manageChannels: false, manageGuild: false } }));
    expect(reply).toMatchObject({ ephemeral: true });
    expect(reply.content).toMatch(/Manage Channels/);
    expect(await temp.store.digests.countSubscriptions()).toBe(0);
  });

  it('refuses a channel the bot cannot post in', async () => {
    const ctx = { ...commandContext(temp.store), canPost: async () => false };
    const reply = await run('subscribe', {}, ctx);
    expect(reply.content).toMatch(/cannot post in this channel/);
    expect(await temp.store.digests.countSubscriptions()).toBe(0);
  });

  it('refuses an eleventh digest in one channel', async () => {
    const ctx = commandContext(temp.store);
    for (let hour = 0; hour < 10; hour++)
      expect((await run('subscribe', { schedule: `daily ${hour}:00` }, ctx)).content).toMatch(/Subscribed/);
    const reply = await run('subscribe', { schedule: 'daily 11:00' }, ctx);
    expect(reply.content).toMatch(/already has 10 digests/);
    expect(await temp.store.digests.countSubscriptions()).toBe(10);
  });

  it('refuses direct messages', async () => {
    const reply = await run('subscribe', {}, commandContext(temp.store, { guildId: null }));
    expect(reply.content).toMatch(/server channel/);
  });

  it('follows a person by the canonical name when Parley knows them, and by the typed name when not yet', async () => {
    const timeline = new DigestTimeline(temp.path);
    timeline.person('Andrii Sybiha', 'UA', '2025-12-01T00:00:00.000Z', ['Andriy Sybiha']);
    timeline.close();
    const ctx = commandContext(temp.store);
    await run('subscribe', { person: 'Andriy Sybiha' }, ctx);
    const unknown = await run('subscribe', { person: 'Jane Newcomer' }, ctx);
    expect(unknown.content).toMatch(/has not seen anyone called “Jane Newcomer” yet/);
    const filters = (await temp.store.digests.listSubscriptions()).map((s) => s.filters.person);
    expect(filters).toEqual(['Andrii Sybiha', 'Jane Newcomer']);
  });
});

describe('/digest unsubscribe and list', () => {
  it('lists the channel’s digests with their next run, and server-wide with Manage Server', async () => {
    const ctx = commandContext(temp.store);
    await run('subscribe', { schedule: 'daily 07:30', timezone: 'UTC' }, ctx);
    await run('subscribe', { schedule: 'daily 07:30', timezone: 'UTC' }, commandContext(temp.store, { channelId: '300000000000000099' }));

    const channelOnly = await run('list', {}, commandContext(temp.store, { permissions: { manageChannels: true, manageGuild: false } }));
    expect(channelOnly.embeds![0]!.title).toBe('Digests in this channel');
    expect(channelOnly.embeds![0]!.fields).toHaveLength(1);
    expect(channelOnly.embeds![0]!.fields![0]!.value).toContain('Next: Thu 4 Dec 07:30 (UTC)');

    const serverWide = await run('list', {}, ctx);
    expect(serverWide.embeds![0]!.title).toBe('Digests in this server');
    expect(serverWide.embeds![0]!.fields).toHaveLength(2);
    expect(serverWide.embeds![0]!.fields![1]!.value).toContain('<#300000000000000099>');
  });

  it('shows a disabled digest with its reason', async () => {
    const ctx = commandContext(temp.store);
    await run('subscribe', {}, ctx);
    const [subscription] = await temp.store.digests.listSubscriptions();
    for (let i = 0; i < 3; i++) {
      const { run: digestRun } = await temp.store.digests.recordRun(
        subscription!.id,
        `2025-12-0${i + 1}T08:00:00.000Z`,
        `n${i}`,
        TEST_NOW.toISOString(),
        TEST_NOW.toISOString(),
      );
      await temp.store.digests.markRunFailed(digestRun.id, 'Discord refused the post (403 Missing Permissions)', TEST_NOW.toISOString(), {
        channelFault: true,
        disableAfter: 3,
      });
    }
    const reply = await run('list', {}, ctx);
    const field = reply.embeds![0]!.fields![0]!;
    expect(field.name).toBe('Digest #1 (disabled)');
    expect(field.value).toMatch(/Disabled\*\* after 3 failed deliveries: Discord refused the post \(403 Missing Permissions\)/);
  });

  it('unsubscribes the only digest of the channel, or the one named by id', async () => {
    const ctx = commandContext(temp.store);
    await run('subscribe', { schedule: 'daily 07:00' }, ctx);
    await run('subscribe', { schedule: 'daily 19:00' }, ctx);
    const ambiguous = await run('unsubscribe', {}, ctx);
    expect(ambiguous.content).toMatch(/2 digests \(#1, #2\)/);
    const done = await run('unsubscribe', { id: '#2' }, ctx);
    expect(done.content).toMatch(/Unsubscribed: digest #2/);
    const last = await run('unsubscribe', {}, ctx);
    expect(last.content).toMatch(/Unsubscribed: digest #1/);
    expect(await temp.store.digests.countSubscriptions()).toBe(0);
  });

  it('will not remove another channel’s digest without Manage Server, nor a configured one', async () => {
    await run('subscribe', {}, commandContext(temp.store, { channelId: '300000000000000099' }));
    const reply = await run(
      'unsubscribe',
      { id: '1' },
      commandContext(temp.store, { permissions: { manageChannels: true, manageGuild: false } }),
    );
    expect(reply.content).toMatch(/no digest #1 in this channel/);
    await temp.store.digests.syncConfigSubscriptions(
      [
        {
          guildId: '200000000000000002',
          channelId: '300000000000000003',
          cron: '0 8 * * *',
          scheduleLabel: 'daily 08:00',
          timeZone: 'UTC',
          filters: {},
          notifyEmpty: false,
        },
      ],
      TEST_NOW.toISOString(),
      () => TEST_NOW.toISOString(),
    );
    const configured = await run('unsubscribe', { id: '2' }, commandContext(temp.store));
    expect(configured.content).toMatch(/declared in the operator’s config/);
    expect(await temp.store.digests.countSubscriptions()).toBe(2);
  });
});

describe('/digest preview', () => {
  it('shows ephemerally what the channel’s next digest would hold now', async () => {
    const timeline = new DigestTimeline(temp.path);
    const article = timeline.article({ url: 'https://news.example/x', title: 'x', fetchedAt: '2025-12-03T09:00:00.000Z' });
    timeline.event({
      status: 'held',
      date: '2025-12-03',
      city: 'Geneva',
      country: 'CH',
      sides: ['UA', 'US'],
      sources: [{ article, evidence: 'They met in Geneva @everyone.' }],
      summary: 'Geneva round @everyone',
      at: '2025-12-03T09:00:00.000Z',
    });
    timeline.event({
      status: 'held',
      date: '2025-12-03',
      city: 'Ankara',
      country: 'TR',
      sides: ['TR', 'RU'],
      sources: [{ article, evidence: 'They met in Ankara.' }],
      summary: 'Ankara round',
      at: '2025-12-03T09:00:00.000Z',
    });
    timeline.close();
    const ctx = commandContext(temp.store);
    await run('subscribe', { side: 'UA', timezone: 'UTC' }, ctx);
    const reply = await run('preview', {}, ctx);
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(/^Preview of digest #1/);
    expect(everything(reply)).toContain('Geneva');
    expect(everything(reply)).not.toContain('Ankara');
    expect(everything(reply)).not.toContain('@everyone');
    // A preview changes nothing.
    expect(await temp.store.digests.runsFor(1)).toEqual([]);
  });

  it('without a digest in the channel, previews a daily digest and says so', async () => {
    const reply = await run('preview', {}, commandContext(temp.store));
    expect(reply.content).toMatch(/no digest yet/);
    expect(reply.content).toMatch(/No new talks since/);
  });
});

describe('/digest autocomplete', () => {
  it('suggests time zones, schedules and the channel’s digests', async () => {
    const ctx = commandContext(temp.store);
    const zones = await executeAutocomplete(digest, { name: 'timezone', value: 'kyi' }, { subcommand: 'subscribe', values: {} }, ctx);
    expect(zones.map((z) => z.value)).toContain('Europe/Kyiv');
    const schedules = await executeAutocomplete(digest, { name: 'schedule', value: 'week' }, { subcommand: 'subscribe', values: {} }, ctx);
    expect(schedules.map((s) => s.value)).toEqual(['weekly monday', 'weekly friday']);
    await run('subscribe', {}, ctx);
    const ids = await executeAutocomplete(digest, { name: 'id', value: '' }, { subcommand: 'unsubscribe', values: {} }, ctx);
    expect(ids).toEqual([{ name: '#1 daily 08:00 (UTC)', value: '1' }]);
  });
});
