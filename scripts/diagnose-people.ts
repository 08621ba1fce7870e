// Lists what the people and quote rules got wrong on a folder of articles with an answer key, and
// the sentence that decided each answer: every gold person with a wrong or missing country or
// role, every duplicate person, every quote attributed to the wrong speaker or to nobody.
//
//   npx tsx scripts/diagnose-people.ts [--seeds DIR] [--gold FILE] [--empty-people] [--config DIR]
//
// The articles go through the same ingest → extract → merge path as scripts/score-seeds.ts (so
// the merged people are the ones the scorer reads); each article is extracted once more on the
// side to show where in its text a country, a role or a speaker came from.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { LoadedConfig } from '../src/config/schema.ts';
import { loadConfig } from '../src/config/load.ts';
import type { StoredArticle } from '../src/domain/types.ts';
import { extractArticle, EXTRACTION_VERSION, fullText } from '../src/extract/index.ts';
import { extractPeople, type PeopleInArticle } from '../src/extract/people/extractPeople.ts';
import type { ArticleFrame } from '../src/extract/people/reference.ts';
import { attributeQuotes } from '../src/extract/quotes/extractQuotes.ts';
import { findQuoteSpans } from '../src/extract/quotes/quoteSpans.ts';
import { splitSentences } from '../src/extract/sentences.ts';
import { ingest } from '../src/ingest/ingest.ts';
import { logger } from '../src/log.ts';
import { openStore } from '../src/store/open.ts';

const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));
const shared = resolve(repoRoot, '..', 'shared');

const GoldFile = z.object({
  people: z.array(
    z.object({
      name: z.string(),
      aliases: z.array(z.string()).default([]),
      country: z.string(),
      roleWords: z.array(z.string()).default([]),
    }),
  ),
  quotes: z.array(z.object({ speaker: z.string(), words: z.string(), file: z.string().optional() })).default([]),
});
type GoldPerson = z.infer<typeof GoldFile>['people'][number];

function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  if (i < 0) return undefined;
  const v = argv[i + 1];
  if (v === undefined || v.startsWith('--')) throw new Error(`${name} needs a value`);
  return v;
}

