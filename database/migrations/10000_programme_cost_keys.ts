import { BaseSchema } from '@adonisjs/lucid/schema'
import { OVERHEAD_KEYS } from '#vocabulary/accounting'
import { codesOf, sqlList } from '#vocabulary/labels'

/**
 * The overhead key chosen for a fiscal year's cost per programme (issue #14): FTE, direct costs
 * or revenue (OVERHEAD_KEYS), saved once per organisation and fiscal year by finance, versioned
 * for the edit form. Without a row the report spreads by FTE. Tenant keys are composite (ADR 8).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('programme_cost_keys', (table) => {
      table.increments('id')
      table.integer('organisation_id').notNullable().references('organisations.id')
      table.integer('fiscal_year_id').notNullable()
      table.string('overhead_key', 20).notNullable()
      table.integer('version').notNullable().defaultTo(1)
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).nullable()
    })
    this.schema.raw(`
      ALTER TABLE programme_cost_keys
        ADD CONSTRAINT programme_cost_keys_organisation_id_id_unique UNIQUE (organisation_id, id),
        ADD CONSTRAINT programme_cost_keys_fiscal_year_fk FOREIGN KEY (organisation_id, fiscal_year_id)
          REFERENCES fiscal_years (organisation_id, id) ON DELETE CASCADE,
        ADD CONSTRAINT programme_cost_keys_one_per_year UNIQUE (organisation_id, fiscal_year_id),
        ADD CONSTRAINT programme_cost_keys_key_known CHECK (overhead_key IN (${sqlList(codesOf(OVERHEAD_KEYS))}));
    `)
  }

  async down() {
    this.schema.dropTableIfExists('programme_cost_keys')
  }
}
