// Answers one chat-input interaction with a Reply, deferring first when the handler is slow.
// Discord drops an interaction that gets no callback within 3 s; a deferral buys 15 minutes.
import { MessageFlags } from 'discord-api-types/v10';
import type { ChatInputCommandInteraction } from 'discord.js';
import type { Reply } from '../interaction/command.ts';
import { fitReplyForDiscord, replyFilesForDiscord } from '../render/discord.ts';

/** The interaction methods used here; the discord.js class satisfies it, and tests can too. */
export type Answerable = Pick<ChatInputCommandInteraction, 'reply' | 'deferReply' | 'editReply' | 'deleteReply' | 'followUp'>;

const NO_MENTIONS = { parse: [] as [] };

export interface AnswerOutcome {
  deferred: boolean;
}

/**
 * Runs `produce` and sends its Reply. Defers (publicly) at once when `deferAtOnce`, or when the
 * reply is not ready after `deferAfterMs`. An ephemeral reply to a public deferral replaces the
 * "thinking…" message with an ephemeral follow-up, because a deferral fixes the visibility.
 */
export async function answerWithReply(
  interaction: Answerable,
  produce: () => Promise<Reply>,
  options: { deferAtOnce: boolean; deferAfterMs: number },
): Promise<AnswerOutcome> {
  let deferral: Promise<unknown> | null = null;
  const defer = () => {
    if (deferral) return;
    deferral = interaction.deferReply();
    // Awaited below once the reply is ready; this keeps a failure in the meantime from being "unhandled".
    deferral.catch(() => {});
  };
  if (options.deferAtOnce) defer();
  const timer = options.deferAtOnce ? null : setTimeout(defer, options.deferAfterMs);
  let reply: Reply;
  try {
    reply = await produce();
  } finally {
    if (timer) clearTimeout(timer);
  }
  const body = fitReplyForDiscord(reply);
  // discord.js uploads these as the multipart parts that body.attachments describes.
  const files = replyFilesForDiscord(reply).map((f) => ({
    attachment: f.data,
    name: f.name,
    ...(f.description ? { description: f.description } : {}),
  }));
  if (!deferral) {
    await interaction.reply({ content: body.content, embeds: body.embeds, files, flags: body.flags, allowedMentions: NO_MENTIONS });
    return { deferred: false };
  }
  // Set by the timer's callback, which TypeScript's flow analysis does not see.
  // oxlint-disable-next-line typescript/await-thenable
  await deferral;
  if (body.flags !== undefined && (body.flags & MessageFlags.Ephemeral) !== 0) {
    await interaction.deleteReply();
    await interaction.followUp({
      content: body.content,
      embeds: body.embeds,
      files,
      flags: MessageFlags.Ephemeral,
      allowedMentions: NO_MENTIONS,
    });
  } else {
    await interaction.editReply({ content: body.content ?? '', embeds: body.embeds, files, allowedMentions: NO_MENTIONS });
  }
  return { deferred: true };
}
