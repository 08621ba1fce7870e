import { describe, expect, it } from 'vitest';
import { createConsoleDigestPrinter, DeliveryError, DeliveryQueue, type ChannelPoster } from '../src/digest/delivery.ts';

function recordingPoster(
  behaviour: (channelId: string, attempt: number) => void | Promise<void> = () => {},
): ChannelPoster & { calls: Array<{ channelId: string; at: number; nonce: string; signal: AbortSignal }> } {
  const calls: Array<{ channelId: string; at: number; nonce: string; signal: AbortSignal }> = [];
  const attempts = new Map<string, number>();
  return {
    calls,
    async post(channelId, _reply, { nonce, signal }) {
      calls.push({ channelId, at: Date.now(), nonce, signal });
      const attempt = (attempts.get(channelId) ?? 0) + 1;
      attempts.set(channelId, attempt);
      await behaviour(channelId, attempt);
      return { messageId: `m-${channelId}-${attempt}` };
    },
  };
}

const reply = { content: 'digest' };

const transient = (message: string) => new DeliveryError({ kind: 'transient', message });
const rateLimited = (retryAfterMs: number, global = false) =>
  new DeliveryError({ kind: 'rate-limited', retryAfterMs, global, message: 'slow down' });

describe('DeliveryQueue', () => {
  it('never starts more than the rate allows in any one-second window', async () => {
    const poster = recordingPoster();
    const queue = new DeliveryQueue({ poster, requestsPerSecond: 20, concurrency: 5 });
    const started = Date.now();
    await Promise.all(Array.from({ length: 45 }, (_, i) => queue.send(`c${i}`, reply, `n${i}`)));
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(2000);
    const times = poster.calls.map((c) => c.at);
    for (let i = 0; i < times.length; i++) {
      expect(times.filter((t) => t >= times[i]! && t < times[i]! + 1000).length).toBeLessThanOrEqual(20);
    }
    expect(queue.stats.peakRequestsPerSecond).toBe(20);
  });

  it('keeps the queue order, and a retried message keeps its place without holding up the rest', async () => {
    const poster = recordingPoster((channelId, attempt) => {
      if (channelId === 'c1' && attempt === 1) throw transient('boom');
    });
    const queue = new DeliveryQueue({ poster, concurrency: 1, backoffBaseMs: 50 });
    const outcomes = await Promise.all(['c0', 'c1', 'c2', 'c3'].map((c) => queue.send(c, reply, `nonce-${c}`)));
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(poster.calls.map((c) => c.channelId)).toEqual(['c0', 'c1', 'c2', 'c3', 'c1']);
    expect(poster.calls.filter((c) => c.channelId === 'c1').map((c) => c.nonce)).toEqual(['nonce-c1', 'nonce-c1']);
    expect(outcomes[1]).toMatchObject({ ok: true, attempts: 2 });
  });

  it('waits as long as a 429 asks before trying that message again', async () => {
    const poster = recordingPoster((_c, attempt) => {
      if (attempt === 1) throw rateLimited(300);
    });
    const queue = new DeliveryQueue({ poster });
    const outcome = await queue.send('c', reply, 'n');
    expect(outcome).toMatchObject({ ok: true, attempts: 1 });
    expect(poster.calls[1]!.at - poster.calls[0]!.at).toBeGreaterThanOrEqual(295);
  });

  it('gives up on a forbidden channel at once, and on a failing server after its attempts', async () => {
    const poster = recordingPoster((channelId) => {
      if (channelId === 'forbidden') throw new DeliveryError({ kind: 'channel', message: 'Missing Permissions' });
      throw transient('down');
    });
    const queue = new DeliveryQueue({ poster, maxAttempts: 3, backoffBaseMs: 10 });
    const [forbidden, down] = await Promise.all([queue.send('forbidden', reply, 'a'), queue.send('down', reply, 'b')]);
    expect(forbidden).toMatchObject({ ok: false, attempts: 1, failure: { kind: 'channel' } });
    expect(down).toMatchObject({ ok: false, attempts: 3, failure: { kind: 'transient' } });
  });

  it('treats a post that never answers as a timeout, aborts it and retries it with the same nonce', async () => {
    const poster = recordingPoster(async (_c, attempt) => {
      if (attempt === 1) await new Promise(() => {});
    });
    const queue = new DeliveryQueue({ poster, requestTimeoutMs: 100, backoffBaseMs: 10 });
    const outcome = await queue.send('c', reply, 'same');
    expect(outcome).toMatchObject({ ok: true, attempts: 2 });
    expect(poster.calls.map((c) => c.nonce)).toEqual(['same', 'same']);
    expect(poster.calls.map((c) => c.signal.aborted)).toEqual([true, false]);
  });
});

