// The extraction of one article, checked before it touches the store: the timeline keeps every
// report and recomputes events from them, so one malformed value (a lower-case side, a date that
// is not a day) would otherwise break every later merge that reads it.
import { z } from 'zod';
import type { ArticleExtraction } from '../domain/types.ts';

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD')
  .refine(
    (d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    'a real calendar day',
  );
const countryCode = z.string().regex(/^([A-Z]{2}|EU)$/, 'an ISO 3166-1 alpha-2 code or EU');

const extractionSchema = z.object({
  people: z.array(
    z.object({
      key: z.string().min(1),
      name: z.string(),
      aliases: z.array(z.string()),
      country: countryCode.nullable(),
      role: z.string().nullable(),
    }),
  ),
  events: z.array(
    z.object({
      kind: z.enum(['talks', 'meeting', 'call', 'summit']),
      status: z.enum(['held', 'planned', 'proposed', 'cancelled']),
      date: isoDay.nullable(),
      dateTo: isoDay.nullable(),
      approx: z.boolean(),
      location: z.object({ city: z.string().nullable(), country: countryCode.nullable() }),
      sides: z.array(countryCode),
      participantKeys: z.array(z.string()),
      evidence: z.string().trim().min(1, 'the sentence that reports the event'),
      summary: z.string(),
    }),
  ),
  quotes: z.array(z.object({ speakerKey: z.string().nullable(), text: z.string(), date: isoDay.nullable() })),
});

/** Throws an error naming the first bad field when `extraction` is not a well-formed ArticleExtraction. */
export function validateExtraction(extraction: ArticleExtraction): ArticleExtraction {
  const parsed = extractionSchema.safeParse(extraction);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`invalid extraction: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const keys = new Set<string>();
  for (const p of extraction.people) {
    if (keys.has(p.key)) throw new Error(`invalid extraction: people: the key "${p.key}" is used twice`);
    keys.add(p.key);
  }
  extraction.events.forEach((e, i) => {
    const unknown = e.participantKeys.find((k) => !keys.has(k));
    if (unknown !== undefined)
      throw new Error(`invalid extraction: events.${i}.participantKeys: "${unknown}" is not one of the article's people`);
    if (e.dateTo !== null && (e.date === null || e.dateTo < e.date))
      throw new Error(`invalid extraction: events.${i}.dateTo: ${e.dateTo} without a start day on or before it`);
  });
  extraction.quotes.forEach((q, i) => {
    if (q.speakerKey !== null && !keys.has(q.speakerKey))
      throw new Error(`invalid extraction: quotes.${i}.speakerKey: "${q.speakerKey}" is not one of the article's people`);
  });
  return extraction;
}
