import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import alerts, { parseKinds } from '../commands/alerts.ts';
import { executeAutocomplete, executeCommand } from '../src/interaction/execute.ts';
import type { CommandContext, Reply } from '../src/interaction/command.ts';
import { commandContext } from './support/commandContext.ts';
import { openTempStore, type TempStore } from './support/tempStore.ts';

let temp: TempStore;
beforeEach(async () => {
  temp = await openTempStore();
});
afterEach(async () => {
  await temp.cleanup();
});

const run = (subcommand: string, values: Record<string, string | number | boolean | undefined>, ctx: CommandContext): Promise<Reply> =>
  executeCommand(alerts, { subcommand, values }, ctx);

describe('/alerts', () => {
  it('needs Manage Channels by default and is offered in servers only', () => {
    expect(alerts.data.default_member_permissions).toBe(String(PermissionFlagsBits.ManageChannels));
    expect(alerts.data.contexts).toEqual([0]);
    expect((alerts.data.options ?? []).map((o) => o.name)).toEqual(['subscribe', 'unsubscribe', 'list']);
  });

  it('subscribes the channel with filters and kinds, once', async () => {
    const ctx = commandContext(temp.store);
    const reply = await run('subscribe', { side: 'ukraine', keywords: 'ceasefire, prisoners', kinds: 'held, status' }, ctx);
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(/Subscribed: alert #1/);
    expect(reply.content).toContain('new talks reported as held, status changes');
    expect(reply.content).toContain('at most 10 posts an hour');
    const [subscription] = await temp.store.alerts.listSubscriptions();
    expect(subscription).toMatchObject({
      channelId: ctx.invoker.channelId,
      guildId: ctx.invoker.guildId,
      filters: { side: 'UA', keywords: 'ceasefire, prisoners' },
      kinds: ['held', 'status'],
      origin: 'command',
    });
    const again = await run('subscribe', { side: 'UA', keywords: 'ceasefire, prisoners', kinds: 'status,held' }, ctx);
    expect(again.content).toMatch(/already has that alert \(#1\)/);
    expect(await temp.store.alerts.countSubscriptions()).toBe(1);
  });

  it('refuses unknown kinds, members without Manage Channels, and DMs, with a clear reason', async () => {
    expect(await run('subscribe', { kinds: 'held, @everyone' }, commandContext(temp.store))).toMatchObject({
      outcome: 'refused',
      content: expect.stringMatching(/is not a kind of alert/),
    });
    expect(
      await run('subscribe', {}, commandContext(temp.store, { permissions: { manageChannels: false, manageGuild: false } })),
    ).toMatchObject({ outcome: 'refused', content: expect.stringMatching(/Manage Channels/) });
    expect(await run('subscribe', {}, commandContext(temp.store, { guildId: null, channelId: null }))).toMatchObject({
      outcome: 'refused',
      content: expect.stringMatching(/per server channel/),
    });
    expect(await temp.store.alerts.countSubscriptions()).toBe(0);
    expect(parseKinds(undefined)).toEqual(['held', 'planned', 'status', 'participants']);
    expect(parseKinds('ALL')).toEqual(['held', 'planned', 'status', 'participants']);
    expect(parseKinds('participants planned')).toEqual(['planned', 'participants']);
  });

  it('lists and unsubscribes; config-declared alerts stay', async () => {
    const ctx = commandContext(temp.store);
    await run('subscribe', { kinds: 'planned' }, ctx);
    await temp.store.alerts.syncConfigSubscriptions(
      [{ guildId: ctx.invoker.guildId, channelId: ctx.invoker.channelId!, filters: {}, kinds: ['held'] }],
      '2025-12-03T12:00:00.000Z',
    );
    const listed = JSON.stringify(await run('list', {}, ctx));
    expect(listed).toContain('Alert #1');
    expect(listed).toContain('Alert #2');
    expect(listed).toContain('operator’s config');
    expect(await run('unsubscribe', { id: '2' }, ctx)).toMatchObject({
      outcome: 'refused',
      content: expect.stringMatching(/declared in the operator’s config/),
    });
    expect((await run('unsubscribe', {}, ctx)).content).toMatch(/Unsubscribed: alert #1/);
    expect((await temp.store.alerts.listSubscriptions()).map((s) => s.id)).toEqual([2]);
  });

  it('completes kinds after the ones already typed', async () => {
    const ctx = commandContext(temp.store);
    const choices = await executeAutocomplete(alerts, { name: 'kinds', value: 'held, st' }, { subcommand: 'subscribe', values: {} }, ctx);
    expect(choices.map((c) => c.value)).toEqual(['held, status']);
  });
});
