import { BaseSchema } from '@adonisjs/lucid/schema'
import { LINE_ANALYTIC_KEYS } from '#database/sql/ledger_bulk'

/**
 * The last row-level foreign keys of entry_lines (grant, programme, territory) checked once per
 * statement (docs/adr/0011-fec-import-speed.md, "Session 7"), as 9850 did for its entry and
 * account: a foreign key queues one trigger event per inserted row and key even when the key is
 * NULL, which every imported line paid three times. The checks fire before the ledger's own
 * (trigger names sort before entry_lines_inserted and entry_lines_foreign_keys_updated), as the
 * row-level keys did; the parents refuse losing a key in use, as ON DELETE RESTRICT / NO ACTION
 * did. The users and reversal keys of entries stay (measured: no gain above the noise).
 */
const PARENTS = ['grants', 'programmes', 'territories']

export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      ALTER TABLE entry_lines
        DROP CONSTRAINT entry_lines_grant_fk,
        DROP CONSTRAINT entry_lines_programme_id_foreign,
        DROP CONSTRAINT entry_lines_territory_id_foreign;
      ${LINE_ANALYTIC_KEYS}
      CREATE TRIGGER entry_lines_analytic_keys AFTER INSERT ON entry_lines
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_line_analytic_keys();
      CREATE TRIGGER entry_lines_analytic_keys_updated AFTER UPDATE ON entry_lines
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_line_analytic_keys();
      ${PARENTS.map(
        (parent) => `
      CREATE TRIGGER ${parent}_line_keys_kept_updated AFTER UPDATE ON ${parent}
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_line_analytic_parent_kept();
      CREATE TRIGGER ${parent}_line_keys_kept_deleted AFTER DELETE ON ${parent}
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_line_analytic_parent_kept();`
      ).join('')}
    `)
  }

  async down() {
    this.schema.raw(`
      DROP TRIGGER entry_lines_analytic_keys ON entry_lines;
      DROP TRIGGER entry_lines_analytic_keys_updated ON entry_lines;
      ${PARENTS.map(
        (parent) => `
      DROP TRIGGER ${parent}_line_keys_kept_updated ON ${parent};
      DROP TRIGGER ${parent}_line_keys_kept_deleted ON ${parent};`
      ).join('')}
      DROP FUNCTION ledger_line_analytic_keys();
      DROP FUNCTION ledger_line_analytic_parent_kept();
      ALTER TABLE entry_lines
        ADD CONSTRAINT entry_lines_grant_fk FOREIGN KEY (organisation_id, grant_id)
          REFERENCES grants (organisation_id, id) ON DELETE RESTRICT,
        ADD CONSTRAINT entry_lines_programme_id_foreign FOREIGN KEY (organisation_id, programme_id)
          REFERENCES programmes (organisation_id, id),
        ADD CONSTRAINT entry_lines_territory_id_foreign FOREIGN KEY (organisation_id, territory_id)
          REFERENCES territories (organisation_id, id);
      COMMENT ON CONSTRAINT entry_lines_grant_fk ON entry_lines
        IS 'tenant-keys: was FOREIGN KEY (grant_id) REFERENCES grants(id) ON DELETE RESTRICT';
      COMMENT ON CONSTRAINT entry_lines_programme_id_foreign ON entry_lines
        IS 'tenant-keys: was FOREIGN KEY (programme_id) REFERENCES programmes(id)';
      COMMENT ON CONSTRAINT entry_lines_territory_id_foreign ON entry_lines
        IS 'tenant-keys: was FOREIGN KEY (territory_id) REFERENCES territories(id)';
    `)
  }
}
