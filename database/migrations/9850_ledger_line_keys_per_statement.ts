import { BaseSchema } from '@adonisjs/lucid/schema'
import { parentKept } from '#database/sql/ledger'

/**
 * The foreign keys of entry_lines checked once per statement instead of once per row
 * (docs/adr/0011-fec-import-speed.md). A foreign key fires one trigger per inserted row; on a
 * million-line import that was the largest part of the database's work. The same guarantees, as
 * set-based statement triggers with transition tables:
 *
 * - an inserted or updated line points at an entry AND an account of its own organisation
 *   (refused with SQLSTATE 23503 under the former constraint's name, as ADR 8's keys are);
 *   the line's organisation exists because its entry's does (entries keep their key);
 * - deleting entries deletes their lines (the former ON DELETE CASCADE);
 * - an entry or an account that lines point at cannot be deleted, nor its key changed.
 *
 * The trigger is named to fire before entry_lines_inserted (statement triggers fire in name
 * order), so a line of another organisation's entry gets the key's refusal, as before.
 */
const KEYS = `
CREATE OR REPLACE FUNCTION ledger_line_keys() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bad record;
  found_rows integer;
BEGIN
  -- Planned at each call (EXECUTE): the transition table's size is then known to the planner.
  EXECUTE $q$
  SELECT n.entry_id, n.account_id,
         NOT EXISTS (SELECT 1 FROM entries e
                      WHERE e.organisation_id = n.organisation_id AND e.id = n.entry_id) AS no_entry
    FROM new_rows n
   WHERE NOT EXISTS (SELECT 1 FROM entries e
                      WHERE e.organisation_id = n.organisation_id AND e.id = n.entry_id)
      OR NOT EXISTS (SELECT 1 FROM accounts a
                      WHERE a.organisation_id = n.organisation_id AND a.id = n.account_id)
   LIMIT 1
  $q$ INTO bad;
  GET DIAGNOSTICS found_rows = ROW_COUNT;
  IF found_rows > 0 THEN
    IF bad.no_entry THEN
      RAISE EXCEPTION 'insert or update on table "entry_lines" violates foreign key constraint "entry_lines_entry_id_foreign"'
        USING ERRCODE = '23503', CONSTRAINT = 'entry_lines_entry_id_foreign', TABLE = 'entry_lines',
              DETAIL = format('Écriture %s introuvable dans l''organisation de la ligne.', bad.entry_id);
    END IF;
    RAISE EXCEPTION 'insert or update on table "entry_lines" violates foreign key constraint "entry_lines_account_id_foreign"'
      USING ERRCODE = '23503', CONSTRAINT = 'entry_lines_account_id_foreign', TABLE = 'entry_lines',
            DETAIL = format('Compte %s introuvable dans l''organisation de la ligne.', bad.account_id);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER entry_lines_foreign_keys AFTER INSERT ON entry_lines
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_line_keys();
CREATE TRIGGER entry_lines_foreign_keys_updated AFTER UPDATE ON entry_lines
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_line_keys();

-- Deleted entries take their lines with them (drafts only: validated entries cannot be deleted).
CREATE OR REPLACE FUNCTION ledger_entries_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM entry_lines l USING old_rows o
   WHERE l.organisation_id = o.organisation_id AND l.entry_id = o.id;
  RETURN NULL;
END $$;

CREATE TRIGGER entries_delete_lines AFTER DELETE ON entries
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_deleted();

-- A key that lines point at must not disappear under them (entries: id or organisation changed;
-- accounts: deleted, or id or organisation changed).
${parentKept({
  name: 'ledger_line_parent_kept',
  declare: `
  column_name text := CASE TG_TABLE_NAME WHEN 'entries' THEN 'entry_id' ELSE 'account_id' END;`,
  order: `  -- First the keys that disappeared (usually none: an update that keeps id and organisation),
  -- and only then the lines, so that an ordinary update never reads entry_lines.`,
  child: { table: 'entry_lines', alias: 'l' },
  column: 'column_name',
  childrenLabel: "Des lignes d''écriture",
})}

CREATE TRIGGER entries_line_keys_kept AFTER UPDATE ON entries
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_line_parent_kept();
CREATE TRIGGER accounts_line_keys_kept_updated AFTER UPDATE ON accounts
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_line_parent_kept();
CREATE TRIGGER accounts_line_keys_kept_deleted AFTER DELETE ON accounts
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_line_parent_kept();
`

export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      ALTER TABLE entry_lines
        DROP CONSTRAINT entry_lines_entry_id_foreign,
        DROP CONSTRAINT entry_lines_account_id_foreign,
        DROP CONSTRAINT entry_lines_organisation_id_foreign
    `)
    this.schema.raw(KEYS)
  }

  async down() {
    this.schema.raw(`
      DROP TRIGGER entry_lines_foreign_keys ON entry_lines;
      DROP TRIGGER entry_lines_foreign_keys_updated ON entry_lines;
      DROP TRIGGER entries_delete_lines ON entries;
      DROP TRIGGER entries_line_keys_kept ON entries;
      DROP TRIGGER accounts_line_keys_kept_updated ON accounts;
      DROP TRIGGER accounts_line_keys_kept_deleted ON accounts;
      DROP FUNCTION ledger_line_keys();
      DROP FUNCTION ledger_entries_deleted();
      DROP FUNCTION ledger_line_parent_kept();
      ALTER TABLE entry_lines
        ADD CONSTRAINT entry_lines_organisation_id_foreign FOREIGN KEY (organisation_id)
          REFERENCES organisations (id),
        ADD CONSTRAINT entry_lines_entry_id_foreign FOREIGN KEY (organisation_id, entry_id)
          REFERENCES entries (organisation_id, id) ON DELETE CASCADE,
        ADD CONSTRAINT entry_lines_account_id_foreign FOREIGN KEY (organisation_id, account_id)
          REFERENCES accounts (organisation_id, id);
      COMMENT ON CONSTRAINT entry_lines_entry_id_foreign ON entry_lines
        IS 'tenant-keys: was FOREIGN KEY (entry_id) REFERENCES entries(id) ON DELETE CASCADE';
      COMMENT ON CONSTRAINT entry_lines_account_id_foreign ON entry_lines
        IS 'tenant-keys: was FOREIGN KEY (account_id) REFERENCES accounts(id)';
    `)
  }
}
