import { BaseSchema } from '@adonisjs/lucid/schema'
import { assertBalanced } from '#database/sql/ledger'
import { ASSERT_BALANCED, ENTRIES_INSERTED, LINES_INSERTED } from '#database/sql/ledger_bulk'

/**
 * One insert check per statement and table instead of two, grouped before reaching the ledger
 * (docs/adr/0011-fec-import-speed.md, "The schema's cost per statement"). Measured on a
 * final-shape COPY of 200,000 lines, the insert triggers of entries and entry_lines and the
 * balance at commit were about 40 % of the COPY: each line was looked up twice (its entry by
 * 9850's key check, then again with its year by 9852's check) and each entry once more at
 * commit. The keys check (9850, 9851) and the year's rules (1000, 9852) now run as one
 * function per table, in the same order of refusals; the update triggers are unchanged.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      DROP TRIGGER entries_foreign_keys ON entries;
      DROP TRIGGER entries_inserted ON entries;
      DROP TRIGGER entry_lines_foreign_keys ON entry_lines;
      DROP TRIGGER entry_lines_inserted ON entry_lines;
      ${ENTRIES_INSERTED}
      ${LINES_INSERTED}
      ${ASSERT_BALANCED}
      CREATE TRIGGER entries_inserted AFTER INSERT ON entries
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
        EXECUTE FUNCTION ledger_entries_inserted_grouped();
      CREATE TRIGGER entry_lines_inserted AFTER INSERT ON entry_lines
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
        EXECUTE FUNCTION ledger_lines_inserted_grouped();
    `)
  }

  async down() {
    this.schema.raw(`
      DROP TRIGGER entries_inserted ON entries;
      DROP TRIGGER entry_lines_inserted ON entry_lines;
      DROP FUNCTION ledger_entries_inserted_grouped();
      DROP FUNCTION ledger_lines_inserted_grouped();
      ${assertBalanced('driven')}
      CREATE TRIGGER entries_foreign_keys AFTER INSERT ON entries
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_entry_keys();
      CREATE TRIGGER entries_inserted AFTER INSERT ON entries
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_inserted();
      CREATE TRIGGER entry_lines_foreign_keys AFTER INSERT ON entry_lines
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_line_keys();
      CREATE TRIGGER entry_lines_inserted AFTER INSERT ON entry_lines
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_lines_inserted();
    `)
  }
}
