// Finds the slash commands: every top-level module in commands/ except helpers (names starting
// with "_", and anything in sub-folders). Each must default-export a Command (`satisfies Command`);
// its definition is checked against Discord's rules here so a mistake fails at start-up, naming
// the file, instead of when Discord refuses the registration.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { Command } from './command.ts';

const commandsDir = fileURLToPath(new URL('../../commands/', import.meta.url));

const nameSchema = z.string().regex(/^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$/u, 'a lower-case name of 1 to 32 letters, digits, "-" or "_"');
const descriptionSchema = z.string().min(1).max(100);

const choiceSchema = z.object({ name: z.string().min(1).max(100), value: z.union([z.string().max(100), z.number()]) });

const valueOptionSchema = z
  .object({
    type: z.union([
      z.literal(ApplicationCommandOptionType.String),
      z.literal(ApplicationCommandOptionType.Integer),
      z.literal(ApplicationCommandOptionType.Number),
      z.literal(ApplicationCommandOptionType.Boolean),
      z.literal(ApplicationCommandOptionType.User),
      z.literal(ApplicationCommandOptionType.Channel),
      z.literal(ApplicationCommandOptionType.Role),
      z.literal(ApplicationCommandOptionType.Mentionable),
      z.literal(ApplicationCommandOptionType.Attachment),
    ]),
    name: nameSchema,
    description: descriptionSchema,
    required: z.boolean().optional(),
    autocomplete: z.boolean().optional(),
    choices: z.array(choiceSchema).max(25).optional(),
    min_length: z.number().int().min(0).max(6000).optional(),
    max_length: z.number().int().min(1).max(6000).optional(),
    min_value: z.number().optional(),
    max_value: z.number().optional(),
  })
  .loose()
  .refine((o) => !(o.autocomplete && o.choices?.length), { message: 'an option cannot have both autocomplete and choices' })
  .refine((o) => o.type !== ApplicationCommandOptionType.String || o.max_length !== undefined, {
    message: 'string options need a max_length (it bounds what a user can send)',
  });

const subcommandSchema = z
  .object({
    type: z.literal(ApplicationCommandOptionType.Subcommand),
    name: nameSchema,
    description: descriptionSchema,
    options: z.array(valueOptionSchema).max(25).optional(),
  })
  .loose();

const subcommandGroupSchema = z
  .object({
    type: z.literal(ApplicationCommandOptionType.SubcommandGroup),
    name: nameSchema,
    description: descriptionSchema,
    options: z.array(subcommandSchema).max(25),
  })
  .loose();

const optionsSchema = z
  .union([z.array(valueOptionSchema).max(25), z.array(z.union([subcommandSchema, subcommandGroupSchema])).max(25)])
  .refine(requiredFirst, { message: 'required options must come before optional ones' })
  .refine((opts) => new Set(opts.map((o) => o.name)).size === opts.length, { message: 'option names must be unique' });

function requiredFirst(options: Array<{ required?: boolean; type: number }>): boolean {
  let seenOptional = false;
  for (const option of options) {
    if (option.type === ApplicationCommandOptionType.Subcommand || option.type === ApplicationCommandOptionType.SubcommandGroup) continue;
    if (!option.required) seenOptional = true;
    else if (seenOptional) return false;
  }
  return true;
}

export const commandModuleSchema = z
  .object({
    data: z
      .object({
        name: nameSchema,
        description: descriptionSchema,
        options: optionsSchema.optional(),
      })
      .loose(),
    defer: z.boolean().optional(),
    execute: z.custom<Command['execute']>((v) => typeof v === 'function', 'a function (options, ctx) => Promise<Reply>'),
    autocomplete: z.custom<NonNullable<Command['autocomplete']>>((v) => typeof v === 'function', 'a function').optional(),
  })
  .loose()
  .refine((c) => !usesAutocomplete(c.data.options ?? []) || c.autocomplete !== undefined, {
    message: 'an option has autocomplete: true but the command exports no autocomplete handler',
    path: ['autocomplete'],
  });

function usesAutocomplete(options: ReadonlyArray<{ autocomplete?: boolean; options?: unknown }>): boolean {
  return options.some(
    (o) => o.autocomplete === true || (Array.isArray(o.options) && usesAutocomplete(o.options as Array<{ autocomplete?: boolean }>)),
  );
}

export class CommandModuleError extends Error {
  override name = 'CommandModuleError';
}

/** Whether a file in the commands folder is a command (not a helper, test or declaration). */
export function isCommandFile(file: string): boolean {
  return /^[^_.][^/]*\.ts$/.test(file) && !file.endsWith('.d.ts') && !file.endsWith('.test.ts');
}

/** Imports and validates every command in `dir` (default: the project's commands/), sorted by name. */
export async function loadCommands(dir: string = commandsDir): Promise<Command[]> {
  const files = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && isCommandFile(entry.name))
    .map((entry) => entry.name)
    .sort();
  const commands: Command[] = [];
  const fileByName = new Map<string, string>();
  for (const file of files) {
    const command = await loadCommandModule(join(dir, file));
    const clash = fileByName.get(command.data.name);
    if (clash)
      throw new CommandModuleError(`commands/${file}: the command name "/${command.data.name}" is already used by commands/${clash}`);
    fileByName.set(command.data.name, file);
    commands.push(command);
  }
  return commands.sort((a, b) => a.data.name.localeCompare(b.data.name));
}

async function loadCommandModule(path: string): Promise<Command> {
  const file = `commands/${path.split(/[\\/]/).pop()}`;
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (error) {
    throw new CommandModuleError(`${file} could not be imported: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  const exported = module.default ?? module.command;
  if (exported === undefined)
    throw new CommandModuleError(`${file} has no default export; export the command as \`export default { … } satisfies Command\``);
  const parsed = commandModuleSchema.safeParse(exported);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(module)'}: ${issue.message}`).join('; ');
    throw new CommandModuleError(`${file} is not a valid command: ${problems}`);
  }
  return exported as Command;
}
