// /help: what each command does, read from the command definitions themselves so it never drifts.
import {
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  InteractionContextType,
  type APIApplicationCommandOption,
} from 'discord-api-types/v10';
import type { Command } from '../src/interaction/command.ts';
import { loadCommands } from '../src/interaction/loadCommands.ts';
import { PARLEY_COLOR } from '../src/render/talks.ts';

export default {
  data: {
    name: 'help',
    description: 'What Parley can do and how to use each command',
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
    integration_types: [ApplicationIntegrationType.GuildInstall],
  },
  async execute(_options, ctx) {
    const commands = await loadCommands();
    const { events } = await ctx.store.queries.counts();
    return {
      embeds: [
        {
          title: 'Parley: diplomatic talks, from the news, with sources',
          color: PARLEY_COLOR,
          description:
            'Parley reads news about diplomatic talks and keeps a timeline: who met whom, where, when, held or planned, and what they said, each with the articles that report it.',
          fields: commands.map((c) => ({ name: usage(c), value: describe(c) })),
          footer: events === 0 ? 'The timeline is empty so far: add articles with parley ingest.' : `${events} talks recorded.`,
        },
      ],
      ephemeral: true,
    };
  },
} satisfies Command;

/** "/latest-talks [count] [side] [person]" or "/digest subscribe|unsubscribe|list|preview". */
function usage(command: Command): string {
  const options = (command.data.options ?? []) as APIApplicationCommandOption[];
  const subcommands = options.filter(
    (o) => o.type === ApplicationCommandOptionType.Subcommand || o.type === ApplicationCommandOptionType.SubcommandGroup,
  );
  if (subcommands.length) return `/${command.data.name} ${subcommands.map((s) => s.name).join('|')}`;
  const args = options.map((o) => ('required' in o && o.required ? o.name : `[${o.name}]`));
  return [`/${command.data.name}`, ...args].join(' ');
}

function describe(command: Command): string {
  const options = (command.data.options ?? []) as APIApplicationCommandOption[];
  const details = options.map((o) => {
    if (o.type === ApplicationCommandOptionType.Subcommand) {
      const args = (o.options ?? []).map((a) => ('required' in a && a.required ? a.name : `[${a.name}]`));
      return `• \`${[o.name, ...args].join(' ')}\`: ${o.description}`;
    }
    return `• \`${o.name}\`: ${o.description}`;
  });
  return [command.data.description, ...details].join('\n');
}
