import { describe, expect, it } from 'vitest';
import { commandOptionsFromInteraction, focusedOption } from '../src/bot/options.ts';
import { invokerFromInteraction } from '../src/bot/invoker.ts';
import { isGuildOnly } from '../src/bot/guildOnly.ts';
import type { Command } from '../src/interaction/command.ts';

describe('commandOptionsFromInteraction', () => {
  it('reads plain options by name', () => {
    expect(
      commandOptionsFromInteraction([
        { name: 'count', type: 4, value: 3 },
        { name: 'side', type: 3, value: 'UA' },
      ]),
    ).toEqual({
      values: { count: 3, side: 'UA' },
    });
  });

  it('reads the subcommand and the options under it', () => {
    const data = [
      {
        name: 'subscribe',
        type: 1,
        options: [
          { name: 'channel', type: 7, value: '123456789012345678' },
          { name: 'time', type: 3, value: '08:00' },
        ],
      },
    ];
    expect(commandOptionsFromInteraction(data)).toEqual({
      subcommand: 'subscribe',
      values: { channel: '123456789012345678', time: '08:00' },
    });
  });

  it('names a subcommand inside a group "group subcommand"', () => {
    const data = [{ name: 'admin', type: 2, options: [{ name: 'reset', type: 1, options: [{ name: 'force', type: 5, value: true }] }] }];
    expect(commandOptionsFromInteraction(data)).toEqual({ subcommand: 'admin reset', values: { force: true } });
  });

  it('has no subcommand and no values when the user gave none', () => {
    expect(commandOptionsFromInteraction([])).toEqual({ values: {} });
  });
});

describe('focusedOption', () => {
  it('finds the option being typed, even under a subcommand', () => {
    const data = [{ name: 'subscribe', type: 1, options: [{ name: 'person', type: 3, value: 'zel', focused: true }] }];
    expect(focusedOption(data)).toEqual({ name: 'person', value: 'zel' });
  });

  it('turns a partly typed number into text', () => {
    expect(focusedOption([{ name: 'id', type: 4, value: 12, focused: true }])).toEqual({ name: 'id', value: '12' });
  });

  it('is null when nothing is focused', () => {
    expect(focusedOption([{ name: 'name', type: 3, value: 'x' }])).toBeNull();
  });
});

describe('invokerFromInteraction', () => {
  const has = (granted: bigint) => ({ has: (p: bigint) => (granted & p) === p });

  it('gives Manage Channels to a member who has it in the channel', () => {
    const invoker = invokerFromInteraction({ user: { id: '1' }, guildId: '2', channelId: '3', memberPermissions: has(1n << 4n) });
    expect(invoker).toEqual({ userId: '1', guildId: '2', channelId: '3', permissions: { manageChannels: true, manageGuild: false } });
  });

  it('gives no permissions in a DM', () => {
    const invoker = invokerFromInteraction({ user: { id: '1' }, guildId: null, channelId: '9', memberPermissions: null });
    expect(invoker.permissions).toEqual({ manageChannels: false, manageGuild: false });
  });
});

describe('isGuildOnly', () => {
  const command = (data: Record<string, unknown>) => ({ data: { name: 'x', description: 'x', ...data } }) as unknown as Command;

  it('is guild-only when registered for the Guild context alone', () => {
    expect(isGuildOnly(command({ contexts: [0] }))).toBe(true);
    expect(isGuildOnly(command({ contexts: [0, 1] }))).toBe(false);
  });

  it('honours the older dm_permission: false', () => {
    expect(isGuildOnly(command({ dm_permission: false }))).toBe(true);
    expect(isGuildOnly(command({}))).toBe(false);
  });
});
