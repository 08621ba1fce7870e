// `parley export --json [--output FILE]`: the whole timeline in the scorecard's format.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { checkOutputFolder, withStore } from '../context.ts';
import { CliFailure, println, type CliIo } from '../io.ts';

export async function exportCommand(options: { output?: string }, io: CliIo): Promise<number> {
  const file = options.output ? resolve(io.cwd, options.output) : null;
  if (file) checkOutputFolder(file);
  const exported = await withStore(io, ({ store }) => store.timeline.exportAll());
  const json = JSON.stringify(exported, null, 2);
  if (file) {
    try {
      await writeFile(file, `${json}\n`);
    } catch (error) {
      throw new CliFailure(`cannot write ${file}: ${(error as Error).message}`, { cause: error });
    }
    println(
      io.stderr,
      `exported ${exported.events.length} events, ${exported.people.length} people, ${exported.quotes.length} quotes to ${file}`,
    );
  } else {
    println(io.stdout, json);
  }
  return 0;
}
