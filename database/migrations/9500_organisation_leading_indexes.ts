import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Issue #13, "Scale" (docs/adr/0010-scale.md): every query of an organisation is driven by an
 * index that starts with organisation_id, so that one organisation's reports do not slow down
 * as the network's other organisations fill the database.
 *
 * Replaced, not added (the import speed of issue #12 pays for every index of the ledger):
 * - entries (fiscal_year_id, journal_id) becomes (organisation_id, fiscal_year_id, journal_id):
 *   the statements, the balance, the grand livre and the journal select the entries of a fiscal
 *   year of the organisation (their SQL now says e.organisation_id as well).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      DROP INDEX entries_fiscal_year_id_journal_id_index;
      CREATE INDEX entries_organisation_id_fiscal_year_id_journal_id_index
        ON entries (organisation_id, fiscal_year_id, journal_id);
      ALTER TABLE statement_lines
        DROP CONSTRAINT statement_lines_layout_id_code_unique,
        ADD CONSTRAINT statement_lines_organisation_id_layout_id_code_unique
          UNIQUE (organisation_id, layout_id, code);
    `)
  }

  async down() {
    this.schema.raw(`
      DROP INDEX entries_organisation_id_fiscal_year_id_journal_id_index;
      CREATE INDEX entries_fiscal_year_id_journal_id_index ON entries (fiscal_year_id, journal_id);
      ALTER TABLE statement_lines
        DROP CONSTRAINT statement_lines_organisation_id_layout_id_code_unique,
        ADD CONSTRAINT statement_lines_layout_id_code_unique UNIQUE (layout_id, code);
    `)
  }
}
