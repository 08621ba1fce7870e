// `parley export --json [--output FILE]`: the whole timeline in the scorecard's format.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { withStore } from '../context.ts';
import { println, type CliIo } from '../io.ts';

export async function exportCommand(options: { output?: string }, io: CliIo): Promise<number> {
  const exported = await withStore(io, ({ store }) => store.timeline.exportAll());
  const json = JSON.stringify(exported, null, 2);
  if (options.output) {
    const file = resolve(io.cwd, options.output);
    await writeFile(file, `${json}\n`);
    println(io.stderr, `exported ${exported.events.length} events, ${exported.people.length} people, ${exported.quotes.length} quotes to ${file}`);
  } else {
    println(io.stdout, json);
  }
  return 0;
}
