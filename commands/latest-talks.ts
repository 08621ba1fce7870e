// /latest-talks [count] [side] [person]: the most recent talks, newest first.
import { ApplicationCommandOptionType, ApplicationIntegrationType, InteractionContextType } from 'discord-api-types/v10';
import type { Command } from '../src/interaction/command.ts';
import { countryName } from '../src/extract/geo/countries.ts';
import { escapeMarkdown } from '../src/render/markdown.ts';
import { PARLEY_COLOR, formatSide, talkField } from '../src/render/talks.ts';
import { PERSON_OPTION_MAX_LENGTH, resolvePerson, suggestPeopleChoices } from './_people.ts';
import { SIDE_OPTION_MAX_LENGTH, resolveSide, suggestSideChoices } from './_sides.ts';

const DEFAULT_COUNT = 5;
const MAX_COUNT = 10;

export default {
  data: {
    name: 'latest-talks',
    description: 'The most recent diplomatic talks, newest first, with their sources',
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    options: [
      {
        type: ApplicationCommandOptionType.Integer,
        name: 'count',
        description: `How many talks to show (1-${MAX_COUNT}, default ${DEFAULT_COUNT})`,
        min_value: 1,
        max_value: MAX_COUNT,
      },
      {
        type: ApplicationCommandOptionType.String,
        name: 'side',
        description: 'Only talks with this side (country code such as UA, or EU)',
        max_length: SIDE_OPTION_MAX_LENGTH,
        autocomplete: true,
      },
      {
        type: ApplicationCommandOptionType.String,
        name: 'person',
        description: 'Only talks this person took part in',
        max_length: PERSON_OPTION_MAX_LENGTH,
        autocomplete: true,
      },
    ],
  },
  async execute(options, ctx) {
    const count =
      typeof options.values.count === 'number' ? Math.min(Math.max(Math.trunc(options.values.count), 1), MAX_COUNT) : DEFAULT_COUNT;
    const sideText = typeof options.values.side === 'string' && options.values.side.trim() ? options.values.side : undefined;
    const personText = typeof options.values.person === 'string' && options.values.person.trim() ? options.values.person : undefined;
    const side = sideText === undefined ? undefined : resolveSide(sideText);
    const person = personText === undefined ? undefined : await resolvePerson(personText, ctx);

    const talks = await ctx.store.queries.latestTalks({
      limit: count,
      ...(side ? { side } : {}),
      ...(person ? { personId: person.id } : {}),
    });
    const filters = [side ? `with ${formatSide(side)}` : null, person ? `with ${escapeMarkdown(person.name)}` : null]
      .filter(Boolean)
      .join(' ');

    if (talks.length === 0) {
      const { events } = await ctx.store.queries.counts();
      if (events === 0) {
        return {
          content: 'No talks recorded yet. Add articles with `parley ingest PATH|URL`, or wait for the configured feeds to be polled.',
        };
      }
      const who = [side ? `${countryName(side)} (${side})` : null, person ? escapeMarkdown(person.name) : null]
        .filter(Boolean)
        .join(' and ');
      return { content: `No talks with ${who} yet. Try /latest-talks without filters.` };
    }

    return {
      embeds: [
        {
          title: `Latest talks${filters ? ` ${filters}` : ''}`,
          color: PARLEY_COLOR,
          fields: talks.map(talkField),
          footer: 'Newest first. /event id:<number> shows every source with its evidence.',
        },
      ],
    };
  },
  async autocomplete(focused, _options, ctx) {
    if (focused.name === 'side') return suggestSideChoices(focused.value, ctx);
    if (focused.name === 'person') return suggestPeopleChoices(focused.value, ctx);
    return [];
  },
} satisfies Command;
