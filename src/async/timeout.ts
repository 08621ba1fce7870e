// Giving async work a deadline: the one place that decides how.

/** The deadline passed before the work settled. */
export class TimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TimeoutError';
  }
}

/**
 * Runs `attempt` with a signal that aborts after `ms`, and rejects with a `TimeoutError` then,
 * even if the attempt ignores its signal (it is then abandoned, its outcome unobserved). The
 * timer is cleared as soon as the attempt settles.
 */
export function withTimeout<T>(
  ms: number,
  attempt: (signal: AbortSignal) => Promise<T>,
  message = `no answer within ${ms} ms`,
): Promise<T> {
  const controller = new AbortController();
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      const reason = new TimeoutError(message);
      controller.abort(reason);
      reject(reason);
    }, ms);
    attempt(controller.signal).then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
