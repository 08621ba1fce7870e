// What /digest and /alerts share: they run in a server channel, changing them needs Manage
// Channels, and both take the same filters (side, person, keywords).
import { UserFacingError, type CommandContext } from '../src/interaction/command.ts';
import type { DigestFilters } from '../src/store/digests.ts';
import { escapeMarkdown, truncate } from '../src/render/markdown.ts';
import { PERSON_OPTION_MAX_LENGTH, resolvePerson } from './_people.ts';
import { resolveSide } from './_sides.ts';

export const KEYWORDS_MAX_LENGTH = 200;

export function requireChannel(ctx: CommandContext, guildOnly: string): { guildId: string; channelId: string } {
  const { guildId, channelId } = ctx.invoker;
  if (!guildId || !channelId) throw new UserFacingError(guildOnly);
  return { guildId, channelId };
}

export function requireManageChannels(ctx: CommandContext, action: string, otherwise: string): void {
  if (!ctx.invoker.permissions.manageChannels) {
    throw new UserFacingError(`You need the Manage Channels permission to ${action}. Ask a server admin, or use ${otherwise}.`);
  }
}

export function stringOption(values: Record<string, unknown>, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/**
 * The side, person and keywords options as filters. Someone not in the news yet can still be
 * followed: `personNote` then says they will match once articles mention them (`what` names the
 * thing that will, "the digest" or "alerts").
 */
export async function filterOptions(
  values: Record<string, unknown>,
  ctx: CommandContext,
  what: string,
): Promise<{ filters: DigestFilters; personNote: string }> {
  const filters: DigestFilters = {};
  const sideText = stringOption(values, 'side');
  if (sideText) filters.side = resolveSide(sideText);
  let personNote = '';
  const personText = stringOption(values, 'person');
  if (personText) {
    try {
      filters.person = (await resolvePerson(personText, ctx)).name;
    } catch (error) {
      if (!(error instanceof UserFacingError) || personText.startsWith('id:')) throw error;
      filters.person = truncate(personText, PERSON_OPTION_MAX_LENGTH);
      personNote = `\nParley has not seen anyone called “${escapeMarkdown(filters.person)}” yet; ${what} will include them once articles mention them.`;
    }
  }
  const keywords = stringOption(values, 'keywords');
  if (keywords) filters.keywords = truncate(keywords, KEYWORDS_MAX_LENGTH);
  return { filters, personNote };
}

export const ID_MAX_LENGTH = 12;

/** The id option: "3" or "#3" (autocomplete fills the number in); `command` is "digest" or "alerts". */
export function idOption(values: Record<string, unknown>, what: string, command: string): number | undefined {
  const raw = values.id;
  if (typeof raw === 'number') return raw;
  if (typeof raw !== 'string' || !raw.trim()) return undefined;
  const match = /^#?(\d{1,10})$/.exec(raw.trim());
  if (!match)
    throw new UserFacingError(`“${escapeMarkdown(truncate(raw, ID_MAX_LENGTH))}” is not ${what} id; /${command} list shows them (e.g. 3).`);
  return Number(match[1]);
}

interface Scoped {
  id: number;
}

/** The channel's subscriptions, and with Manage Server the whole server's, by id. */
export async function visibleInScope<T extends Scoped>(
  ctx: CommandContext,
  scope: { guildId: string; channelId: string },
  list: (where: { channelId?: string; guildId?: string }) => Promise<T[]>,
): Promise<T[]> {
  const inChannel = await list({ channelId: scope.channelId });
  if (!ctx.invoker.permissions.manageGuild) return inChannel;
  const inGuild = await list({ guildId: scope.guildId });
  const byId = new Map([...inGuild, ...inChannel].map((s) => [s.id, s]));
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/** What a disabled subscription's entry in a list says, and how to bring it back. */
export function disabledLines(subscription: { consecutiveFailures: number; disabledReason: string | null }, command: string): string[] {
  return [
    `⚠️ **Disabled** after ${subscription.consecutiveFailures} failed deliveries: ${escapeMarkdown(truncate(subscription.disabledReason ?? 'unknown reason', 300))}`,
    `Fix the bot’s permissions in the channel, then run /${command} subscribe again with the same settings to re-enable it.`,
  ];
}
