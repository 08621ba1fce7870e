// Slash commands typed as text, for console mode and `parley ask`:
//   /latest-talks count:3 side:UA      /who name:"Jared Kushner"      /digest list
// Values are checked against the command's definition the way Discord would check them.
import { ApplicationCommandOptionType, type APIApplicationCommandOption } from 'discord-api-types/v10';
import type { Command, CommandContext, CommandOptions, Reply } from './command.ts';
import { UserFacingError } from './command.ts';
import { executeCommand } from './execute.ts';

export interface ParsedCommandLine {
  command: Command;
  options: CommandOptions;
}

export class CommandLineError extends UserFacingError {
  override name = 'CommandLineError';
}

type ValueOption = Extract<
  APIApplicationCommandOption,
  { type: Exclude<ApplicationCommandOptionType, ApplicationCommandOptionType.Subcommand | ApplicationCommandOptionType.SubcommandGroup> }
>;

/** Parses one typed command line against the known commands; throws CommandLineError with a helpful message. */
export function parseCommandLine(line: string, commands: readonly Command[]): ParsedCommandLine {
  const trimmed = line.trim();
  const head = /^\/?([^\s]+)/.exec(trimmed);
  if (!head) throw new CommandLineError('Type a command, for example `/help`.');
  const name = head[1]!.toLowerCase();
  const command = commands.find((c) => c.data.name === name);
  if (!command) {
    const known = commands.map((c) => `/${c.data.name}`).join(', ');
    throw new CommandLineError(`Unknown command "/${name}". Known commands: ${known}.`);
  }
  let rest = trimmed.slice(head[0].length).trim();

  const topOptions = (command.data.options ?? []) as APIApplicationCommandOption[];
  const subcommands = topOptions.filter((o) => o.type === ApplicationCommandOptionType.Subcommand);
  let subcommand: string | undefined;
  let valueOptions: ValueOption[] = topOptions.filter(isValueOption);
  if (subcommands.length > 0) {
    const word = /^([^\s:]+)(?=\s|$)/.exec(rest);
    const chosen = word ? subcommands.find((s) => s.name === word[1]!.toLowerCase()) : undefined;
    const names = subcommands.map((s) => s.name).join(', ');
    if (!word) throw new CommandLineError(`/${command.data.name} needs a subcommand: ${names}.`);
    if (!chosen) throw new CommandLineError(`Unknown subcommand "${word[1]}" for /${command.data.name}. Use one of: ${names}.`);
    subcommand = chosen.name;
    valueOptions = (chosen.options ?? []).filter(isValueOption);
    rest = rest.slice(word[0].length).trim();
  }

  const values: CommandOptions['values'] = {};
  const label = `/${command.data.name}${subcommand ? ` ${subcommand}` : ''}`;
  for (const { key, raw } of splitOptionPairs(rest, valueOptions, label, positionalOption(valueOptions))) {
    const option = valueOptions.find((o) => o.name === key.toLowerCase());
    if (!option) {
      const known = valueOptions.map((o) => o.name).join(', ') || 'none';
      throw new CommandLineError(`${label} has no option "${key}". Its options: ${known}.`);
    }
    if (values[option.name] !== undefined) throw new CommandLineError(`The option "${option.name}" is given twice.`);
    values[option.name] = convertValue(option, raw);
  }
  for (const option of valueOptions) {
    if (option.required && values[option.name] === undefined) {
      throw new CommandLineError(`${label} needs the option "${option.name}" (${option.description}), e.g. \`${label} ${option.name}:…\`.`);
    }
  }
  return { command, options: subcommand === undefined ? { values } : { subcommand, values } };
}

/** Parses and runs a command line; parse errors become ephemeral replies, like the bot's. */
export async function runCommandLine(line: string, commands: readonly Command[], ctx: CommandContext): Promise<Reply> {
  let parsed: ParsedCommandLine;
  try {
    parsed = parseCommandLine(line, commands);
  } catch (error) {
    if (error instanceof UserFacingError) return { content: error.message, ephemeral: true, outcome: 'usage' };
    throw error;
  }
  return executeCommand(parsed.command, parsed.options, ctx);
}

/**
 * The option a value may be typed for without its name ("/who Umerov", "/event 12"): the only
 * required option, or the only option.
 */
function positionalOption(options: readonly ValueOption[]): ValueOption | undefined {
  const required = options.filter((o) => o.required);
  if (required.length === 1) return required[0];
  return options.length === 1 ? options[0] : undefined;
}

function isValueOption(option: APIApplicationCommandOption): option is ValueOption {
  return option.type !== ApplicationCommandOptionType.Subcommand && option.type !== ApplicationCommandOptionType.SubcommandGroup;
}

/**
 * Splits `key:value key:"quoted value" key:two words` into pairs. An unquoted value runs until
 * the next known option name followed by ":", so `/who name:Jared Kushner` needs no quotes.
 */
