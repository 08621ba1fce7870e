// `parley migrate-store --from LOCATION --to LOCATION`: copies a whole store between SQLite and
// PostgreSQL (either way) into an empty target, then proves the copy by comparing the two
// stores' exports. The source is only read; an operator switching backends never loses a timeline.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliFailure, println, UsageError, type CliIo } from '../io.ts';
import { createProgressReporter } from '../progress.ts';
import { isPostgresUrl, redactLocation } from '../../store/location.ts';

export interface MigrateStoreOptions {
  from?: string;
  to?: string;
}

function location(value: string, io: CliIo): string {
  const trimmed = value.trim();
  return isPostgresUrl(trimmed) ? trimmed : resolve(io.cwd, trimmed);
}

export async function migrateStoreCommand(options: MigrateStoreOptions, io: CliIo): Promise<number> {
  if (!options.from || !options.to)
    throw new UsageError('migrate-store needs --from LOCATION and --to LOCATION (an SQLite file or a postgres:// URL)');
  const from = location(options.from, io);
  const to = location(options.to, io);
  if (from === to) throw new UsageError('migrate-store: --from and --to are the same store');
  if (!isPostgresUrl(from) && !existsSync(from)) throw new CliFailure(`migrate-store: there is no store at ${from}`);
  const { copyStore, openRawStore, tablesInUse } = await import('../../store/copy.ts');
  const { openStore } = await import('../../store/open.ts');

  const source = await openRawStore(from);
  let copied: Map<string, number>;
  try {
    const target = await openRawStore(to);
    const used = await tablesInUse(target);
    if (used.length > 0) {
      await target.close();
      throw new CliFailure(
        `migrate-store: the target store is not empty (${used.join(', ')}); it copies into an empty store only, and nothing was written`,
      );
    }
    const progress = createProgressReporter(io.stderr, 'migrate-store');
    try {
      copied = await copyStore(source, target, (p) => progress.update({ done: p.done, total: p.total, current: p.table }));
    } finally {
      progress.stop();
      await target.close();
    }
  } finally {
    await source.close();
  }

  // The proof: both stores, opened as Parley opens them, export the same timeline.
  const [a, b] = [await openStore(from), await openStore(to)];
  try {
    const [expected, actual] = [await a.timeline.exportAll(), await b.timeline.exportAll()];
    const rows = [...copied.values()].reduce((x, y) => x + y, 0);
    if (JSON.stringify(expected) !== JSON.stringify(actual)) {
      throw new CliFailure(
        `migrate-store: copied ${rows} rows, but the export of ${redactLocation(to)} differs from the export of ${redactLocation(from)}; the source is unchanged`,
      );
    }
    const [counts, articles] = [await b.queries.counts(), copied.get('articles') ?? 0];
    println(
      io.stdout,
      `copied ${rows} rows (${articles} articles, ${counts.events} events, ${counts.people} people, ${counts.quotes} quotes, ` +
        `${copied.get('subscriptions') ?? 0} subscriptions) from ${redactLocation(from)} to ${redactLocation(to)}; exports identical`,
    );
    return 0;
  } finally {
    await a.close();
    await b.close();
  }
}
