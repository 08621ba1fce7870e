// Counts for the bad-input suite: how many hostile inputs were tried, and how many crashed, hung
// or lost data. Each suite file keeps one tally, checks it is clean, and prints it (and adds it to
// a per-run file so the totals of all files can be summed: `npx tsx tests/support/badInputTally.ts`).
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A run of one input longer than this counts as a hang (a budget, not a performance target). */
export const HANG_BUDGET_MS = 20_000;

export const TOTALS_FILE = join(tmpdir(), 'parley-bad-input-totals.jsonl');

export interface TallyCounts {
  suite: string;
  tried: number;
  crashes: number;
  hangs: number;
  dataLost: number;
}

export class BadInputTally {
  readonly counts: TallyCounts;
  /** What went wrong, for the assertion message. */
  readonly problems: string[] = [];

  constructor(suite: string) {
    this.counts = { suite, tried: 0, crashes: 0, hangs: 0, dataLost: 0 };
  }

  /** Runs one input; an exception is a crash, an over-budget run a hang. Returns the result or undefined. */
  run<T>(what: string, fn: () => T): T | undefined {
    this.counts.tried += 1;
    const started = performance.now();
    try {
      return fn();
    } catch (error) {
      this.crash(what, error);
      return undefined;
    } finally {
      this.checkTime(what, started);
    }
  }

  async runAsync<T>(what: string, fn: () => Promise<T>): Promise<T | undefined> {
    this.counts.tried += 1;
    const started = performance.now();
    try {
      return await fn();
    } catch (error) {
      this.crash(what, error);
      return undefined;
    } finally {
      this.checkTime(what, started);
    }
  }

  /** Counts an input tried outside `run` (e.g. one served to the ingest pipeline). */
  tried(count = 1): void {
    this.counts.tried += count;
  }

  crash(what: string, error: unknown): void {
    this.counts.crashes += 1;
    this.problems.push(`crash on ${what}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`.slice(0, 2000));
  }

  hang(what: string): void {
    this.counts.hangs += 1;
    this.problems.push(`hang on ${what}`);
  }

  lost(what: string, count = 1): void {
    this.counts.dataLost += count;
    this.problems.push(`data lost: ${what}`);
  }

  /** A wrong answer that is neither a crash nor a hang (a reply over Discord's limits, a ping). */
  problem(what: string): void {
    this.problems.push(what);
  }

  private checkTime(what: string, started: number): void {
    if (performance.now() - started > HANG_BUDGET_MS) this.hang(what);
  }

  /** Prints the counts and records them for the run's totals. */
  report(): void {
    const c = this.counts;
    console.log(
      `[bad-input] ${c.suite}: ${c.tried} inputs tried, ${c.crashes} crashes, ${c.hangs} hangs, ${c.dataLost} data lost, ${this.problems.length} problems`,
    );
    try {
      appendFileSync(TOTALS_FILE, `${JSON.stringify({ ...c, problems: this.problems.length, at: new Date().toISOString() })}\n`);
    } catch {
      // The totals file is a convenience; the printed line is the record.
    }
  }
}

/** Sums the totals file (one line per suite file and run). */
export function sumTotals(path = TOTALS_FILE): Record<string, TallyCounts & { problems: number }> {
  const bySuite: Record<string, TallyCounts & { problems: number }> = {};
  if (!existsSync(path)) return bySuite;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const entry = JSON.parse(line) as TallyCounts & { problems: number };
    // The latest run of each suite counts.
    bySuite[entry.suite] = entry;
  }
  return bySuite;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const suites = Object.values(sumTotals());
  for (const s of suites)
    console.log(`${s.suite.padEnd(40)} tried ${s.tried}, crashes ${s.crashes}, hangs ${s.hangs}, data lost ${s.dataLost}`);
  const sum = (k: 'tried' | 'crashes' | 'hangs' | 'dataLost') => suites.reduce((n, s) => n + s[k], 0);
  console.log(`TOTAL: ${sum('tried')} inputs tried, ${sum('crashes')} crashes, ${sum('hangs')} hangs, ${sum('dataLost')} data lost`);
}
