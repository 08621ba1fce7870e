import type { Migration } from '../migrate.ts';

// The merge stage compares a new name only with people whose surname could match it. Each alias
// carries that coarse key (the first letter of its folded last name, see merge/people.ts
// surnameKey), indexed, so finding the candidates does not read every person. Rows written
// without it (older stores, bulk loads) are filled in by the merge stage before it looks.
export const migration: Migration = {
  version: 21,
  name: 'person_surname_keys',
  sql: `
    ALTER TABLE person_aliases ADD COLUMN surname_key TEXT;
    CREATE INDEX person_aliases_surname_key ON person_aliases(surname_key);
  `,
};
