import type { Migration } from '../migrate.ts';

// A quote is new to digests when its article was first extracted, not when it was fetched: a
// feed poll fetches items seconds before it extracts them, and a digest run in between would
// otherwise put their quotes behind its window for good. The first extraction is remembered
// (re-extraction keeps it, so old quotes do not come back as new); articles never extracted
// through this path fall back to their fetch time.
export const migration: Migration = {
  version: 42,
  name: 'quote_arrival',
  sql: `
    ALTER TABLE articles ADD COLUMN first_extracted_at TEXT;
    CREATE TRIGGER articles_remember_first_extraction AFTER UPDATE OF extracted_version ON articles
    WHEN NEW.extracted_version > 0 AND NEW.first_extracted_at IS NULL
    BEGIN
      UPDATE articles SET first_extracted_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id;
    END;
    CREATE INDEX articles_quotes_arrived ON articles(COALESCE(first_extracted_at, fetched_at));
  `,
};
