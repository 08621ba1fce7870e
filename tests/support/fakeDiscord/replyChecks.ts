// Assertions shared by the bot's end-to-end tests: a reply Discord would accept and that
// notifies nobody.
import { expect } from 'vitest';
import type { FakeMessage } from './server.ts';
import { embedCharacters } from './limits.ts';

/** Everything a person can read in a message: content, titles, descriptions, fields, footers. */
export function visibleText(message: FakeMessage): string {
  const parts: string[] = [message.content];
  for (const embed of message.embeds as Array<{
    title?: string;
    description?: string;
    fields?: Array<{ name: string; value: string }>;
    footer?: { text: string };
  }>) {
    parts.push(embed.title ?? '', embed.description ?? '');
    for (const field of embed.fields ?? []) parts.push(field.name, field.value);
    parts.push(embed.footer?.text ?? '');
  }
  return parts.join('\n');
}

/**
 * The message is within Discord's limits, sent with `allowed_mentions: { parse: [] }`, would
 * ping nobody, and shows no raw mention syntax that a careless client could turn into a ping.
 */
export function expectSafeMessage(message: FakeMessage | undefined): asserts message is FakeMessage {
  expect(message, 'the interaction got no visible answer').toBeDefined();
  const m = message!;
  expect(m.allowedMentions).toEqual({ parse: [] });
  expect(m.pings).toEqual({ everyone: false, users: [], roles: [] });
  expect(m.content.length).toBeLessThanOrEqual(2000);
  expect(m.embeds.length).toBeLessThanOrEqual(10);
  expect(m.embeds.reduce((sum, e) => sum + embedCharacters(e), 0)).toBeLessThanOrEqual(6000);
  const text = visibleText(m);
  expect(text).not.toMatch(/@(everyone|here)/);
  expect(text).not.toMatch(/<@[!&]?\d+>/);
}
