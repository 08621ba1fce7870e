import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DISCORD_LIMITS,
  embedLength,
  fitReplyForDiscord,
  replyFilesForDiscord,
  splitText,
  type DiscordMessageBody,
} from '../src/render/discord.ts';
import type { Reply } from '../src/interaction/command.ts';

function assertWithinLimits(body: DiscordMessageBody): void {
  expect(body.allowed_mentions).toEqual({ parse: [] });
  if (body.content !== undefined) {
    expect(body.content.length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
    expect(body.content.length).toBeGreaterThan(0);
  }
  expect(body.content !== undefined || body.embeds.length > 0).toBe(true);
  expect(body.embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embeds);
  expect(body.embeds.reduce((sum, e) => sum + embedLength(e), 0)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
  for (const embed of body.embeds) {
    expect(embedLength(embed)).toBeGreaterThan(0);
    expect(embed.title?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.title);
    expect(embed.description?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.description);
    expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.footer);
    expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.fields);
    for (const field of embed.fields ?? []) {
      expect(field.name.length).toBeGreaterThan(0);
      expect(field.value.length).toBeGreaterThan(0);
      expect(field.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldName);
      expect(field.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
    }
  }
}

const text = (max: number) => fc.string({ unit: 'grapheme', maxLength: max });
const replyArbitrary: fc.Arbitrary<Reply> = fc.record(
  {
    content: text(3000),
    ephemeral: fc.boolean(),
    embeds: fc.array(
      fc.record(
        {
          title: text(400),
          url: fc.oneof(fc.webUrl(), fc.string({ maxLength: 20 })),
          description: fc.oneof(text(200), fc.string({ minLength: 3000, maxLength: 12000 })),
          fields: fc.array(
            fc.record({ name: text(400), value: fc.oneof(text(100), fc.string({ maxLength: 3000 })), inline: fc.boolean() }),
            { maxLength: 40 },
          ),
          footer: text(2500),
          color: fc.integer({ min: 0, max: 0xffffff }),
        },
        { requiredKeys: [] },
      ),
      { maxLength: 14 },
    ),
  },
  { requiredKeys: [] },
);

describe('fitReplyForDiscord', () => {
  it('never exceeds any Discord limit', () => {
    fc.assert(
      fc.property(replyArbitrary, (reply) => assertWithinLimits(fitReplyForDiscord(reply))),
      { numRuns: 300 },
    );
  });

  it('sets the ephemeral flag (64) only for ephemeral replies', () => {
    expect(fitReplyForDiscord({ content: 'x', ephemeral: true }).flags).toBe(64);
    expect(fitReplyForDiscord({ content: 'x' }).flags).toBeUndefined();
  });

  it('cuts long content to 2000 characters with an ellipsis', () => {
    const body = fitReplyForDiscord({ content: 'a'.repeat(2500) });
    expect(body.content).toHaveLength(2000);
    expect(body.content!.endsWith('…')).toBe(true);
  });

  it('continues a long description in further embeds instead of dropping it', () => {
    const lines = Array.from({ length: 120 }, (_, i) => `Line ${i}: delegations met again to discuss a ceasefire.`);
    const body = fitReplyForDiscord({ embeds: [{ title: 'Talks', description: lines.join('\n') }] });
    expect(body.embeds.length).toBeGreaterThan(1);
    const joined = body.embeds.map((e) => e.description).join('\n');
    expect(joined).toContain('Line 0:');
    expect(joined).toContain('Line 100:');
  });

  it('moves fields past 25 into a continuation embed', () => {
    const fields = Array.from({ length: 30 }, (_, i) => ({ name: `Event ${i}`, value: 'held' }));
    const body = fitReplyForDiscord({ embeds: [{ title: 'Many', fields }] });
    expect(body.embeds[0]!.fields).toHaveLength(25);
    expect(body.embeds[1]!.fields).toHaveLength(5);
  });

  it('stops at 6000 characters in all and marks the cut', () => {
    const embeds = Array.from({ length: 5 }, () => ({ description: 'word '.repeat(800) }));
    const body = fitReplyForDiscord({ embeds });
    const total = body.embeds.reduce((sum, e) => sum + embedLength(e), 0);
    expect(total).toBeLessThanOrEqual(6000);
    expect(body.embeds[body.embeds.length - 1]!.description!.endsWith('…')).toBe(true);
  });

  it('drops a url that is not http(s)', () => {
    const body = fitReplyForDiscord({ embeds: [{ title: 'x', url: 'javascript:alert(1)' }] });
    expect(body.embeds[0]!.url).toBeUndefined();
  });

  it('answers something for an empty reply, because Discord refuses empty messages', () => {
    assertWithinLimits(fitReplyForDiscord({}));
  });
});

describe('splitText', () => {
  it('prefers line breaks', () => {
    expect(splitText('aaaa\nbbbb\ncccc', 10)).toEqual(['aaaa\nbbbb', 'cccc']);
  });

  it('never returns a chunk over the limit', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), fc.integer({ min: 2, max: 60 }), (input, max) => {
        for (const chunk of splitText(input, max)) expect(chunk.length).toBeLessThanOrEqual(max);
      }),
    );
  });
});

