import { BaseSchema } from '@adonisjs/lucid/schema'
import { IMPORT_STATUSES } from '#vocabulary/core'
import { codesOf, sqlList } from '#vocabulary/labels'

const STATUSES = codesOf(IMPORT_STATUSES)

/**
 * Long imports (FEC) run in the background after the upload: the import row exists from the
 * start with status 'running' and carries its progress, which the import page shows.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw('ALTER TABLE imports DROP CONSTRAINT imports_status_known')
    this.schema.raw(
      `ALTER TABLE imports ADD CONSTRAINT imports_status_known CHECK (status IN (${sqlList(STATUSES)}))`
    )
    this.schema.alterTable('imports', (table) => {
      table.integer('progress_done').nullable()
      table.integer('progress_total').nullable()
      table.string('progress_phase', 20).nullable()
    })
  }

  async down() {
    this.schema.alterTable('imports', (table) => {
      table.dropColumn('progress_done')
      table.dropColumn('progress_total')
      table.dropColumn('progress_phase')
    })
    this.schema.raw('ALTER TABLE imports DROP CONSTRAINT imports_status_known')
    this.schema.raw(
      `ALTER TABLE imports ADD CONSTRAINT imports_status_known CHECK (status IN (${sqlList(STATUSES.filter((status) => status !== 'running'))}))`
    )
  }
}
