// Prints what extractArticle finds in each seed article (or in the files given), for iterating
// on the extraction rules:  npx tsx scripts/extract-seeds.ts [--empty-people] [--events] [FILE...]
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { peopleFileSchema, placesFileSchema } from '../src/config/schema.ts';
import { extractArticle } from '../src/extract/index.ts';
import { articleFromPlainText } from '../src/ingest/textFile.ts';

const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));
const args = process.argv.slice(2);
const emptyPeople = args.includes('--empty-people');
const only = args.find((a) => a.startsWith('--only='))?.slice(7);
const files = args.filter((a) => !a.startsWith('--'));
const seedsDir = resolve(repoRoot, '..', 'shared', 'seeds');
const paths = files.length
  ? files
  : readdirSync(seedsDir)
      .sort()
      .map((f) => join(seedsDir, f));

const people = emptyPeople ? [] : peopleFileSchema.parse(parse(readFileSync(join(repoRoot, 'config', 'people.yaml'), 'utf8')) ?? {}).people;
const places = placesFileSchema.parse(parse(readFileSync(join(repoRoot, 'config', 'places.yaml'), 'utf8')) ?? {}).places;

for (const path of paths) {
  // The same reading of the file as `parley ingest`: date header or dateline, title, cleaned text.
  const article = articleFromPlainText(readFileSync(path, 'utf8'), { file: path.split('/').pop() ?? null, url: null });
  const publishedAt = article.publishedAt;
  const t0 = performance.now();
  const result = extractArticle({ text: article.text, title: article.title, publishedAt }, { people, places });
  const ms = performance.now() - t0;
  console.log(`\n=== ${path.split('/').pop()} (published ${publishedAt ?? '?'}, ${ms.toFixed(1)} ms)`);
  const name = (k: string | null): string => result.people.find((p) => p.key === k)?.name ?? '-';
  if (!only || only === 'people')
    for (const p of result.people) console.log(`  person ${p.name} [${p.aliases.join(', ')}] ${p.country ?? '-'} | ${p.role ?? '-'}`);
  if (!only || only === 'events')
    for (const e of result.events)
      console.log(
        `  event ${e.status} ${e.kind} ${e.date ?? '-'}${e.dateTo ? '..' + e.dateTo : ''}${e.approx ? '~' : ''} ${e.location.city ?? '-'}/${e.location.country ?? '-'} [${e.sides.join(',')}] {${e.participantKeys.map(name).join(', ')}}\n      ${e.evidence.slice(0, 150)}`,
      );
  if (!only || only === 'quotes') for (const q of result.quotes) console.log(`  quote ${name(q.speakerKey)}: "${q.text.slice(0, 80)}"`);
}
