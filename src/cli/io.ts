// What a CLI command writes to and reads from. main() uses the process's own streams; tests
// can pass their own to run a command in-process.
export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: Record<string, string | undefined>;
  cwd: string;
}

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}

/** Writes `text` and a newline. */
export function println(stream: NodeJS.WritableStream, text = ''): void {
  stream.write(`${text}\n`);
}

/**
 * A failure the operator can act on from its message alone (a missing folder, a store that
 * cannot be opened): printed as one line, exit code 1.
 */
export class CliFailure extends Error {
  override name = 'CliFailure';
}

/** A mistake in how the command was called; printed with the usage hint, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
