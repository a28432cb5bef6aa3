import { BaseSchema } from '@adonisjs/lucid/schema'
import {
  BUDGET_STATUSES,
  BUDGET_VERSION_KINDS,
  STATEMENT_KINDS,
  STATEMENT_LINE_KINDS,
  STATEMENT_SECTIONS,
} from '#vocabulary/accounting'
import { codesOf, sqlList } from '#vocabulary/labels'
import { knownCodes } from '#database/sql/tenant_keys'
import { tenantRow, versionStamps } from '#database/sql/columns'

/**
 * Statements as data (layouts and their lines with account ranges), budgets by layout line,
 * and the year-end records: closings, stored closing balances, reopenings and the allocation
 * of the result (affectation), which waits for the general assembly's decision.
 *
 * statement_lines.ranges: [{ prefix, exclude?, side?: 'debit'|'credit', part?: 'gross'|'depreciation' }]
 *   an account belongs to a line when one included prefix starts its number and no excluded
 *   prefix does; side keeps only accounts whose balance is on that side (bilan 40-46 rule).
 * statement_lines.formula: [{ code, sign }] sums other lines of the same layout (subtotals).
 * result_allocations.resolution_id: plain integer, the governance migration adds its FK.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('statement_layouts', (table) => {
      tenantRow(table)
      table.string('code', 40).notNullable()
      table.string('name', 200).notNullable()
      table.string('kind', 20).notNullable()
      table.integer('valid_from_year').notNullable()
      table.integer('valid_to_year').nullable()
      versionStamps(table, this)
      table.unique(['organisation_id', 'code', 'kind', 'valid_from_year'])
    })
    this.schema.raw(knownCodes('statement_layouts', 'kind', STATEMENT_KINDS))

    this.schema.createTable('statement_lines', (table) => {
      tenantRow(table)
      table
        .integer('layout_id')
        .notNullable()
        .references('statement_layouts.id')
        .onDelete('CASCADE')
      table.integer('position').notNullable()
      table.string('code', 40).notNullable()
      table.string('label', 300).notNullable()
      table.string('section', 20).notNullable()
      table.string('kind', 20).notNullable().defaultTo('line')
      table.smallint('level').notNullable().defaultTo(1)
      // "dont ..." lines: shown under their parent, never added into a total.
      table.boolean('of_which').notNullable().defaultTo(false)
      table.smallint('sign').notNullable().defaultTo(1)
      table.jsonb('ranges').notNullable().defaultTo('[]')
      table.jsonb('formula').nullable()
      versionStamps(table, this)
      table.unique(['layout_id', 'code'])
      table.index(['organisation_id', 'layout_id', 'position'])
    })
    this.schema.raw(`
      ALTER TABLE statement_lines
        ADD CONSTRAINT statement_lines_kind_known CHECK (kind IN (${sqlList(codesOf(STATEMENT_LINE_KINDS))})),
        ADD CONSTRAINT statement_lines_section_known CHECK (section IN (${sqlList(codesOf(STATEMENT_SECTIONS))})),
        ADD CONSTRAINT statement_lines_sign_unit CHECK (sign IN (-1, 1)),
        ADD CONSTRAINT statement_lines_ranges_array CHECK (jsonb_typeof(ranges) = 'array')
    `)

    this.schema.createTable('budgets', (table) => {
      tenantRow(table)
      table.integer('fiscal_year_id').notNullable().references('fiscal_years.id')
      table.integer('layout_id').notNullable().references('statement_layouts.id')
      table.string('version_kind', 20).notNullable().defaultTo('initial')
      table.string('label', 200).notNullable()
      table.string('status', 20).notNullable().defaultTo('draft')
      table.integer('approved_by').nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('approved_at', { useTz: true }).nullable()
      versionStamps(table, this)
      table.unique(['organisation_id', 'fiscal_year_id', 'layout_id', 'version_kind'])
    })
    this.schema.raw(`
      ALTER TABLE budgets
        ADD CONSTRAINT budgets_version_known CHECK (version_kind IN (${sqlList(codesOf(BUDGET_VERSION_KINDS))})),
        ADD CONSTRAINT budgets_status_known CHECK (status IN (${sqlList(codesOf(BUDGET_STATUSES))})),
        ADD CONSTRAINT budgets_approval_complete CHECK (status <> 'approved' OR approved_at IS NOT NULL)
    `)

    this.schema.createTable('budget_lines', (table) => {
      tenantRow(table)
      table.integer('budget_id').notNullable().references('budgets.id').onDelete('CASCADE')
      table.integer('statement_line_id').notNullable().references('statement_lines.id')
      table.integer('account_id').nullable().references('accounts.id')
      table.integer('programme_id').nullable().references('programmes.id')
      table.integer('grant_id').nullable()
      table.integer('territory_id').nullable().references('territories.id')
      table.decimal('amount', 15, 2).notNullable()
      table.string('comment', 500).nullable()
      versionStamps(table, this)
      table.index(['organisation_id', 'budget_id'])
    })

    // One row per closing of a fiscal year (a reopening keeps the history).
    this.schema.createTable('fiscal_year_closings', (table) => {
      tenantRow(table)
      table.integer('fiscal_year_id').notNullable().references('fiscal_years.id')
      table.decimal('result', 15, 2).notNullable()
      table.integer('opening_entry_id').nullable().references('entries.id')
      table.integer('closed_by').nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('closed_at', { useTz: true }).notNullable()
      table.timestamp('reopened_at', { useTz: true }).nullable()
      table.integer('reopened_by').nullable().references('users.id').onDelete('SET NULL')
      table.text('reopen_reason').nullable()
      table.index(['organisation_id', 'fiscal_year_id'])
    })

    // Closing balances per account and analytic dimension, written when a year is closed.
    this.schema.createTable('account_balances', (table) => {
      table.bigIncrements('id')
      table.integer('organisation_id').notNullable().references('organisations.id')
      table.integer('fiscal_year_id').notNullable().references('fiscal_years.id')
      table
        .integer('closing_id')
        .notNullable()
        .references('fiscal_year_closings.id')
        .onDelete('CASCADE')
      table.integer('account_id').notNullable().references('accounts.id')
      table.string('account_number', 20).notNullable()
      table.integer('programme_id').nullable().references('programmes.id')
      table.integer('grant_id').nullable()
      table.integer('territory_id').nullable().references('territories.id')
      table.decimal('debit', 15, 2).notNullable()
      table.decimal('credit', 15, 2).notNullable()
      table.decimal('balance', 15, 2).notNullable()
      table.index(['organisation_id', 'fiscal_year_id', 'account_number'])
    })

    this.schema.createTable('result_allocations', (table) => {
      tenantRow(table)
      // The year whose result is allocated; the entry is posted in the next year.
      table.integer('fiscal_year_id').notNullable().references('fiscal_years.id')
      table.date('decision_date').nullable()
      table.text('decision_text').nullable()
      table.integer('resolution_id').nullable()
      table.decimal('result', 15, 2).notNullable()
      table.decimal('to_report', 15, 2).notNullable().defaultTo(0)
      table.decimal('to_reserves', 15, 2).notNullable().defaultTo(0)
      table.string('reserve_account', 20).notNullable().defaultTo('1068')
      table.integer('entry_id').nullable().references('entries.id')
      table.integer('posted_by').nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('posted_at', { useTz: true }).nullable()
      versionStamps(table, this)
      table.unique(['organisation_id', 'fiscal_year_id'])
    })
    this.schema.raw(`
      ALTER TABLE result_allocations
        ADD CONSTRAINT result_allocations_split CHECK (to_report + to_reserves = result),
        ADD CONSTRAINT result_allocations_posted_after_decision CHECK (
          entry_id IS NULL OR (decision_date IS NOT NULL AND decision_text IS NOT NULL)
        )
    `)
  }

  async down() {
    this.schema.dropTableIfExists('result_allocations')
    this.schema.dropTableIfExists('account_balances')
    this.schema.dropTableIfExists('fiscal_year_closings')
    this.schema.dropTableIfExists('budget_lines')
    this.schema.dropTableIfExists('budgets')
    this.schema.dropTableIfExists('statement_lines')
    this.schema.dropTableIfExists('statement_layouts')
  }
}
