import { BaseSchema } from '@adonisjs/lucid/schema'
import { CHECK_STATUSES, RUN_TRIGGERS } from '#vocabulary/reconciliation'
import { codesOf, sqlList } from '#vocabulary/labels'

/**
 * Reconciliation: runs of the check registry and their results, kept per run so a year's
 * status can be compared over time; and the published tables of a year (the report as printed).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('reconciliation_runs', (table) => {
      table.increments('id')
      table.integer('organisation_id').notNullable().references('organisations.id')
      table.integer('year').notNullable()
      table.string('trigger', 20).notNullable()
      table.integer('user_id').nullable().references('users.id').onDelete('SET NULL')
      table.string('actor', 200).nullable()
      table.integer('checks_total').notNullable().defaultTo(0)
      table.integer('checks_ok').notNullable().defaultTo(0)
      table.integer('checks_rounding').notNullable().defaultTo(0)
      table.integer('checks_discrepancy').notNullable().defaultTo(0)
      table.integer('checks_missing').notNullable().defaultTo(0)
      table.timestamp('started_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('finished_at', { useTz: true }).nullable()
      table.index(['organisation_id', 'year', 'started_at'])
    })
    this.schema.raw(
      `ALTER TABLE reconciliation_runs ADD CONSTRAINT reconciliation_runs_trigger_known CHECK (trigger IN (${sqlList(codesOf(RUN_TRIGGERS))}))`
    )

    this.schema.createTable('reconciliation_results', (table) => {
      table.bigIncrements('id')
      table.integer('organisation_id').notNullable().references('organisations.id')
      table.integer('run_id').notNullable().references('reconciliation_runs.id').onDelete('CASCADE')
      table.string('check_id', 160).notNullable()
      table.string('family', 40).notNullable()
      table.string('domain', 40).notNullable()
      table.string('title', 300).notNullable()
      table.string('status', 20).notNullable()
      table.decimal('expected', 15, 2).nullable()
      table.decimal('actual', 15, 2).nullable()
      table.decimal('difference', 15, 2).nullable()
      table.decimal('tolerance', 15, 2).nullable()
      table.string('unit', 20).nullable()
      table.text('explanation').nullable()
      table.jsonb('inputs').nullable()
      table.jsonb('details').nullable()
      table.integer('position').notNullable().defaultTo(0)
      table.index(['organisation_id', 'run_id'])
      table.index(['organisation_id', 'check_id'])
    })
    this.schema.raw(
      `ALTER TABLE reconciliation_results ADD CONSTRAINT reconciliation_results_status_known CHECK (status IN (${sqlList(codesOf(CHECK_STATUSES))}))`
    )

    this.schema.createTable('published_reports', (table) => {
      table.increments('id')
      table.integer('organisation_id').notNullable().references('organisations.id')
      table.integer('year').notNullable()
      table.string('title', 300).notNullable()
      table.string('source_file', 255).nullable()
      table.integer('user_id').nullable().references('users.id').onDelete('SET NULL')
      table.integer('version').notNullable().defaultTo(1)
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).nullable()
      table.unique(['organisation_id', 'year'])
    })

    this.schema.createTable('published_values', (table) => {
      table.bigIncrements('id')
      table.integer('organisation_id').notNullable().references('organisations.id')
      table
        .integer('report_id')
        .notNullable()
        .references('published_reports.id')
        .onDelete('CASCADE')
      table.string('domain', 40).notNullable()
      // e.g. activity / territories / "Rennes (ville)" / jeunes_accompagnes
      table.string('table_key', 120).notNullable()
      table.string('row_key', 300).notNullable()
      table.string('column_key', 120).notNullable()
      table.decimal('value', 15, 2).nullable()
      table.string('text_value', 300).nullable()
      table.string('unit', 20).notNullable().defaultTo('count')
      table.integer('position').notNullable().defaultTo(0)
      table.index(['organisation_id', 'report_id'])
      table.unique(['report_id', 'domain', 'table_key', 'row_key', 'column_key'])
    })
  }

  async down() {
    for (const table of [
      'published_values',
      'published_reports',
      'reconciliation_results',
      'reconciliation_runs',
    ]) {
      this.schema.dropTableIfExists(table)
    }
  }
}
