// The one place that runs a command handler and turns its failure into a reply. Every transport
// (Discord adapter, console, `parley ask`) goes through here, so users always see the same answers.
import type { AutocompleteChoice, Command, CommandContext, CommandOptions, Reply } from './command.ts';
import { UserFacingError } from './command.ts';
import { neutraliseMentions } from '../render/markdown.ts';

export const SOMETHING_WENT_WRONG = 'Something went wrong while answering this command. It has been logged; please try again in a moment.';

/** Runs `command`; a UserFacingError becomes its message, anything else is logged and answered generically. */
export async function executeCommand(command: Command, options: CommandOptions, ctx: CommandContext): Promise<Reply> {
  const started = performance.now();
  const reply = await answer(command, options, ctx);
  ctx.metrics?.commandAnswered(command.data.name, reply.outcome ?? 'answered', (performance.now() - started) / 1000);
  return reply;
}

async function answer(command: Command, options: CommandOptions, ctx: CommandContext): Promise<Reply> {
  const started = performance.now();
  try {
    const reply = await command.execute(options, ctx);
    ctx.logger.debug(
      { command: command.data.name, subcommand: options.subcommand, ms: Math.round(performance.now() - started) },
      'command answered',
    );
    return reply;
  } catch (error) {
    if (error instanceof UserFacingError) {
      ctx.logger.info({ command: command.data.name, reason: error.message }, 'command refused');
      return { content: error.message, ephemeral: true, outcome: 'refused' };
    }
    ctx.logger.error(
      { err: error, command: command.data.name, subcommand: options.subcommand, user: ctx.invoker.userId },
      'command failed',
    );
    return { content: SOMETHING_WENT_WRONG, ephemeral: true, outcome: 'failed' };
  }
}

// Discord's autocomplete limits: 25 choices, names and values of 1 to 100 characters.
const MAX_CHOICES = 25;
const MAX_CHOICE_LENGTH = 100;

/** Runs a command's autocomplete; failures are logged and answered with no choices. */
export async function executeAutocomplete(
  command: Command,
  focused: { name: string; value: string },
  options: CommandOptions,
  ctx: CommandContext,
): Promise<AutocompleteChoice[]> {
  if (!command.autocomplete) return [];
  try {
    const choices = await command.autocomplete(focused, options, ctx);
    return choices
      .filter((c) => c.name.trim() !== '' && c.value !== '' && c.value.length <= MAX_CHOICE_LENGTH)
      .slice(0, MAX_CHOICES)
      .map((c) => {
        // Choice names are article-derived (people's names); they never ping, but stay inert anyway.
        const name = neutraliseMentions(c.name.replace(/\s+/g, ' ').trim());
        return { name: name.length > MAX_CHOICE_LENGTH ? `${name.slice(0, MAX_CHOICE_LENGTH - 1)}…` : name, value: c.value };
      });
  } catch (error) {
    ctx.logger.error({ err: error, command: command.data.name, option: focused.name }, 'autocomplete failed');
    return [];
  }
}
