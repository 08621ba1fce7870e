import { describe, expect, it } from 'vitest';
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { parseCommandLine, runCommandLine } from '../src/interaction/commandLine.ts';
import { UserFacingError, type Command, type CommandContext } from '../src/interaction/command.ts';
import { logger } from '../src/log.ts';

const who = {
  data: {
    name: 'who',
    description: 'A person',
    options: [{ type: ApplicationCommandOptionType.String, name: 'name', description: 'Name', required: true, max_length: 40 }],
  },
  async execute(options) {
    if (options.values.name === 'boom') throw new Error('database exploded');
    if (options.values.name === 'nobody') throw new UserFacingError('No one called nobody');
    return { content: `profile of ${String(options.values.name)}` };
  },
} satisfies Command;

const latest = {
  data: {
    name: 'latest-talks',
    description: 'Latest',
    options: [
      { type: ApplicationCommandOptionType.Integer, name: 'count', description: 'How many', min_value: 1, max_value: 10 },
      { type: ApplicationCommandOptionType.String, name: 'side', description: 'Side', max_length: 2 },
      { type: ApplicationCommandOptionType.String, name: 'person', description: 'Person', max_length: 100 },
      { type: ApplicationCommandOptionType.Boolean, name: 'planned', description: 'Planned only' },
    ],
  },
  async execute() {
    return { content: 'ok' };
  },
} satisfies Command;

const digest = {
  data: {
    name: 'digest',
    description: 'Digests',
    options: [
      { type: ApplicationCommandOptionType.Subcommand, name: 'list', description: 'List' },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'subscribe',
        description: 'Subscribe',
        options: [{ type: ApplicationCommandOptionType.String, name: 'time', description: 'HH:MM', max_length: 5 }],
      },
    ],
  },
  async execute(options) {
    return { content: `digest ${options.subcommand}` };
  },
} satisfies Command;

const commands: Command[] = [who, latest, digest];

describe('parseCommandLine', () => {
  it('reads a simple option', () => {
    const parsed = parseCommandLine('/who name:Umerov', commands);
    expect(parsed.command.data.name).toBe('who');
    expect(parsed.options).toEqual({ values: { name: 'Umerov' } });
  });

  it('reads several typed options', () => {
    const parsed = parseCommandLine('/latest-talks count:3 side:UA planned:yes', commands);
    expect(parsed.options.values).toEqual({ count: 3, side: 'UA', planned: true });
  });

  it('reads quoted values with spaces and escaped quotes', () => {
    expect(parseCommandLine('/who name:"Jared Kushner"', commands).options.values.name).toBe('Jared Kushner');
    expect(parseCommandLine("/who name:'The \\'envoy\\''", commands).options.values.name).toBe("The 'envoy'");
  });

  it('lets an unquoted value run up to the next option', () => {
    expect(parseCommandLine('/latest-talks person:Marco Rubio count:2', commands).options.values).toEqual({
      person: 'Marco Rubio',
      count: 2,
    });
  });

  it('reads a subcommand and its options', () => {
    expect(parseCommandLine('/digest list', commands).options).toEqual({ subcommand: 'list', values: {} });
    expect(parseCommandLine('/digest subscribe time:08:00', commands).options).toEqual({
      subcommand: 'subscribe',
      values: { time: '08:00' },
    });
  });

  it('takes a value without a name for the only required option', () => {
    expect(parseCommandLine('/who Jared Kushner', commands).options.values).toEqual({ name: 'Jared Kushner' });
    expect(parseCommandLine('/who "Marco Rubio"', commands).options.values).toEqual({ name: 'Marco Rubio' });
    expect(parseCommandLine('/who re:think', commands).options.values).toEqual({ name: 're:think' });
    expect(parseCommandLine('/digest subscribe 07:30', commands).options).toEqual({ subcommand: 'subscribe', values: { time: '07:30' } });
  });

  it('does not guess a name when several options could take the value', () => {
    expect(() => parseCommandLine('/latest-talks Rubio', commands)).toThrow(/Expected an option as name:value at "Rubio"/);
  });

  it('names the unknown command and lists the known ones', () => {
    expect(() => parseCommandLine('/whom name:x', commands)).toThrow(/Unknown command "\/whom".*\/who/);
  });

  it('names an unknown option and lists the real ones', () => {
    expect(() => parseCommandLine('/latest-talks nick:x', commands)).toThrow(/no option "nick".*count, side, person, planned/);
  });

  it('checks numbers against the definition', () => {
    expect(() => parseCommandLine('/latest-talks count:three', commands)).toThrow(/whole number/);
    expect(() => parseCommandLine('/latest-talks count:50', commands)).toThrow(/at most 10/);
    expect(() => parseCommandLine('/latest-talks count:0', commands)).toThrow(/at least 1/);
  });

  it('checks string length and required options', () => {
    expect(() => parseCommandLine('/latest-talks side:Ukraine', commands)).toThrow(/at most 2 characters/);
    expect(() => parseCommandLine('/who', commands)).toThrow(/needs the option "name"/);
  });

  it('asks for a subcommand when one is missing or unknown', () => {
    expect(() => parseCommandLine('/digest', commands)).toThrow(/needs a subcommand: list, subscribe/);
    expect(() => parseCommandLine('/digest delete', commands)).toThrow(/Unknown subcommand "delete"/);
  });

  it('refuses a value with an unclosed quote', () => {
    expect(() => parseCommandLine('/who name:"Jared', commands)).toThrow(/no closing/);
  });
});

describe('runCommandLine', () => {
  const ctx = {
    store: {} as CommandContext['store'],
    config: () => {
      throw new Error('unused');
    },
    now: () => new Date('2025-12-01T00:00:00Z'),
    invoker: { userId: 'console', guildId: null, channelId: null, permissions: { manageChannels: true, manageGuild: true } },
    logger,
  } satisfies CommandContext;

  it('runs the handler', async () => {
    expect(await runCommandLine('/who name:Umerov', commands, ctx)).toEqual({ content: 'profile of Umerov' });
  });

  it('turns a parse error into an ephemeral reply', async () => {
    const reply = await runCommandLine('/nope', commands, ctx);
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(/Unknown command/);
  });

  it('shows a user-facing error and hides an internal one', async () => {
    expect(await runCommandLine('/who name:nobody', commands, ctx)).toEqual({
      content: 'No one called nobody',
      ephemeral: true,
      outcome: 'refused',
    });
    const internal = await runCommandLine('/who name:boom', commands, ctx);
    expect(internal.ephemeral).toBe(true);
    expect(internal.content).toMatch(/^Something went wrong/);
    expect(internal.content).not.toMatch(/exploded/);
  });
});