describe('fitReplyForDiscord when content is left out', () => {
  it('notes in the footer that more was not shown', () => {
    const embeds = Array.from({ length: 12 }, (_, i) => ({ title: `Talk ${i}`, description: 'short' }));
    const body = fitReplyForDiscord({ embeds });
    expect(body.embeds).toHaveLength(10);
    expect(body.embeds[9]!.footer?.text).toBe('… more not shown (Discord size limit)');
  });
});

describe('fitReplyForDiscord with files', () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);

  it('describes each file as an attachment and shows the picture in its embed', () => {
    const reply: Reply = {
      embeds: [{ title: 'Talks', image: 'timeline.png' }],
      files: [{ name: 'timeline.png', data: png, description: 'A timeline\nof   3 talks' }],
    };
    const body = fitReplyForDiscord(reply);
    expect(body.attachments).toEqual([{ id: 0, filename: 'timeline.png', description: 'A timeline of 3 talks' }]);
    expect(body.embeds[0]?.image).toEqual({ url: 'attachment://timeline.png' });
    expect(replyFilesForDiscord(reply).map((f) => [f.name, f.data.length])).toEqual([['timeline.png', 4]]);
  });

  it('keeps an embed that is only a picture', () => {
    const body = fitReplyForDiscord({ embeds: [{ image: 'a.png' }], files: [{ name: 'a.png', data: png }] });
    expect(body.embeds).toEqual([{ image: { url: 'attachment://a.png' } }]);
    expect(body.content).toBeUndefined();
  });

  it('leaves out a file over 10 MB, an unsafe name and an image naming no file, and says so', () => {
    const big = new Uint8Array(DISCORD_LIMITS.fileBytes + 1);
    const reply: Reply = {
      content: 'here',
      embeds: [{ title: 'Talks', image: 'big.png' }],
      files: [
        { name: 'big.png', data: big },
        { name: '../../etc/passwd', data: png },
      ],
    };
    const body = fitReplyForDiscord(reply);
    expect(replyFilesForDiscord(reply)).toEqual([]);
    expect(body.attachments).toBeUndefined();
    expect(body.embeds[0]?.image).toBeUndefined();
    expect(body.content).toBe('here\n(a file was left out: Discord takes at most 10 files of 10 MB each)');
  });

  it('sends at most 10 files and cuts a description to 1024 characters', () => {
    const files = Array.from({ length: 12 }, (_, i) => ({ name: `f${i}.png`, data: png, description: 'x'.repeat(2000) }));
    const kept = replyFilesForDiscord({ files });
    expect(kept).toHaveLength(10);
    expect(kept[0]!.description!.length).toBe(1024);
  });
});
