import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { listenForShutdownSignal, type SignalSource } from '../src/cli/shutdown.ts';

function signals() {
  const emitter = new EventEmitter();
  const exits: number[] = [];
  const source = emitter as unknown as SignalSource;
  const shutdown = listenForShutdownSignal(source, (code) => exits.push(code));
  return { emitter, exits, shutdown };
}

describe('shutdown signals', () => {
  it('the first signal asks for a graceful stop, the second exits at once', async () => {
    const { emitter, exits, shutdown } = signals();
    emitter.emit('SIGTERM', 'SIGTERM');
    expect(await shutdown.signal).toBe('SIGTERM');
    expect(exits).toEqual([]);
    emitter.emit('SIGINT', 'SIGINT');
    expect(exits).toEqual([130]);
    shutdown.dispose();
    expect(emitter.listenerCount('SIGINT') + emitter.listenerCount('SIGTERM')).toBe(0);
  });

  it('once stopping began without a signal (console mode ended on Ctrl-C), the next Ctrl-C exits at once', () => {
    const { emitter, exits, shutdown } = signals();
    shutdown.stopping();
    emitter.emit('SIGINT', 'SIGINT');
    expect(exits).toEqual([130]);
    emitter.emit('SIGTERM', 'SIGTERM');
    expect(exits).toEqual([130, 143]);
    shutdown.dispose();
  });
});