// The scorer's name matching (../shared/eval/score.mjs), so "found" means what it means there.
const norm = (s: string | null | undefined): string =>
  (s ?? '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
const words = (s: string): string[] => norm(s).split(' ').filter(Boolean);
const containsWords = (hay: string, needle: string): boolean => {
  const n = norm(needle);
  return n.length > 0 && ` ${norm(hay)} `.includes(` ${n} `);
};
function goldMatcher(gold: GoldPerson[]): (name: string | null | undefined) => GoldPerson | null {
  return (name) => {
    if (!name) return null;
    let best: GoldPerson | null = null;
    let bestLen = 0;
    for (const p of gold) {
      for (const n of [p.name, ...p.aliases]) {
        const hit = containsWords(name, n) || (words(name).some((w) => w.length >= 4) && containsWords(n, name));
        if (hit && norm(n).length > bestLen) [best, bestLen] = [p, norm(n).length];
      }
    }
    return best;
  };
}

interface ArticleDetail {
  file: string;
  text: string;
  frame: ArticleFrame;
  people: PeopleInArticle;
}

/** The sentence of `text` around offset `at`, on one line and cut to a readable length. */
function sentenceAround(detail: ArticleDetail, at: number): string {
  const s = detail.frame.sentences.find((x) => at >= x.start && at < x.end);
  const raw = s ? detail.text.slice(s.start, s.end) : detail.text.slice(Math.max(0, at - 100), at + 100);
  const line = raw.replace(/\s+/g, ' ').trim();
  return line.length > 260 ? `${line.slice(0, 257)}...` : line;
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const seeds = resolve(option(argv, '--seeds') ?? join(shared, 'eval', 'real', 'articles'));
  const goldPath = resolve(option(argv, '--gold') ?? join(shared, 'eval', 'real', 'real.gold.json'));
  const configDir = resolve(option(argv, '--config') ?? process.env.PARLEY_CONFIG ?? join(repoRoot, 'config'));
  for (const p of [seeds, goldPath]) if (!existsSync(p)) throw new Error(`${p} is missing`);
  const gold = GoldFile.parse(JSON.parse(readFileSync(goldPath, 'utf8')));
  const loaded = loadConfig(configDir);
  const config: LoadedConfig = argv.includes('--empty-people') ? { ...loaded, people: [] } : loaded;
  const match = goldMatcher(gold.people);

  const details: ArticleDetail[] = [];
  const work = mkdtempSync(join(tmpdir(), 'parley-diagnose-'));
  const store = await openStore(join(work, 'parley.db'));
  try {
    await ingest([seeds], {
      store,
      config,
      logger,
      afterStore: async (article: StoredArticle) => {
        const extraction = extractArticle({ text: article.text, title: article.title, publishedAt: article.publishedAt }, config);
        await store.timeline.applyExtraction(article, extraction, EXTRACTION_VERSION, config.people);
        const text = fullText({ text: article.text, title: article.title, publishedAt: article.publishedAt });
        const people = extractPeople(text, config.people);
        const frame: ArticleFrame = { text, sentences: splitSentences(text), people, quotes: findQuoteSpans(text) };
        details.push({ file: basename(article.file ?? article.url ?? String(article.id)), text, frame, people });
      },
    });
    const exported = await store.timeline.exportAll();

    // Per gold person, what each article said of them.
    const perArticle = (gp: GoldPerson): string[] => {
      const lines: string[] = [];
      for (const d of details) {
        for (const p of d.people.people) {
          if (![p.name, ...p.aliases].some((n) => match(n) === gp)) continue;
          const ev = d.people.countryEvidence.get(p.key);
          const why = ev ? `${ev.rule}: ${sentenceAround(d, ev.at)}` : p.country ? 'configured' : 'no country found';
          lines.push(`    ${d.file}: "${p.name}" country ${p.country ?? '-'} (${why})`);
          const roles = d.people.roles.get(p.key) ?? [];
          for (const r of roles.filter((x) => x.role))
            lines.push(`      role "${r.role}"${r.country ? ` [${r.country}]` : ''}: ${sentenceAround(d, r.start)}`);
          if (roles.every((x) => !x.role)) {
            const first = d.people.mentions.find((m) => m.key === p.key);
            if (first) lines.push(`      no role; first mention: ${sentenceAround(d, first.start)}`);
          }
        }
      }
      return lines;
    };

    let wrongCountry = 0;
    let wrongRole = 0;
    let duplicates = 0;
    for (const gp of gold.people) {
      const hits = exported.people.filter((sp) => [sp.name, ...sp.aliases].some((n) => match(n) === gp));
      if (hits.length === 0) {
        console.log(`MISSED  ${gp.name}`);
        continue;
      }
      const countryOk = hits.some((h) => (h.country ?? '').toUpperCase() === gp.country);
      const roleText = (h: (typeof hits)[number]): string => [h.role, ...(h.roles ?? [])].filter(Boolean).join(' | ');
      const roleOk = hits.some((h) => gp.roleWords.some((w) => norm(roleText(h)).includes(norm(w))));
      const problems: string[] = [];
      if (!countryOk) {
        problems.push(`country ${hits.map((h) => h.country ?? '-').join('/')} (gold ${gp.country})`);
        wrongCountry++;
      }
      if (!roleOk) {
        problems.push(`role ${hits.map((h) => JSON.stringify(roleText(h) || null)).join('/')} (gold ${gp.roleWords.join(', ')})`);
        wrongRole++;
      }
      if (hits.length > 1) {
        problems.push(
          `${hits.length - 1} duplicate(s): ${hits.map((h) => `${h.name} [${[h.name, ...h.aliases].join(', ')}] ${h.country ?? '-'}`).join(' ; ')}`,
        );
        duplicates += hits.length - 1;
      }
      if (problems.length === 0) continue;
      console.log(`PERSON  ${gp.name}: ${problems.join('; ')}`);
      for (const l of perArticle(gp)) console.log(l);
    }

    let wrongQuotes = 0;
    for (const gq of gold.quotes) {
      const hits = exported.quotes.filter((q) => norm(q.text).includes(norm(gq.words)));
      if (hits.length === 0 || hits.some((q) => match(q.speaker)?.name === gq.speaker)) continue;
      wrongQuotes++;
      console.log(`QUOTE   "${gq.words}" -> ${hits.map((q) => q.speaker ?? 'nobody').join(', ')} (gold ${gq.speaker})`);
      for (const d of details.filter((x) => !gq.file || x.file === gq.file)) {
        const attributed = attributeQuotes(d.frame, null);
        for (const a of attributed.filter((x) => norm(x.quote.text).includes(norm(gq.words)))) {
          const speaker = d.people.people.find((p) => p.key === a.quote.speakerKey)?.name ?? 'nobody';
          const s = d.frame.sentences.findIndex((x) => a.span.open >= x.start && a.span.open < x.end);
          const next = d.frame.sentences[s + 1];
          console.log(`    ${d.file}: -> ${speaker}: ${sentenceAround(d, a.span.open)}`);
          if (next) console.log(`      next: ${sentenceAround(d, next.start)}`);
        }
      }
    }
    console.log(
      `wrong country ${wrongCountry}, wrong role ${wrongRole}, duplicates ${duplicates}, wrong speaker ${wrongQuotes} (of ${gold.people.length} people, ${gold.quotes.length} quotes)`,
    );
    return 0;
  } finally {
    await store.close();
    rmSync(work, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`diagnose-people: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  },
);
