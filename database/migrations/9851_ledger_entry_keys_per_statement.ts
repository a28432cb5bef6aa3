import { BaseSchema } from '@adonisjs/lucid/schema'
import { parentKept } from '#database/sql/ledger'

/**
 * The keys of entries that every imported row fills (organisation, journal, fiscal year, import)
 * checked once per statement instead of once per row, as 9850 does for entry_lines
 * (docs/adr/0011-fec-import-speed.md). Same guarantees, tenant-aware (ADR 8):
 *
 * - an inserted or updated entry points at a journal, a fiscal year and (when set) an import of
 *   its own organisation, refused with SQLSTATE 23503 under the former constraint's name; the
 *   organisation exists because its fiscal year's does (fiscal_years keep their key);
 * - a journal, fiscal year or import that entries point at cannot be deleted, nor its key changed.
 *
 * The users (created_by, validated_by, ON DELETE SET NULL) and reversal_of_id keys stay: they are
 * empty or few on bulk loads. The trigger fires before entries_inserted (name order).
 */
const PARENTS: Array<[table: string, column: string]> = [
  ['journals', 'journal_id'],
  ['fiscal_years', 'fiscal_year_id'],
  ['imports', 'import_id'],
]

const KEYS = `
CREATE OR REPLACE FUNCTION ledger_entry_keys() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bad record;
  found_rows integer;
BEGIN
  -- Planned at each call (EXECUTE): the transition table's size is then known to the planner.
  EXECUTE $q$
  SELECT CASE
           WHEN NOT EXISTS (SELECT 1 FROM journals j
                             WHERE j.organisation_id = n.organisation_id AND j.id = n.journal_id)
             THEN 'journal_id'
           WHEN NOT EXISTS (SELECT 1 FROM fiscal_years f
                             WHERE f.organisation_id = n.organisation_id AND f.id = n.fiscal_year_id)
             THEN 'fiscal_year_id'
           ELSE 'import_id'
         END AS column_name
    FROM new_rows n
   WHERE NOT EXISTS (SELECT 1 FROM journals j
                      WHERE j.organisation_id = n.organisation_id AND j.id = n.journal_id)
      OR NOT EXISTS (SELECT 1 FROM fiscal_years f
                      WHERE f.organisation_id = n.organisation_id AND f.id = n.fiscal_year_id)
      OR (n.import_id IS NOT NULL AND NOT EXISTS (
            SELECT 1 FROM imports i WHERE i.organisation_id = n.organisation_id AND i.id = n.import_id))
   LIMIT 1
  $q$ INTO bad;
  GET DIAGNOSTICS found_rows = ROW_COUNT;
  IF found_rows > 0 THEN
    RAISE EXCEPTION 'insert or update on table "entries" violates foreign key constraint "%"',
      'entries_' || bad.column_name || '_foreign'
      USING ERRCODE = '23503', CONSTRAINT = 'entries_' || bad.column_name || '_foreign',
            TABLE = 'entries';
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER entries_foreign_keys AFTER INSERT ON entries
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_entry_keys();
CREATE TRIGGER entries_foreign_keys_updated AFTER UPDATE ON entries
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_entry_keys();

-- A key that entries point at must not disappear under them. TG_ARGV[0]: the entries column.
${parentKept({
  name: 'ledger_entry_parent_kept',
  declare: '',
  order: '  -- First the keys that disappeared (usually none), and only then the entries.',
  child: { table: 'entries', alias: 'e' },
  column: 'TG_ARGV[0]',
  childrenLabel: 'Des écritures',
})}
${PARENTS.map(
  ([table, column]) => `
CREATE TRIGGER ${table}_entry_keys_kept_updated AFTER UPDATE ON ${table}
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_entry_parent_kept('${column}');
CREATE TRIGGER ${table}_entry_keys_kept_deleted AFTER DELETE ON ${table}
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_entry_parent_kept('${column}');`
).join('')}
`

export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      ALTER TABLE entries
        DROP CONSTRAINT entries_organisation_id_foreign,
        DROP CONSTRAINT entries_journal_id_foreign,
        DROP CONSTRAINT entries_fiscal_year_id_foreign,
        DROP CONSTRAINT entries_import_id_foreign
    `)
    this.schema.raw(KEYS)
  }

  async down() {
    this.schema.raw(`
      DROP TRIGGER entries_foreign_keys ON entries;
      DROP TRIGGER entries_foreign_keys_updated ON entries;
      ${PARENTS.map(
        ([table]) => `DROP TRIGGER ${table}_entry_keys_kept_updated ON ${table};
      DROP TRIGGER ${table}_entry_keys_kept_deleted ON ${table};`
      ).join('\n      ')}
      DROP FUNCTION ledger_entry_keys();
      DROP FUNCTION ledger_entry_parent_kept();
      ALTER TABLE entries
        ADD CONSTRAINT entries_organisation_id_foreign FOREIGN KEY (organisation_id)
          REFERENCES organisations (id),
        ADD CONSTRAINT entries_journal_id_foreign FOREIGN KEY (organisation_id, journal_id)
          REFERENCES journals (organisation_id, id),
        ADD CONSTRAINT entries_fiscal_year_id_foreign FOREIGN KEY (organisation_id, fiscal_year_id)
          REFERENCES fiscal_years (organisation_id, id),
        ADD CONSTRAINT entries_import_id_foreign FOREIGN KEY (organisation_id, import_id)
          REFERENCES imports (organisation_id, id);
      COMMENT ON CONSTRAINT entries_journal_id_foreign ON entries
        IS 'tenant-keys: was FOREIGN KEY (journal_id) REFERENCES journals(id)';
      COMMENT ON CONSTRAINT entries_fiscal_year_id_foreign ON entries
        IS 'tenant-keys: was FOREIGN KEY (fiscal_year_id) REFERENCES fiscal_years(id)';
      COMMENT ON CONSTRAINT entries_import_id_foreign ON entries
        IS 'tenant-keys: was FOREIGN KEY (import_id) REFERENCES imports(id)';
    `)
  }
}
