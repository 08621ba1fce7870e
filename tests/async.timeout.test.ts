import { describe, expect, it } from 'vitest';
import { TimeoutError, withTimeout } from '../src/async/timeout.ts';

describe('withTimeout', () => {
  it('gives the value of work that settles in time', async () => {
    await expect(withTimeout(1000, async () => 'done')).resolves.toBe('done');
  });

  it('passes on the failure of work that fails in time', async () => {
    await expect(withTimeout(1000, () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
  });

  it('rejects with a TimeoutError at the deadline and aborts the signal, even when the work ignores it', async () => {
    let seen: AbortSignal | undefined;
    const late = withTimeout(20, (signal) => ((seen = signal), new Promise<never>(() => {})), 'no READY in time');
    await expect(late).rejects.toBeInstanceOf(TimeoutError);
    await expect(late).rejects.toThrow('no READY in time');
    expect(seen?.aborted).toBe(true);
    expect(seen?.reason).toBeInstanceOf(TimeoutError);
  });
});
