// Runs the real `parley` command (node bin/parley.js) in a child process, the way an operator
// does, with PARLEY_CONFIG/PARLEY_DB pointing wherever the test says.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/parley.js', import.meta.url));

export interface ParleyRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface ParleyRunOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Written to stdin, which is then closed. */
  input?: string;
  timeoutMs?: number;
}

/** The child's environment: the test's PATH and HOME, JSON logs at info, no ops port, nothing from vitest. */
export function parleyEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TMPDIR: process.env.TMPDIR,
    PARLEY_LOG_LEVEL: 'info',
    PARLEY_LOG_JSON: '1',
    // Many `parley start` children run at once; the test of the endpoints picks its own port.
    PARLEY_HTTP_PORT: '0',
  };
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

export function spawnParley(args: string[], options: ParleyRunOptions = {}): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? REPO_ROOT, env: parleyEnv(options.env), stdio: 'pipe' });
}

export function runParley(args: string[], options: ParleyRunOptions = {}): Promise<ParleyRun> {
  const child = spawnParley(args, options);
  return collect(child, options);
}

export function collect(child: ChildProcessWithoutNullStreams, options: { input?: string; timeoutMs?: number } = {}): Promise<ParleyRun> {
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  if (options.input !== undefined) child.stdin.end(options.input);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`parley did not finish within ${options.timeoutMs ?? 120_000} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, options.timeoutMs ?? 120_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Resolves when the child's stderr (JSON log lines) has a line whose msg matches. */
export function waitForLog(
  child: ChildProcessWithoutNullStreams,
  msg: string | RegExp,
  timeoutMs = 60_000,
): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const matches = (line: Record<string, unknown>) =>
      typeof line.msg === 'string' && (typeof msg === 'string' ? line.msg === msg : msg.test(line.msg));
    const onData = (chunk: Buffer | string) => {
      buffer += chunk.toString();
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const text = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        let line: Record<string, unknown>;
        try {
          line = JSON.parse(text) as Record<string, unknown>;
        } catch {
          continue;
        }
        if (matches(line)) {
          done();
          resolve(line);
          return;
        }
      }
    };
    const onClose = () => {
      done();
      reject(new Error(`parley exited before logging ${String(msg)}`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`no log line ${String(msg)} within ${timeoutMs} ms`));
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      child.stderr.off('data', onData);
      child.off('close', onClose);
    };
    child.stderr.on('data', onData);
    child.on('close', onClose);
  });
}

/**
 * Runs `parley` in this process through main(), with its own stdout/stderr and environment:
 * the same code path without the cost of a child process.
 */
export async function runParleyInProcess(
  argv: string[],
  options: { env?: Record<string, string>; cwd?: string } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const { PassThrough } = await import('node:stream');
  const { main } = await import('../../src/cli/main.ts');
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await main(argv, { stdout, stderr, env: options.env ?? {}, cwd: options.cwd ?? REPO_ROOT });
  return { code, stdout: out, stderr: err };
}
