// /search query: full-text search over talks and quotes. The query is reduced to plain words in
// the store (src/store/sqlite/queries.ts), so nothing a user types is FTS syntax or SQL.
import { ApplicationCommandOptionType, ApplicationIntegrationType, InteractionContextType } from 'discord-api-types/v10';
import { UserFacingError, type Command } from '../src/interaction/command.ts';
import { escapeMarkdown, truncate } from '../src/render/markdown.ts';
import { PARLEY_COLOR, formatQuote, talkHeading, talkSummaryLines } from '../src/render/talks.ts';

const MAX_HITS = 8;

export default {
  data: {
    name: 'search',
    description: 'Search talks and quotes for words (names, places, topics)',
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'query',
        description: 'Words to look for, e.g. "Geneva ceasefire"',
        required: true,
        min_length: 2,
        max_length: 200,
      },
    ],
  },
  async execute(options, ctx) {
    const query = String(options.values.query ?? '').trim();
    if (!/[\p{L}\p{N}]/u.test(query)) throw new UserFacingError('Type at least one word to search for, e.g. `/search query:Geneva`.');
    const hits = await ctx.store.queries.search(query, MAX_HITS);
    const shown = escapeMarkdown(truncate(query, 100));
    // Only the asker sees a miss: a channel need not read every query that found nothing.
    if (hits.length === 0) return { content: `Nothing found for “${shown}”. Try fewer or other words, or /latest-talks.`, ephemeral: true };

    const fields = hits.map((hit) => {
      if (hit.kind === 'event' && hit.event) return { name: `🗓️ ${talkHeading(hit.event)}`, value: talkSummaryLines(hit.event) };
      const quote = hit.quote!;
      return {
        name: `💬 ${quote.speaker ? escapeMarkdown(truncate(quote.speaker, 100)) : 'Unattributed quote'}`,
        value: formatQuote(quote, { withSpeaker: false, maxLength: 600 }),
      };
    });
    return {
      embeds: [
        {
          title: `Search: ${truncate(shown, 200)}`,
          color: PARLEY_COLOR,
          fields,
          footer: `${hits.length} best match${hits.length === 1 ? '' : 'es'}. /event id:<number> shows a talk in full.`,
        },
      ],
    };
  },
} satisfies Command;
