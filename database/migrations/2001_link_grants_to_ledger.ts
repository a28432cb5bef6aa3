import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The ledger's analytic grant dimension points at conventions: a convention with ledger lines
 * cannot be deleted (RESTRICT). A receipt may be matched to one bank line of the ledger.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      ALTER TABLE entry_lines
        ADD CONSTRAINT entry_lines_grant_fk FOREIGN KEY (grant_id) REFERENCES grants (id) ON DELETE RESTRICT;
      CREATE INDEX entry_lines_org_grant ON entry_lines (organisation_id, grant_id) WHERE grant_id IS NOT NULL;
      ALTER TABLE grant_receipts
        ADD CONSTRAINT grant_receipts_entry_line_fk FOREIGN KEY (entry_line_id) REFERENCES entry_lines (id) ON DELETE SET NULL;
    `)
  }

  async down() {
    this.schema.raw(`
      ALTER TABLE grant_receipts DROP CONSTRAINT IF EXISTS grant_receipts_entry_line_fk;
      DROP INDEX IF EXISTS entry_lines_org_grant;
      ALTER TABLE entry_lines DROP CONSTRAINT IF EXISTS entry_lines_grant_fk;
    `)
  }
}
