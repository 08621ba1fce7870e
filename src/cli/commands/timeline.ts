// `parley timeline [--side X] [--person NAME] [--from D] [--to D] --out FILE.png`: draws the
// timeline picture that /timeline posts and writes it to a file; prints what it shows.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UserFacingError } from '../../interaction/command.ts';
import { logger } from '../../log.ts';
import { markdownToPlain } from '../../render/text.ts';
import { withStore } from '../context.ts';
import { println, UsageError, type CliIo } from '../io.ts';
import { cliInvoker } from './ask.ts';

export interface TimelineCliOptions {
  side?: string;
  person?: string;
  from?: string;
  to?: string;
  out?: string;
}

export async function timelineCommand(options: TimelineCliOptions, io: CliIo): Promise<number> {
  if (!options.out) throw new UsageError('timeline needs --out FILE.png, the file to write the picture to');
  if (!/\.png$/i.test(options.out)) throw new UsageError(`timeline: --out must name a .png file, got "${options.out}"`);
  const file = resolve(io.cwd, options.out);
  const [{ drawTimeline, parseDayOption }, { resolvePerson }, { resolveSide }] = await Promise.all([
    import('../../timeline/picture.ts'),
    import('../../../commands/_people.ts'),
    import('../../../commands/_sides.ts'),
  ]);
  try {
    return await withStore(io, async ({ store, config }) => {
      const ctx = { store, config: () => config, now: () => new Date(), invoker: cliInvoker({}), logger };
      const person = options.person?.trim() ? await resolvePerson(options.person, ctx) : undefined;
      const answer = await drawTimeline(
        {
          ...(options.side?.trim() ? { side: resolveSide(options.side) } : {}),
          ...(person ? { person } : {}),
          ...(options.from ? { from: parseDayOption(options.from, 'from') } : {}),
          ...(options.to ? { to: parseDayOption(options.to, 'to') } : {}),
        },
        { store, now: new Date(), timeZone: config.parley.timeZone },
      );
      if (answer.kind === 'empty') {
        println(io.stderr, `parley: ${markdownToPlain(answer.message)} Nothing written.`);
        return 1;
      }
      await writeFile(file, answer.png.data);
      println(io.stdout, `${file} (${answer.png.width}×${answer.png.height})`);
      println(io.stdout, markdownToPlain(answer.description));
      return 0;
    });
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    println(io.stderr, `parley: ${markdownToPlain(error.message)}`);
    return 1;
  }
}
