// Reads one config folder (parley.yaml, people.yaml, places.yaml) into a LoadedConfig. Every
// failure is a ConfigError whose message an operator can act on without reading code: the file,
// the field path and what was expected, or for YAML syntax errors the file, line and column.
import { readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { YAMLParseError, parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import type { ConfigSource } from '../app.ts';
import { parleyConfigSchema, peopleFileSchema, placesFileSchema, type LoadedConfig } from './schema.ts';

export const CONFIG_FILES = { parley: 'parley.yaml', people: 'people.yaml', places: 'places.yaml' } as const;

export class ConfigError extends Error {
  override name = 'ConfigError';
  /** One line per problem, each starting with the file it is in. */
  readonly problems: string[];
  constructor(problems: string[]) {
    super(problems.join('\n'));
    this.problems = problems;
  }
}

/** Loads and validates the config folder `dir`. Throws ConfigError on any problem. */
export function loadConfig(dir: string): LoadedConfig {
  const absoluteDir = resolve(dir);
  const parleyRaw = readYamlFile(join(absoluteDir, CONFIG_FILES.parley), { required: true });
  const peopleRaw = readYamlFile(join(absoluteDir, CONFIG_FILES.people), { required: false });
  const placesRaw = readYamlFile(join(absoluteDir, CONFIG_FILES.places), { required: false });

  const problems: string[] = [];
  const parley = validate(parleyConfigSchema, parleyRaw ?? {}, join(absoluteDir, CONFIG_FILES.parley), problems);
  const people = validate(peopleFileSchema, peopleRaw ?? {}, join(absoluteDir, CONFIG_FILES.people), problems);
  const places = validate(placesFileSchema, placesRaw ?? {}, join(absoluteDir, CONFIG_FILES.places), problems);
  if (problems.length > 0 || !parley || !people || !places) throw new ConfigError(problems);
  return { dir: absoluteDir, parley, people: people.people, places: places.places };
}

/** The file name as an operator would type it: relative to the cwd when inside it. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? file : rel;
}

/** Parsed YAML of `file`; undefined when an optional file is absent; null for an empty file. */
function readYamlFile(file: string, { required }: { required: boolean }): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !required) return undefined;
    if (code === 'ENOENT') {
      throw new ConfigError([
        `${displayPath(file)}: file not found (a config folder needs ${CONFIG_FILES.parley}; set PARLEY_CONFIG to the folder that has it)`,
      ]);
    }
    if (code === 'EISDIR') throw new ConfigError([`${displayPath(file)}: is a folder, expected a YAML file`]);
    throw new ConfigError([`${displayPath(file)}: cannot be read (${(error as Error).message})`]);
  }
  try {
    return parseYaml(text, { prettyErrors: false, uniqueKeys: true, maxAliasCount: 100 }) ?? null;
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const { line, column } = lineAndColumn(text, error.pos[0]);
      const reason =
        error.code === 'MULTIPLE_DOCS'
          ? 'the file holds more than one YAML document (a second "---"); keep one'
          : (error.message.split('\n')[0] ?? error.code);
      throw new ConfigError([`${displayPath(file)}: YAML syntax error at line ${line}, column ${column}: ${reason}`]);
    }
    throw new ConfigError([`${displayPath(file)}: cannot be parsed as YAML (${(error as Error).message})`]);
  }
}

/** 1-based line and column of a character offset, as editors number them. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: before.length - lineStart + 1 };
}

function validate<S extends z.ZodType>(schema: S, raw: unknown, file: string, problems: string[]): z.output<S> | undefined {
  const result = schema.safeParse(raw, { reportInput: true, error: expectationOf });
  if (result.success) return result.data;
  for (const issue of result.error.issues) problems.push(`${displayPath(file)}: ${describeIssue(issue)}`);
  return undefined;
}

type RawIssue = Parameters<Extract<z.core.$ZodErrorMap, (...args: never[]) => unknown>>[0];

/**
 * Zod's error map, used for every issue the schema has no message of its own for. It returns
 * what the field should have been, as a noun phrase ("a number >= 1"), so that every message
 * reads "expected <phrase>, got <value>" whether it came from here or from the schema.
 */
function expectationOf(issue: RawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return typeNoun(String(issue.expected));
    case 'too_small':
      return boundPhrase(issue.origin, issue.minimum, issue.inclusive ?? true, 'min');
    case 'too_big':
      return boundPhrase(issue.origin, issue.maximum, issue.inclusive ?? true, 'max');
    case 'invalid_format':
      if (issue.format === 'url') return 'a URL';
      if (issue.format === 'regex' && 'pattern' in issue) return `text matching ${String(issue.pattern)}`;
      return `a valid ${issue.format}`;
    case 'invalid_value':
      return `one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'not_multiple_of':
      return `a multiple of ${String(issue.divisor)}`;
    case 'unrecognized_keys':
      return `only the fields ${knownKeysOf(issue).join(', ')}`;
    case 'invalid_union':
      return 'one of the allowed forms';
    default:
      return 'a valid value';
  }
}

function typeNoun(expected: string): string {
  const nouns: Record<string, string> = {
    string: 'a string',
    number: 'a number',
    int: 'a whole number',
    boolean: 'true or false',
    array: 'a list',
    object: 'a mapping of fields (key: value)',
    date: 'a date',
    never: 'nothing here',
  };
  return nouns[expected] ?? `a ${expected}`;
}

function boundPhrase(origin: string, bound: unknown, inclusive: boolean, side: 'min' | 'max'): string {
  const n = Number(bound);
  if (origin === 'string') {
    if (side === 'min') return n === 1 ? 'a non-empty string' : `a string of at least ${n} characters`;
    return `a string of at most ${n} characters`;
  }
  if (origin === 'array' || origin === 'set') {
    return side === 'min' ? `a list of at least ${n} item${n === 1 ? '' : 's'}` : `a list of at most ${n} item${n === 1 ? '' : 's'}`;
  }
  const op = side === 'min' ? (inclusive ? '>=' : '>') : inclusive ? '<=' : '<';
  return `a number ${op} ${String(bound)}`;
}

function knownKeysOf(issue: RawIssue): string[] {
  const shape = (issue as { inst?: { _zod?: { def?: { shape?: Record<string, unknown> } } } }).inst?._zod?.def?.shape;
  return shape ? Object.keys(shape) : [];
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const fields = issue.keys.map((key) => JSON.stringify(key)).join(', ');
    const noun = issue.keys.length === 1 ? 'unknown field' : 'unknown fields';
    const allowed = issue.message.startsWith('only the fields ') ? ` (allowed: ${issue.message.slice('only the fields '.length)})` : '';
    return `${path}: ${noun} ${fields}${allowed}`;
  }
  const input = (issue as { input?: unknown }).input;
  if (input === undefined && issue.code === 'invalid_type')
    return `${path}: expected ${issue.message}, got nothing (this field is required)`;
  return `${path}: expected ${issue.message}, got ${describeValue(input)}`;
}

/** `feeds[0].url`; the whole file when the path is empty. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return '(top level)';
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

function describeValue(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  // A number, boolean, bigint, symbol or undefined here: objects and lists are described above.
  // oxlint-disable-next-line typescript/no-base-to-string
  return String(value);
}

/** A ConfigSource that never changes: for one-shot commands and tests. */
export function fixedConfigSource(config: LoadedConfig): ConfigSource {
  return { current: () => config, onChange: () => () => {} };
}
