// /event id: one talk in full, with every source and the sentence in it that reports the talk.
import { ApplicationCommandOptionType, ApplicationIntegrationType, InteractionContextType } from 'discord-api-types/v10';
import { UserFacingError, type Command } from '../src/interaction/command.ts';
import { escapeMarkdown, truncate } from '../src/render/markdown.ts';
import {
  PARLEY_COLOR,
  oneLine,
  formatDay,
  formatParticipants,
  formatPlace,
  formatSides,
  formatStatus,
  formatTalkDate,
  sourceLink,
} from '../src/render/talks.ts';

const KIND_NAMES = { talks: 'Talks', meeting: 'Meeting', call: 'Call', summit: 'Summit' } as const;

export default {
  data: {
    name: 'event',
    description: 'One talk in full: every source with the sentence that reports it',
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    options: [
      {
        type: ApplicationCommandOptionType.Integer,
        name: 'id',
        description: 'The talk number shown by /latest-talks, /who or /search',
        required: true,
        min_value: 1,
        max_value: 2_147_483_647,
      },
    ],
  },
  async execute(options, ctx) {
    const id = options.values.id;
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1)
      throw new UserFacingError('Give the talk number, e.g. `/event id:12` (see /latest-talks).');
    const event = await ctx.store.queries.event(id);
    if (!event) throw new UserFacingError(`There is no talk #${id}. /latest-talks and /search show the numbers of recorded talks.`);
    // A talk found to be one with another keeps answering to its old number.
    const mergedNote = event.id !== id ? `Talk #${id} turned out to be the same talks as #${event.id}.` : '';

    const description = [
      mergedNote || null,
      `**When:** ${formatTalkDate(event)}`,
      `**Where:** ${formatPlace(event.location)}`,
      `**Status:** ${formatStatus(event.status)}`,
      `**Sides:** ${formatSides(event.sides)}`,
      `**Participants:** ${formatParticipants(event.participants, 25)}`,
      event.summary ? `\n${escapeMarkdown(oneLine(event.summary))}` : null,
    ]
      .filter((line): line is string => line !== null)
      .join('\n');

    const fields = event.sources.map((source, i) => {
      const day = source.publishedAt ? ` · ${formatDay(source.publishedAt)}` : '';
      const title = source.title ? escapeMarkdown(truncate(oneLine(source.title), 200)) : null;
      return {
        name: `Source ${i + 1}${day}`,
        value: [`> ${escapeMarkdown(truncate(oneLine(source.evidence), 700))}`, `${title ? `${title} — ` : ''}${sourceLink(source)}`].join(
          '\n',
        ),
      };
    });

    return {
      embeds: [
        {
          title: `#${event.id} · ${KIND_NAMES[event.kind] ?? escapeMarkdown(event.kind)} · ${formatTalkDate(event)} · ${formatPlace(event.location)}`,
          color: PARLEY_COLOR,
          description,
          fields: fields.length ? fields : [{ name: 'Sources', value: 'No sources recorded.' }],
          footer: `${event.sources.length} source${event.sources.length === 1 ? '' : 's'} · first seen ${formatDay(event.firstSeenAt)} · updated ${formatDay(event.updatedAt)}`,
        },
      ],
    };
  },
} satisfies Command;
