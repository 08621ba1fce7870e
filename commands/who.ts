// /who name: a person's profile: names, roles, country, talks, latest quotes, first and last seen.
import { ApplicationCommandOptionType, ApplicationIntegrationType, InteractionContextType } from 'discord-api-types/v10';
import type { Command } from '../src/interaction/command.ts';
import { countryFlag, countryName } from '../src/extract/geo/countries.ts';
import { escapeMarkdown, neutraliseMentions, truncate } from '../src/render/markdown.ts';
import {
  PARLEY_COLOR,
  oneLine,
  formatAgo,
  formatPlace,
  formatQuote,
  formatSides,
  formatStatus,
  formatTalkDate,
} from '../src/render/talks.ts';
import { PERSON_OPTION_MAX_LENGTH, resolvePerson, suggestPeopleChoices } from './_people.ts';

const MAX_TALKS = 10;
const MAX_QUOTES = 3;
const MAX_ROLES = 5;
const MAX_ALIASES = 12;

export default {
  data: {
    name: 'who',
    description: 'Who someone is: roles, country, the talks they took part in and their latest quotes',
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'name',
        description: 'Name or alias (suggestions as you type)',
        required: true,
        max_length: PERSON_OPTION_MAX_LENGTH,
        autocomplete: true,
      },
    ],
  },
  async execute(options, ctx) {
    const typed = String(options.values.name ?? '');
    const person = await resolvePerson(typed, ctx);
    const others = await otherMatches(typed, person.id, ctx);
    const profile = await ctx.store.queries.personProfile(person.id, { events: MAX_TALKS, quotes: MAX_QUOTES });
    if (!profile) throw new Error(`person ${person.id} vanished between look-up and profile`);
    const now = ctx.now();

    const roles = [...new Set([person.role, ...person.roles].filter((r): r is string => Boolean(r?.trim())).map(oneLine))];
    const country = person.country ? `${countryFlag(person.country)} ${escapeMarkdown(countryName(person.country))}`.trim() : 'unknown';
    const description = [
      roles.length
        ? `**Role${roles.length > 1 ? 's' : ''}:** ${listWithMore(
            roles.map((r) => escapeMarkdown(truncate(r, 200))),
            MAX_ROLES,
            '; ',
          )}`
        : '**Role:** not known yet',
      `**Country:** ${country}`,
      person.aliases.length
        ? `**Also written:** ${listWithMore(
            person.aliases.map((a) => escapeMarkdown(truncate(oneLine(a), 80))),
            MAX_ALIASES,
            ', ',
          )}`
        : null,
      `**First seen:** ${formatAgo(person.firstSeenAt, now)} · **last seen:** ${formatAgo(person.lastSeenAt, now)}`,
    ]
      .filter((line): line is string => line !== null)
      .join('\n');

    const talks = profile.events.map(
      (e) => `• ${formatTalkDate(e)} · ${formatPlace(e.location)} · ${formatSides(e.sides)} · ${formatStatus(e.status)} (#${e.id})`,
    );
    const quotes = profile.quotes.map((q) => `• ${formatQuote(q, { withSpeaker: false, maxLength: 250 })}`);

    return {
      embeds: [
        {
          title: escapeMarkdown(oneLine(person.name)),
          color: PARLEY_COLOR,
          description,
          fields: [
            {
              name: talks.length ? `Talks (latest ${talks.length})` : 'Talks',
              value: talks.length ? talks.join('\n') : 'No talks recorded with this person yet.',
            },
            { name: 'Latest quotes', value: quotes.length ? quotes.join('\n') : 'No quotes recorded yet.' },
          ],
          footer:
            [
              others.length ? `Also matching “${neutraliseMentions(truncate(oneLine(typed), 40))}”: ${others.join(', ')}.` : null,
              talks.length
                ? `/latest-talks person:${neutraliseMentions(truncate(person.name, 60))} lists them in full; /event id:<number> shows one.`
                : null,
            ]
              .filter((line): line is string => line !== null)
              .join('\n') || undefined,
        },
      ],
    };
  },
  async autocomplete(focused, _options, ctx) {
    return focused.name === 'name' ? suggestPeopleChoices(focused.value, ctx) : [];
  },
} satisfies Command;

/** "a, b, c +4 more". */
function listWithMore(items: string[], max: number, separator: string): string {
  const more = items.length - max;
  return items.slice(0, max).join(separator) + (more > 0 ? ` +${more} more` : '');
}

/** Other people a typed name (not an autocomplete pick) could mean, so a wrong guess is visible. */
async function otherMatches(typed: string, chosenId: number, ctx: Parameters<Command['execute']>[1]): Promise<string[]> {
  if (/^id:\d+$/.test(typed.trim())) return [];
  const suggestions = await ctx.store.queries.suggestPeople(typed, 4);
  return suggestions
    .filter((s) => s.personId !== chosenId)
    .slice(0, 3)
    .map((s) => neutraliseMentions(truncate(oneLine(s.label), 60)));
}
