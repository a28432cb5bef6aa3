import { BaseSchema } from '@adonisjs/lucid/schema'
import { RECURRENCES } from '#vocabulary/treasury'
import { codesOf, sqlList } from '#vocabulary/labels'

/**
 * The cash-flow forecast (issue #18, docs/adr/0016-cash-forecast.md).
 *
 * - `treasury_manual_items`: what finance expects that Socle cannot see coming (an investment,
 *   a loan and its repayments): a label, a day, a signed amount (positive comes in), once or
 *   each month up to an optional last day. Edited and deleted with an audit event.
 * - `treasury_settings`: the board's threshold, one row per organisation, drawn on the chart
 *   and marked in the tables when the forecast goes under it.
 *
 * Tenant keys are composite from the start (ADR 8).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('treasury_manual_items', (table) => {
      table.increments('id')
      table.integer('organisation_id').notNullable().references('organisations.id')
      table.string('label', 200).notNullable()
      table.date('due_on').notNullable()
      table.decimal('amount', 15, 2).notNullable()
      table.string('recurrence', 20).notNullable().defaultTo('none')
      table.date('ends_on').nullable()
      table.integer('version').notNullable().defaultTo(1)
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).nullable()
      table.index(['organisation_id', 'due_on'])
    })
    this.schema.raw(`
      ALTER TABLE treasury_manual_items
        ADD CONSTRAINT treasury_manual_items_organisation_id_id_unique UNIQUE (organisation_id, id),
        ADD CONSTRAINT treasury_manual_items_recurrence_known
          CHECK (recurrence IN (${sqlList(codesOf(RECURRENCES))})),
        ADD CONSTRAINT treasury_manual_items_amount_not_zero CHECK (amount <> 0),
        ADD CONSTRAINT treasury_manual_items_label_not_blank CHECK (btrim(label) <> ''),
        ADD CONSTRAINT treasury_manual_items_ends_after_due
          CHECK (ends_on IS NULL OR (recurrence = 'monthly' AND ends_on >= due_on))`)

    this.schema.createTable('treasury_settings', (table) => {
      table.integer('organisation_id').primary().references('organisations.id')
      table.decimal('threshold', 15, 2).nullable()
      table.integer('version').notNullable().defaultTo(1)
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
    })
  }

  async down() {
    this.schema.dropTableIfExists('treasury_settings')
    this.schema.dropTableIfExists('treasury_manual_items')
  }
}
