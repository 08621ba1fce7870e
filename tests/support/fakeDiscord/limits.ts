// Discord's own checks on message bodies, so the fake refuses what the real API would refuse
// (400 Invalid Form Body) instead of letting an oversized reply pass a test.
export interface DiscordErrorBody {
  code: number;
  message: string;
  errors?: Record<string, unknown>;
}

interface EmbedLike {
  title?: unknown;
  description?: unknown;
  url?: unknown;
  fields?: Array<{ name?: unknown; value?: unknown; inline?: unknown }>;
  footer?: { text?: unknown };
  author?: { name?: unknown };
}

export interface MessageBodyLike {
  content?: unknown;
  embeds?: unknown;
  flags?: unknown;
  allowed_mentions?: unknown;
  nonce?: unknown;
  enforce_nonce?: unknown;
  components?: unknown;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Characters Discord counts against the 6000-per-message embed budget. */
export function embedCharacters(embed: EmbedLike): number {
  let total = text(embed.title).length + text(embed.description).length;
  total += text(embed.footer?.text).length + text(embed.author?.name).length;
  for (const field of embed.fields ?? []) total += text(field.name).length + text(field.value).length;
  return total;
}

/** The problems Discord would report for this message body; empty when it would be accepted. */
export function messageBodyProblems(body: MessageBodyLike, { requireSomething = true } = {}): string[] {
  const problems: string[] = [];
  if (body.content !== undefined && body.content !== null && typeof body.content !== 'string') problems.push('content: must be a string');
  const content = text(body.content);
  if (content.length > 2000) problems.push(`content: ${content.length} characters, at most 2000`);
  const embeds = (body.embeds ?? []) as EmbedLike[];
  if (!Array.isArray(embeds)) problems.push('embeds: must be an array');
  else {
    if (embeds.length > 10) problems.push(`embeds: ${embeds.length}, at most 10`);
    let total = 0;
    embeds.forEach((embed, i) => {
      const at = `embeds.${i}`;
      if (text(embed.title).length > 256) problems.push(`${at}.title: over 256 characters`);
      if (text(embed.description).length > 4096) problems.push(`${at}.description: over 4096 characters`);
      if (text(embed.footer?.text).length > 2048) problems.push(`${at}.footer.text: over 2048 characters`);
      if (text(embed.author?.name).length > 256) problems.push(`${at}.author.name: over 256 characters`);
      if (embed.url !== undefined && !/^https?:\/\//.test(text(embed.url))) problems.push(`${at}.url: not a http(s) URL`);
      const fields = embed.fields ?? [];
      if (fields.length > 25) problems.push(`${at}.fields: ${fields.length}, at most 25`);
      fields.forEach((field, j) => {
        const name = text(field.name);
        const value = text(field.value);
        if (name.length === 0 || name.length > 256) problems.push(`${at}.fields.${j}.name: must be 1-256 characters`);
        if (value.length === 0 || value.length > 1024) problems.push(`${at}.fields.${j}.value: must be 1-1024 characters`);
      });
      const isEmpty = embedCharacters(embed) === 0 && embed.url === undefined;
      if (isEmpty) problems.push(`${at}: empty embed`);
      total += embedCharacters(embed);
    });
    if (total > 6000) problems.push(`embeds: ${total} characters in all, at most 6000`);
  }
  if (requireSomething && content.length === 0 && (!Array.isArray(embeds) || embeds.length === 0) && body.components === undefined) {
    problems.push('Cannot send an empty message');
  }
  if (body.nonce !== undefined) {
    const nonceOk = (typeof body.nonce === 'string' && body.nonce.length <= 25) || Number.isInteger(body.nonce);
    if (!nonceOk) problems.push('nonce: must be an integer or a string of at most 25 characters');
  }
  return problems;
}

export interface Pings {
  everyone: boolean;
  users: string[];
  roles: string[];
}

interface AllowedMentions {
  parse?: string[];
  users?: string[];
  roles?: string[];
}

/**
 * Who a message would notify, by Discord's rules: only `content` mentions ping; with no
 * `allowed_mentions` every mention in the content pings; with it only the listed kinds and ids do.
 */
export function wouldPing(content: string, allowedMentions: unknown): Pings {
  const userIds = [...content.matchAll(/<@!?(\d+)>/g)].map((m) => m[1]!);
  const roleIds = [...content.matchAll(/<@&(\d+)>/g)].map((m) => m[1]!);
  const mentionsEveryone = /@(everyone|here)/.test(content);
  if (allowedMentions === undefined || allowedMentions === null) {
    return { everyone: mentionsEveryone, users: userIds, roles: roleIds };
  }
  const allowed = allowedMentions as AllowedMentions;
  const parse = new Set(allowed.parse ?? []);
  return {
    everyone: mentionsEveryone && parse.has('everyone'),
    users: userIds.filter((id) => parse.has('users') || (allowed.users ?? []).includes(id)),
    roles: roleIds.filter((id) => parse.has('roles') || (allowed.roles ?? []).includes(id)),
  };
}

/** Validation of autocomplete results (callback type 8). */
export function autocompleteProblems(choices: unknown): string[] {
  if (!Array.isArray(choices)) return ['choices: must be an array'];
  const problems: string[] = [];
  if (choices.length > 25) problems.push(`choices: ${choices.length}, at most 25`);
  choices.forEach((choice: { name?: unknown; value?: unknown }, i) => {
    const name = text(choice.name);
    if (name.length < 1 || name.length > 100) problems.push(`choices.${i}.name: must be 1-100 characters`);
    if (typeof choice.value === 'string' && choice.value.length > 100) problems.push(`choices.${i}.value: over 100 characters`);
    if (choice.value === undefined) problems.push(`choices.${i}.value: missing`);
  });
  return problems;
}

const commandNamePattern = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

interface CommandOptionLike {
  type?: number;
  name?: unknown;
  description?: unknown;
  required?: unknown;
  choices?: unknown[];
  options?: CommandOptionLike[];
}

function optionProblems(options: CommandOptionLike[], at: string): string[] {
  const problems: string[] = [];
  if (options.length > 25) problems.push(`${at}: ${options.length} options, at most 25`);
  let sawOptional = false;
  options.forEach((option, i) => {
    const here = `${at}.${i}`;
    const name = text(option.name);
    if (!commandNamePattern.test(name) || name !== name.toLowerCase())
      problems.push(`${here}.name: "${name}" is not a valid lowercase name`);
    const description = text(option.description);
    if (description.length < 1 || description.length > 100) problems.push(`${here}.description: must be 1-100 characters`);
    if ((option.choices?.length ?? 0) > 25) problems.push(`${here}.choices: at most 25`);
    const isGroup = option.type === 1 || option.type === 2;
    if (!isGroup) {
      if (option.required === true && sawOptional) problems.push(`${here}: required options must come before optional ones`);
      if (option.required !== true) sawOptional = true;
    }
    if (option.options) problems.push(...optionProblems(option.options, `${here}.options`));
  });
  return problems;
}

/** Validation of one chat-input command in a bulk overwrite. */
export function commandProblems(
  command: { name?: unknown; description?: unknown; type?: unknown; options?: CommandOptionLike[] },
  at: string,
): string[] {
  const problems: string[] = [];
  const name = text(command.name);
  if (!commandNamePattern.test(name) || name !== name.toLowerCase()) problems.push(`${at}.name: "${name}" is not a valid lowercase name`);
  const type = command.type ?? 1;
  if (type === 1) {
    const description = text(command.description);
    if (description.length < 1 || description.length > 100) problems.push(`${at}.description: must be 1-100 characters`);
  }
  problems.push(...optionProblems(command.options ?? [], `${at}.options`));
  return problems;
}
