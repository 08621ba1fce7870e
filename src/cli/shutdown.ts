// The signals that stop `parley start`. The first SIGINT/SIGTERM asks for a graceful stop; once
// stopping has begun for any reason (a signal, or console mode ending on Ctrl-C or "exit"), the
// next signal exits at once: an operator who presses Ctrl-C twice means it.
type SignalName = 'SIGINT' | 'SIGTERM';

export interface SignalSource {
  on(event: SignalName, listener: (signal: SignalName) => void): unknown;
  off(event: SignalName, listener: (signal: SignalName) => void): unknown;
}

export interface ShutdownSignal {
  /** Resolves with the name of the first signal. */
  signal: Promise<string>;
  /** Stopping has begun: from now on a signal exits at once. */
  stopping(): void;
  /** Removes the listeners (the process is about to return from main). */
  dispose(): void;
}

const SIGNALS: SignalName[] = ['SIGINT', 'SIGTERM'];

export function listenForShutdownSignal(
  source: SignalSource = process,
  exit: (code: number) => void = (code) => process.exit(code),
): ShutdownSignal {
  let resolveSignal: (name: string) => void = () => {};
  const signal = new Promise<string>((resolve) => {
    resolveSignal = resolve;
  });
  let armed = false;
  const forceExit = (name: SignalName) => exit(name === 'SIGINT' ? 130 : 143);
  const stopping = () => {
    if (armed) return;
    armed = true;
    for (const name of SIGNALS) {
      source.off(name, onSignal);
      source.on(name, forceExit);
    }
  };
  const onSignal = (name: SignalName) => {
    stopping();
    resolveSignal(name);
  };
  for (const name of SIGNALS) source.on(name, onSignal);
  return {
    signal,
    stopping,
    dispose() {
      for (const name of SIGNALS) {
        source.off(name, onSignal);
        source.off(name, forceExit);
      }
    },
  };
}