function splitOptionPairs(
  text: string,
  options: readonly ValueOption[],
  label: string,
  positional?: ValueOption,
): Array<{ key: string; raw: string }> {
  const pairs: Array<{ key: string; raw: string }> = [];
  let rest = text;
  const leadingKey = /^([^\s:"']+):/.exec(rest)?.[1]?.toLowerCase();
  if (rest && positional && !options.some((o) => o.name === leadingKey)) {
    // A leading value without a name belongs to the positional option.
    rest = `${positional.name}:${rest}`;
  }
  while (rest.length > 0) {
    const keyMatch = /^([^\s:"']+):/.exec(rest);
    if (!keyMatch) {
      const word = rest.split(/\s+/)[0];
      throw new CommandLineError(
        `Expected an option as name:value at "${word}". ${label} options: ${options.map((o) => o.name).join(', ') || 'none'}.`,
      );
    }
    const key = keyMatch[1]!;
    rest = rest.slice(keyMatch[0].length);
    const quote = rest[0];
    if (quote === '"' || quote === "'") {
      let value = '';
      let i = 1;
      for (; i < rest.length && rest[i] !== quote; i += 1) {
        if (rest[i] === '\\' && (rest[i + 1] === quote || rest[i + 1] === '\\')) i += 1;
        value += rest[i];
      }
      if (i >= rest.length) throw new CommandLineError(`The value of "${key}" has an opening ${quote} but no closing one.`);
      pairs.push({ key, raw: value });
      rest = rest.slice(i + 1);
      if (rest && !/^\s/.test(rest)) throw new CommandLineError(`Put a space after the closing quote of "${key}".`);
      rest = rest.trimStart();
      continue;
    }
    const next = nextOptionStart(rest, options);
    pairs.push({ key, raw: rest.slice(0, next).trim() });
    rest = rest.slice(next).trimStart();
  }
  return pairs;
}

function nextOptionStart(text: string, options: readonly ValueOption[]): number {
  let best = text.length;
  for (const option of options) {
    const match = new RegExp(`\\s${escapeRegExp(option.name)}:`, 'i').exec(text);
    if (match && match.index < best) best = match.index;
  }
  return best;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function convertValue(option: ValueOption, raw: string): string | number | boolean {
  const name = option.name;
  if (raw === '') throw new CommandLineError(`The option "${name}" has no value.`);
  switch (option.type) {
    case ApplicationCommandOptionType.String: {
      const min = option.min_length ?? 0;
      const max = option.max_length ?? 6000;
      if (raw.length < min) throw new CommandLineError(`"${name}" must be at least ${min} characters long.`);
      if (raw.length > max) throw new CommandLineError(`"${name}" must be at most ${max} characters long (it has ${raw.length}).`);
      if (option.choices?.length && !option.choices.some((c) => c.value === raw)) {
        throw new CommandLineError(`"${name}" must be one of: ${option.choices.map((c) => c.value).join(', ')}.`);
      }
      return raw;
    }
    case ApplicationCommandOptionType.Integer:
    case ApplicationCommandOptionType.Number: {
      const integer = option.type === ApplicationCommandOptionType.Integer;
      const pattern = integer ? /^[-+]?\d+$/ : /^[-+]?(\d+\.?\d*|\.\d+)$/;
      if (!pattern.test(raw)) throw new CommandLineError(`"${name}" must be ${integer ? 'a whole number' : 'a number'}, not "${raw}".`);
      const value = Number(raw);
      if (integer && !Number.isSafeInteger(value)) throw new CommandLineError(`"${name}" is too large.`);
      if (option.min_value !== undefined && value < option.min_value)
        throw new CommandLineError(`"${name}" must be at least ${option.min_value}.`);
      if (option.max_value !== undefined && value > option.max_value)
        throw new CommandLineError(`"${name}" must be at most ${option.max_value}.`);
      if (option.choices?.length && !option.choices.some((c) => c.value === value)) {
        throw new CommandLineError(`"${name}" must be one of: ${option.choices.map((c) => c.value).join(', ')}.`);
      }
      return value;
    }
    case ApplicationCommandOptionType.Boolean: {
      const lowered = raw.toLowerCase();
      if (['true', 'yes', 'on', '1'].includes(lowered)) return true;
      if (['false', 'no', 'off', '0'].includes(lowered)) return false;
      throw new CommandLineError(`"${name}" must be true or false, not "${raw}".`);
    }
    case ApplicationCommandOptionType.User:
    case ApplicationCommandOptionType.Channel:
    case ApplicationCommandOptionType.Role:
    case ApplicationCommandOptionType.Mentionable: {
      // Discord resolves these to ids; accept an id or a mention such as <#123> or <@123>.
      const id = /^(?:<(?:@[!&]?|#))?(\d{1,20})>?$/.exec(raw)?.[1];
      if (!id) throw new CommandLineError(`"${name}" must be an id or a mention such as <#123456789012345678>.`);
      return id;
    }
    case ApplicationCommandOptionType.Attachment:
      throw new CommandLineError(`"${name}" is a file upload, which only works in Discord.`);
  }
}
