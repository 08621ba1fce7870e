// `parley config`: validates the config folder (as start-up and reloads do) and prints the
// configuration in force with every default filled in, so an operator can check an edit first.
import { stringify } from 'yaml';
import { resolveConfigDir, resolveDatabasePath } from '../../config/paths.ts';
import { loadCliConfig } from '../context.ts';
import { println, type CliIo } from '../io.ts';

export async function configCommand(options: { json: boolean }, io: CliIo): Promise<number> {
  const config = loadCliConfig(io);
  const effective = {
    configDir: resolveConfigDir(io.env, io.cwd),
    database: resolveDatabasePath(config, io.env, io.cwd),
    parley: config.parley,
    people: config.people,
    places: config.places,
  };
  if (options.json) println(io.stdout, JSON.stringify(effective, null, 2));
  else
    println(
      io.stdout,
      `# valid: ${config.parley.feeds.length} feeds, ${config.people.length} people, ${config.places.length} places\n${stringify(effective)}`,
    );
  return 0;
}
