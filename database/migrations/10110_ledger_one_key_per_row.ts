import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * One unique index per ledger row instead of two (docs/adr/0011-fec-import-speed.md, "Session 7"):
 * `entries` and `entry_lines` had `PRIMARY KEY (id)` and `UNIQUE (organisation_id, id)`, the
 * latter only the target of the composite tenant keys (ADR 8). Both become one
 * `PRIMARY KEY (id, organisation_id)`: a foreign key may reference the columns of a unique key in
 * any order, so every composite key keeps referencing `(organisation_id, id)` unchanged, and the
 * leading `id` keeps every lookup by id alone (the reports join `e.id = l.entry_id` in some forty
 * places, Lucid saves and deletes `WHERE id = ?`) on the plan it had.
 *
 * The foreign keys that reference these tables are tied to the index they were checked with, so
 * they are dropped and re-added exactly as the catalogue defines them (name, rules, comment).
 * A query may select a row's columns grouped by its primary key alone (functional dependency);
 * with `id` alone no longer the key, the one that did (`grant_line_allocations_guard`, 2002)
 * groups by `(id, organisation_id)`.
 */
const TABLES = ['entries', 'entry_lines']

const ONE_KEY = TABLES.map(
  (table) => `
  ALTER TABLE ${table}
    DROP CONSTRAINT ${table}_organisation_id_id_unique,
    DROP CONSTRAINT ${table}_pkey,
    ADD CONSTRAINT ${table}_pkey PRIMARY KEY (id, organisation_id);
  COMMENT ON CONSTRAINT ${table}_pkey ON ${table}
    IS 'tenant-keys: also the target of composite tenant foreign keys (organisation_id, id)';`
).join('')

const TWO_KEYS = TABLES.map(
  (table) => `
  ALTER TABLE ${table}
    DROP CONSTRAINT ${table}_pkey,
    ADD CONSTRAINT ${table}_pkey PRIMARY KEY (id),
    ADD CONSTRAINT ${table}_organisation_id_id_unique UNIQUE (organisation_id, id);
  COMMENT ON CONSTRAINT ${table}_organisation_id_id_unique ON ${table}
    IS 'tenant-keys: target of composite tenant foreign keys';`
).join('')

/** Runs `rekey` with the foreign keys that reference the ledger set aside, then puts them back. */
const withReferencesKept = (rekey: string) => `
DO $rekey$
DECLARE
  fk record;
BEGIN
  CREATE TEMP TABLE ledger_references AS
    SELECT c.conrelid::regclass AS child, c.conname AS name, pg_get_constraintdef(c.oid) AS definition,
           obj_description(c.oid, 'pg_constraint') AS note
      FROM pg_constraint c
     WHERE c.contype = 'f' AND c.confrelid IN (${TABLES.map((t) => `'${t}'::regclass`).join(', ')});
  FOR fk IN SELECT * FROM ledger_references LOOP
    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', fk.child, fk.name);
  END LOOP;
  ${rekey}
  FOR fk IN SELECT * FROM ledger_references ORDER BY child::text, name LOOP
    EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s', fk.child, fk.name, fk.definition);
    IF fk.note IS NOT NULL THEN
      EXECUTE format('COMMENT ON CONSTRAINT %I ON %s IS %L', fk.name, fk.child, fk.note);
    END IF;
  END LOOP;
  DROP TABLE ledger_references;
END $rekey$;
`

/** Migration 2002's guard of grant_line_allocations (its text as written there), lines grouped by `groupBy`. */
const allocationsGuard = (groupBy: string) => `
      CREATE OR REPLACE FUNCTION grant_line_allocations_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        bad record;
      BEGIN
        SELECT l.id, greatest(l.debit, l.credit) AS line_amount, l.grant_id, sum(a.amount) AS allocated,
               bool_or(a.organisation_id <> l.organisation_id) AS foreign_org
          INTO bad
          FROM entry_lines l JOIN grant_line_allocations a ON a.entry_line_id = l.id
         WHERE l.id IN (SELECT entry_line_id FROM new_rows)
         GROUP BY ${groupBy}
        HAVING sum(a.amount) > greatest(l.debit, l.credit) OR l.grant_id IS NOT NULL
            OR bool_or(a.organisation_id <> l.organisation_id)
         LIMIT 1;
        IF FOUND THEN
          IF bad.foreign_org THEN
            RAISE EXCEPTION 'Ligne d''écriture % : elle appartient à une autre organisation.', bad.id USING ERRCODE = 'P0001';
          ELSIF bad.grant_id IS NOT NULL THEN
            RAISE EXCEPTION 'Ligne d''écriture % : elle porte déjà une convention dans le grand livre.', bad.id USING ERRCODE = 'P0001';
          END IF;
          RAISE EXCEPTION 'Ligne d''écriture % : la part attribuée aux conventions (% €) dépasse son montant (% €).',
            bad.id, bad.allocated, bad.line_amount USING ERRCODE = 'P0001';
        END IF;
        RETURN NULL;
      END $$;
`

export default class extends BaseSchema {
  async up() {
    this.schema.raw(withReferencesKept(ONE_KEY))
    this.schema.raw(allocationsGuard('l.id, l.organisation_id'))
  }

  async down() {
    this.schema.raw(withReferencesKept(TWO_KEYS))
    this.schema.raw(allocationsGuard('l.id'))
  }
}
