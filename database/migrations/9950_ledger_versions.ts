import { BaseSchema } from '@adonisjs/lucid/schema'
import { dropVersionTriggers, versionTriggers } from '#database/sql/ledger_versions'

/** Every table a statement or the balance générale reads (docs/adr/0012-page-speed.md). */
export const VERSIONED_TABLES = [
  'entries',
  'entry_lines',
  'fiscal_years',
  'accounts',
  'journals',
  'statement_layouts',
  'statement_lines',
  'budgets',
  'budget_lines',
] as const

/**
 * The ledger version of an organisation (issue #12, docs/adr/0012-page-speed.md): one row per
 * transaction that wrote any of VERSIONED_TABLES for it, stamped by a statement-level trigger
 * with a fresh value of a sequence at every writing statement. The version a reader sees is a
 * digest of the rows visible to it (ledgerVersion, #reports/accounting/ledger_version), so it
 * changes with every commit, with every statement of the reader's own transaction, and comes
 * back to an earlier value only when a savepoint's rollback brings the figures back with it.
 * The trigger only ever writes its own transaction's row: writers never wait on one another
 * and cannot deadlock with the ledger's own locks. Readers fold committed rows into one
 * (ledger_versions_compact) with a new stamp, which only costs one recomputation.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE SEQUENCE ledger_version_stamps;

      CREATE TABLE ledger_versions (
        organisation_id integer NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
        stamp bigint NOT NULL DEFAULT nextval('ledger_version_stamps'),
        PRIMARY KEY (organisation_id, txid)
      );

      CREATE FUNCTION ledger_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO ledger_versions AS v (organisation_id)
            SELECT DISTINCT organisation_id FROM new_rows
            ON CONFLICT (organisation_id, txid) DO UPDATE SET stamp = EXCLUDED.stamp;
        ELSIF TG_OP = 'DELETE' THEN
          INSERT INTO ledger_versions AS v (organisation_id)
            SELECT DISTINCT organisation_id FROM old_rows
            ON CONFLICT (organisation_id, txid) DO UPDATE SET stamp = EXCLUDED.stamp;
        ELSE
          INSERT INTO ledger_versions AS v (organisation_id)
            SELECT organisation_id FROM old_rows UNION SELECT organisation_id FROM new_rows
            ON CONFLICT (organisation_id, txid) DO UPDATE SET stamp = EXCLUDED.stamp;
        END IF;
        RETURN NULL;
      END $$;

      -- Folds the committed rows of another transaction into one row of the current one, with a
      -- fresh stamp; rows another compaction holds are left for later (SKIP LOCKED).
      CREATE FUNCTION ledger_versions_compact(org integer) RETURNS void LANGUAGE sql AS $$
        WITH gone AS (
          DELETE FROM ledger_versions
           WHERE organisation_id = org AND txid IN (
                 SELECT txid FROM ledger_versions
                  WHERE organisation_id = org AND txid <> pg_current_xact_id()
                    FOR UPDATE SKIP LOCKED)
          RETURNING txid
        )
        INSERT INTO ledger_versions (organisation_id)
          SELECT org FROM gone HAVING count(*) > 0
          ON CONFLICT (organisation_id, txid) DO UPDATE SET stamp = EXCLUDED.stamp;
      $$;
    `)
    for (const table of VERSIONED_TABLES) this.schema.raw(versionTriggers(table))
    // Existing organisations start with a row of their own.
    this.schema.raw(`INSERT INTO ledger_versions (organisation_id) SELECT id FROM organisations`)
  }

  async down() {
    for (const table of VERSIONED_TABLES) this.schema.raw(dropVersionTriggers(table))
    this.schema.raw(`
      DROP FUNCTION IF EXISTS ledger_versions_compact(integer);
      DROP FUNCTION IF EXISTS ledger_version_bump();
      DROP TABLE IF EXISTS ledger_versions;
      DROP SEQUENCE IF EXISTS ledger_version_stamps;
    `)
  }
}
