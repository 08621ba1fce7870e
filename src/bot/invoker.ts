// Who ran a command and what they may do, read off a discord.js interaction.
import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { Invoker } from '../interaction/command.ts';

/** The fields of a discord.js interaction the invoker is built from. */
export interface InteractionIdentity {
  user: { id: string };
  guildId: string | null;
  channelId: string | null;
  /** Resolved by Discord for this channel (role overwrites included); null in DMs. */
  memberPermissions: { has(permission: bigint): boolean } | null;
}

export function invokerFromInteraction(interaction: InteractionIdentity): Invoker {
  // `has` counts Administrator as every permission, as Discord does.
  const can = (permission: bigint) => interaction.guildId !== null && (interaction.memberPermissions?.has(permission) ?? false);
  return {
    userId: interaction.user.id,
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    permissions: {
      manageChannels: can(PermissionFlagsBits.ManageChannels),
      manageGuild: can(PermissionFlagsBits.ManageGuild),
    },
  };
}
