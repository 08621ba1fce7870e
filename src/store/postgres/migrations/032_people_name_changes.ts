import type { Migration } from '../../sqlite/migrate.ts';

// A log of whose names changed, the truth the in-memory name index (autocomplete, /who) of every
// process is refreshed from (as SQLite's 032). Beyond SQLite: two processes commit out of order,
// so a reader cannot trust "seq > the last one I saw"; each entry keeps its transaction id, and a
// reader re-reads every entry of a transaction that was still running at its previous look
// (src/store/postgres/nameIndex.ts). Each change also NOTIFYs 'parley_people' on commit, the
// wake-up for readers in other processes. The log trims itself like SQLite's.
export const migration: Migration = {
  version: 32,
  name: 'people_name_changes',
  sql: `
    CREATE TABLE people_name_changes (
      seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      person_id bigint NOT NULL,
      xid xid8 NOT NULL DEFAULT pg_current_xact_id()
    );
    CREATE INDEX people_name_changes_xid ON people_name_changes(xid);

    CREATE FUNCTION parley_log_person_name_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO people_name_changes (person_id) VALUES (CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END);
      PERFORM pg_notify('parley_people', '');
      RETURN NULL;
    END $$;
    CREATE FUNCTION parley_log_alias_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP IN ('DELETE', 'UPDATE') THEN INSERT INTO people_name_changes (person_id) VALUES (OLD.person_id); END IF;
      IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.person_id <> OLD.person_id) THEN
        INSERT INTO people_name_changes (person_id) VALUES (NEW.person_id);
      END IF;
      PERFORM pg_notify('parley_people', '');
      RETURN NULL;
    END $$;

    CREATE TRIGGER people_name_inserted AFTER INSERT ON people FOR EACH ROW EXECUTE FUNCTION parley_log_person_name_change();
    CREATE TRIGGER people_name_updated AFTER UPDATE OF name ON people
      FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION parley_log_person_name_change();
    CREATE TRIGGER people_name_deleted AFTER DELETE ON people FOR EACH ROW EXECUTE FUNCTION parley_log_person_name_change();
    CREATE TRIGGER person_alias_inserted AFTER INSERT ON person_aliases FOR EACH ROW EXECUTE FUNCTION parley_log_alias_change();
    CREATE TRIGGER person_alias_updated AFTER UPDATE ON person_aliases
      FOR EACH ROW WHEN (OLD.alias IS DISTINCT FROM NEW.alias OR OLD.person_id IS DISTINCT FROM NEW.person_id)
      EXECUTE FUNCTION parley_log_alias_change();
    CREATE TRIGGER person_alias_deleted AFTER DELETE ON person_aliases FOR EACH ROW EXECUTE FUNCTION parley_log_alias_change();

    CREATE FUNCTION parley_trim_name_changes() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.seq % 10000 = 0 THEN DELETE FROM people_name_changes WHERE seq <= NEW.seq - 50000; END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER people_name_changes_trim AFTER INSERT ON people_name_changes
      FOR EACH ROW EXECUTE FUNCTION parley_trim_name_changes();
  `,
};
