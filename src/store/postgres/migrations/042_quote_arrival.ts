import type { Migration } from '../../sqlite/migrate.ts';

// A quote is new to digests when its article was first extracted (as SQLite's 042).
export const migration: Migration = {
  version: 42,
  name: 'quote_arrival',
  sql: `
    ALTER TABLE articles ADD COLUMN first_extracted_at text COLLATE "C";
    CREATE FUNCTION parley_remember_first_extraction() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.extracted_version > 0 AND NEW.first_extracted_at IS NULL THEN NEW.first_extracted_at := parley_now(); END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER articles_remember_first_extraction BEFORE UPDATE OF extracted_version ON articles
      FOR EACH ROW EXECUTE FUNCTION parley_remember_first_extraction();
    CREATE INDEX articles_quotes_arrived ON articles((COALESCE(first_extracted_at, fetched_at)));
  `,
};