describe('DeliveryQueue global limits and shutdown', () => {
  it('a global 429 pauses every message, not just the one that hit it', async () => {
    const poster = recordingPoster((channelId, attempt) => {
      if (channelId === 'c0' && attempt === 1) throw rateLimited(250, true);
    });
    const queue = new DeliveryQueue({ poster, concurrency: 1 });
    const started = Date.now();
    await Promise.all(['c0', 'c1', 'c2'].map((c) => queue.send(c, reply, c)));
    const [, ...after] = poster.calls;
    expect(after.map((c) => c.channelId)).toEqual(['c0', 'c1', 'c2']);
    expect(after.every((c) => c.at - started >= 245)).toBe(true);
  });

  it('close() cancels what has not started and lets in-flight messages finish', async () => {
    let release: () => void = () => {};
    const poster = recordingPoster(async (channelId) => {
      if (channelId === 'slow') await new Promise<void>((r) => (release = r));
    });
    const queue = new DeliveryQueue({ poster, concurrency: 1 });
    const slow = queue.send('slow', reply, 'a');
    const waiting = queue.send('later', reply, 'b');
    await new Promise((r) => setTimeout(r, 20));
    queue.close();
    expect(await waiting).toMatchObject({ ok: false, failure: { kind: 'cancelled' } });
    release();
    expect(await slow).toMatchObject({ ok: true });
    await queue.idle();
    expect(poster.calls.map((c) => c.channelId)).toEqual(['slow']);
    expect(await queue.send('after', reply, 'c')).toMatchObject({ ok: false, failure: { kind: 'cancelled' } });
  });
});

describe('createConsoleDigestPrinter', () => {
  it('prints the digest as plain text, one message id per digest', async () => {
    let out = '';
    const printer = createConsoleDigestPrinter((text) => (out += text));
    const first = await printer.post(
      '123',
      { content: '**Talks digest**', embeds: [{ title: 'Talks held (1)', description: '[news.example](https://news.example/a)' }] },
      { nonce: 'n', signal: AbortSignal.timeout(1000) },
    );
    const second = await printer.post('123', { content: 'No new talks.' }, { nonce: 'm', signal: AbortSignal.timeout(1000) });
    expect(first.messageId).not.toBe(second.messageId);
    expect(out).toContain('digest for channel 123');
    expect(out).toContain('Talks held (1)');
    expect(out).toContain('news.example (https://news.example/a)');
    expect(out).not.toContain('**');
  });

  it('prints alerts and their edits, through the queue, labelled as such', async () => {
    let out = '';
    const queue = new DeliveryQueue({ poster: createConsoleDigestPrinter((text) => (out += text)) });
    const posted = await queue.send(
      '123',
      { content: '🔔 **Talks reported as held**', embeds: [{ title: '#4 · 9 Nov 2026 · Ankara, Turkey' }] },
      'n',
      'alert',
    );
    expect(posted.ok).toBe(true);
    const messageId = posted.ok ? posted.messageId : '';
    expect(
      await queue.edit('123', messageId, {
        content: '🔔 **Talks reported as held**',
        embeds: [{ title: '#4 · 9 Nov 2026 · Ankara, Turkey', description: '2 sources' }],
      }),
    ).toMatchObject({ ok: true, messageId });
    expect(out).toContain('--- alert for channel 123 ---');
    expect(out).toContain(`--- alert ${messageId} updated in channel 123 ---`);
    expect(out).toContain('2 sources');
    expect(out).not.toContain('digest for channel');
  });
});
