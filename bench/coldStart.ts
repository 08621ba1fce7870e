// Cold start to ready, as an operator starts Parley:
//   console  `parley start` without a token, on a terminal (a pty from script(1)), until it prints
//            its `parley>` prompt;
//   discord  `parley start` with a token against the fake Discord on 127.0.0.1, until the bot's
//            gateway session is READY (and until it logs "parley ready").
// Each on a given store (an empty one by default). The process's peak RSS is read from
// /proc/PID/status (VmHWM) just before it is stopped.
//
//   node --import tsx bench/coldStart.ts [--mode console|discord] [--db PATH] [--json]
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startFakeDiscord } from '../tests/support/fakeDiscord/index.ts';
import { ROOT } from './commandLatency.ts';

export interface ColdStartResult {
  mode: 'console' | 'discord';
  store: string;
  /** Spawn to the prompt (console) or to the gateway session's READY (discord). */
  readyMs: number;
  /** Spawn to the "parley ready" log line (pollers and schedulers started too). */
  readyLogMs: number | null;
  peakRssMb: number | null;
  /** CPU time the process (and its children) used until then: what the start costs on an idle machine. */
  cpuMs: number | null;
}

/** Peak resident set of a process (and of its node child when it is script(1)), in MB. */
function peakRssMb(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  const hwm = (p: number) => {
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      return match ? Number(match[1]) / 1024 : 0;
    } catch {
      return 0;
    }
  };
  let best = hwm(pid);
  // script(1) runs the command as its child: take the largest process below it.
  const children = (p: number): number[] => {
    try {
      return readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  };
  const queue = children(pid);
  while (queue.length > 0) {
    const child = queue.shift()!;
    best = Math.max(best, hwm(child));
    queue.push(...children(child));
  }
  return best > 0 ? Math.round(best * 10) / 10 : null;
}

/** User + system CPU time of a process and everything below it, from /proc (clock ticks of 10 ms). */
function cpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  const ticks = (p: number): number => {
    try {
      const fields = readFileSync(`/proc/${p}/stat`, 'utf8')
        .replace(/^.*\) /, '')
        .split(' ');
      // After the command name: state is field 3, utime 14 and stime 15 (1-based, in the full line).
      return Number(fields[11]) + Number(fields[12]);
    } catch {
      return 0;
    }
  };
  let total = 0;
  const queue = [pid];
  while (queue.length > 0) {
    const p = queue.shift()!;
    total += ticks(p);
    try {
      queue.push(...readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number));
    } catch {
      // gone
    }
  }
  return total * 10;
}

function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs: number, what: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(
      () => reject(new Error(`${what}: not seen within ${timeoutMs} ms; output so far:\n${seen.slice(-2000)}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      if (pattern.test(seen)) {
        clearTimeout(timer);
        resolve(performance.now());
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what}: process exited (${code}) first; output:\n${seen.slice(-2000)}`));
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

export async function benchColdStart(mode: 'console' | 'discord', dbPath?: string): Promise<ColdStartResult> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-cold-start-'));
  const db = dbPath ?? join(dir, 'parley.db');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PARLEY_DB: db,
    PARLEY_CONFIG: join(ROOT, 'config'),
    PARLEY_SAMPLES: '0',
    PARLEY_LOG_LEVEL: 'info',
    PARLEY_LOG_JSON: '1',
  };
  delete env.DISCORD_TOKEN;
  try {
    if (mode === 'console') {
      // A terminal, so the console prints its prompt the way a person sees it.
      const command = `${process.execPath} ${join(ROOT, 'bin', 'parley.js')} start`;
      const started = performance.now();
      const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
      try {
        const prompt = waitForOutput(child, /parley> /, 30_000, 'console prompt');
        const readyLog = waitForOutput(child, /"msg":"parley ready"/, 30_000, 'ready log').catch(() => null);
        const promptAt = await prompt;
        const readyAt = await Promise.race([readyLog, new Promise<null>((r) => setTimeout(() => r(null), 3000))]);
        const rss = peakRssMb(child.pid);
        return {
          mode,
          store: dbPath ?? 'empty',
          readyMs: Math.round(promptAt - started),
          readyLogMs: readyAt === null ? null : Math.round(readyAt - started),
          peakRssMb: rss,
          cpuMs: cpuMs(child.pid),
        };
      } finally {
        child.stdin?.end('exit\n');
        await stop(child);
      }
    }
    const fake = await startFakeDiscord();
    try {
      const started = performance.now();
      const child = spawn(process.execPath, [join(ROOT, 'bin', 'parley.js'), 'start'], {
        cwd: ROOT,
        env: { ...env, DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      try {
        const readyLog = waitForOutput(child, /"msg":"parley ready"/, 30_000, 'ready log');
        await fake.waitForReadySession();
        const readyAt = performance.now();
        const readyLogAt = await readyLog.catch(() => null);
        return {
          mode,
          store: dbPath ?? 'empty',
          readyMs: Math.round(readyAt - started),
          readyLogMs: readyLogAt === null ? null : Math.round(readyLogAt - started),
          peakRssMb: peakRssMb(child.pid),
          cpuMs: cpuMs(child.pid),
        };
      } finally {
        await stop(child);
      }
    } finally {
      await fake.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { mode: { type: 'string', default: 'console' }, db: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  const result = await benchColdStart(values.mode === 'discord' ? 'discord' : 'console', values.db);
  console.log(values.json ? JSON.stringify(result, null, 2) : result);
}
