import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Issue #13, "Scale" (docs/adr/0010-scale.md, "Where the network's milliseconds went"): one
 * organisation's statements and balance read the same rows among 100 organisations as alone.
 *
 * - Statistics: `entries.fiscal_year_id` (and `journal_id`) determine `organisation_id`, but the
 *   planner multiplied their selectivities as if independent and expected 1 % of the fiscal
 *   year's entries among 100 organisations, then chose nested loops over every entry. Functional
 *   dependencies (not an MCV list: with more combinations than the statistics target, its
 *   estimate for the values left out is the independent one again) bring back the true count.
 * - Covering indexes, replaced one for one (no index added to the ledger, issue #12): the
 *   aggregates of the statements, the balance and the grand livre's account list read
 *   `entry_lines` by `(organisation_id, account_number)` and `entries` by
 *   `(organisation_id, fiscal_year_id, journal_id)`; with the columns they need in the index
 *   (INCLUDE) those reads are index-only scans of the organisation's own index pages, whatever
 *   heap pages the organisation's rows share with others'.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE STATISTICS entries_organisation_dependencies (dependencies)
        ON organisation_id, fiscal_year_id, journal_id FROM entries;
      DROP INDEX entry_lines_org_account;
      CREATE INDEX entry_lines_org_account ON entry_lines (organisation_id, account_number)
        INCLUDE (entry_id, entry_date, account_id, debit, credit);
      DROP INDEX entries_organisation_id_fiscal_year_id_journal_id_index;
      CREATE INDEX entries_organisation_id_fiscal_year_id_journal_id_index
        ON entries (organisation_id, fiscal_year_id, journal_id) INCLUDE (status, id);
      ANALYZE entries;
    `)
  }

  async down() {
    this.schema.raw(`
      DROP STATISTICS IF EXISTS entries_organisation_dependencies;
      DROP INDEX entry_lines_org_account;
      CREATE INDEX entry_lines_org_account ON entry_lines (organisation_id, account_number);
      DROP INDEX entries_organisation_id_fiscal_year_id_journal_id_index;
      CREATE INDEX entries_organisation_id_fiscal_year_id_journal_id_index
        ON entries (organisation_id, fiscal_year_id, journal_id);
    `)
  }
}
