import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCommands, isCommandFile } from '../src/interaction/loadCommands.ts';

const dirs: string[] = [];
function commandsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'parley-commands-'));
  dirs.push(dir);
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const valid = (name: string) => `export default {
  data: { name: '${name}', description: 'Says hello', options: [{ type: 3, name: 'who', description: 'Whom', max_length: 20 }] },
  async execute() { return { content: 'hello' }; },
};`;

describe('loadCommands', () => {
  it('loads the project commands and each is valid', async () => {
    const commands = await loadCommands();
    const names = commands.map((c) => c.data.name);
    for (const name of ['latest-talks', 'who', 'event', 'search', 'sources', 'help']) expect(names).toContain(name);
  });

  it('loads every command module and skips helpers', async () => {
    const dir = commandsDir({ 'hello.ts': valid('hello'), '_format.ts': 'export const x = 1;', 'bye.ts': valid('bye') });
    const commands = await loadCommands(dir);
    expect(commands.map((c) => c.data.name)).toEqual(['bye', 'hello']);
  });

  it('names the file of a module without a default export', async () => {
    const dir = commandsDir({ 'empty.ts': 'export const nothing = 1;' });
    await expect(loadCommands(dir)).rejects.toThrow(/commands\/empty\.ts has no default export/);
  });

  it('names the file and the field of an invalid definition', async () => {
    const dir = commandsDir({
      'bad.ts': `export default { data: { name: 'Bad Name', description: '' }, async execute() { return {}; } };`,
    });
    await expect(loadCommands(dir)).rejects.toThrow(/commands\/bad\.ts is not a valid command: data\.name: .*data\.description/);
  });

  it('refuses a string option without max_length and autocomplete without a handler', async () => {
    const dir = commandsDir({
      'loose.ts': `export default { data: { name: 'loose', description: 'x', options: [{ type: 3, name: 'q', description: 'q' }] }, async execute() { return {}; } };`,
    });
    await expect(loadCommands(dir)).rejects.toThrow(/max_length/);
    const dir2 = commandsDir({
      'auto.ts': `export default { data: { name: 'auto', description: 'x', options: [{ type: 3, name: 'q', description: 'q', max_length: 5, autocomplete: true }] }, async execute() { return {}; } };`,
    });
    await expect(loadCommands(dir2)).rejects.toThrow(/autocomplete handler/);
  });

  it('reports a module that fails to import', async () => {
    const dir = commandsDir({ 'broken.ts': `import { nope } from './missing.ts';\nexport default nope;` });
    await expect(loadCommands(dir)).rejects.toThrow(/commands\/broken\.ts could not be imported/);
  });

  it('refuses two modules with the same command name', async () => {
    const dir = commandsDir({ 'a.ts': valid('same'), 'b.ts': valid('same') });
    await expect(loadCommands(dir)).rejects.toThrow(/"\/same" is already used by commands\/a\.ts/);
  });

  it('tells command files from helpers', () => {
    expect(isCommandFile('who.ts')).toBe(true);
    expect(isCommandFile('_shared.ts')).toBe(false);
    expect(isCommandFile('who.test.ts')).toBe(false);
    expect(isCommandFile('types.d.ts')).toBe(false);
  });
});
