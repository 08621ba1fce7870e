// Turns Discord's nested interaction options into the transport-neutral CommandOptions that
// handlers see: the subcommand by name and the values by option name.
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { CommandOptions } from '../interaction/command.ts';

/** The part of a discord.js CommandInteractionOption (or the raw API option) that Parley reads. */
export interface InteractionOptionLike {
  name: string;
  type: number;
  value?: string | number | boolean | null;
  focused?: boolean;
  options?: readonly InteractionOptionLike[];
}

/**
 * Flattens the option tree. A subcommand inside a group is named "group subcommand" so that no
 * two subcommands collide; Parley's commands use no groups today.
 */
export function commandOptionsFromInteraction(data: readonly InteractionOptionLike[]): CommandOptions {
  const result: CommandOptions = { values: {} };
  const walk = (options: readonly InteractionOptionLike[], group: string | null): void => {
    for (const option of options) {
      if (option.type === ApplicationCommandOptionType.SubcommandGroup) {
        walk(option.options ?? [], option.name);
      } else if (option.type === ApplicationCommandOptionType.Subcommand) {
        result.subcommand = group ? `${group} ${option.name}` : option.name;
        walk(option.options ?? [], group);
      } else if (option.value !== undefined && option.value !== null) {
        result.values[option.name] = option.value;
      }
    }
  };
  walk(data, null);
  return result;
}

/** The option the user is typing in during autocomplete, with what they typed so far. */
export function focusedOption(data: readonly InteractionOptionLike[]): { name: string; value: string } | null {
  for (const option of data) {
    if (option.focused)
      return { name: option.name, value: option.value === undefined || option.value === null ? '' : String(option.value) };
    const nested = focusedOption(option.options ?? []);
    if (nested) return nested;
  }
  return null;
}
