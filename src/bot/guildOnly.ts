// Whether a command may only run in a server. Discord hides such commands in DMs when they are
// registered with `contexts: [Guild]` (or the older `dm_permission: false`), but a stale global
// registration can still deliver them, so the bot checks again at run time.
import { InteractionContextType } from 'discord-api-types/v10';
import type { Command } from '../interaction/command.ts';

export function isGuildOnly(command: Command): boolean {
  const data = command.data as { contexts?: readonly number[] | null; dm_permission?: boolean | null };
  if (data.contexts && data.contexts.length > 0) return !data.contexts.some((c) => c !== InteractionContextType.Guild);
  return data.dm_permission === false;
}

export const GUILD_ONLY_MESSAGE = 'This command only works in a server channel, not in direct messages.';
