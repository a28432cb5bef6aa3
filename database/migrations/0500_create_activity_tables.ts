import { BaseSchema } from '@adonisjs/lucid/schema'
import * as activity from '#vocabulary/activity'
import { knownCodes } from '#database/sql/tenant_keys'
import { tenantRow, versionStamps } from '#database/sql/columns'

/**
 * Activity volumes: programmes (dispositifs), territories (antenna > area), the indicator
 * catalogue and yearly values. Evolutions N/N-1 are computed, never stored.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('programmes', (table) => {
      tenantRow(table)
      table.string('code', 40).notNullable()
      table.string('name', 200).notNullable()
      table.string('level', 30).notNullable()
      table.boolean('fse_cofinanced').notNullable().defaultTo(false)
      // Free text until the grants domain links programmes to funders.
      table.string('funder_names', 500).nullable()
      table.text('description').nullable()
      table.integer('position').notNullable().defaultTo(0)
      versionStamps(table, this)
      table.unique(['organisation_id', 'code'])
    })
    this.schema.raw(knownCodes('programmes', 'level', activity.PROGRAMME_LEVELS))

    this.schema.createTable('territories', (table) => {
      tenantRow(table)
      table.integer('parent_id').nullable().references('territories.id').onDelete('RESTRICT')
      table.string('code', 80).notNullable()
      table.string('name', 200).notNullable()
      table.string('kind', 20).notNullable()
      table.integer('position').notNullable().defaultTo(0)
      versionStamps(table, this)
      table.unique(['organisation_id', 'code'])
      table.index(['organisation_id', 'parent_id'])
    })
    this.schema.raw(knownCodes('territories', 'kind', activity.TERRITORY_KINDS))
    this.schema.raw(
      `ALTER TABLE territories ADD CONSTRAINT territories_antenna_is_root CHECK ((kind = 'antenna') = (parent_id IS NULL))`
    )
    this.schema.raw(
      `ALTER TABLE territories ADD CONSTRAINT territories_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id)`
    )

    this.schema.createTable('indicators', (table) => {
      tenantRow(table)
      table.string('code', 80).notNullable()
      table.string('label', 300).notNullable()
      table.string('unit', 20).notNullable().defaultTo('count')
      // Breakdown dimensions a value of this indicator may carry (age_band, level, housing...).
      table.specificType('dimensions', 'text[]').notNullable().defaultTo('{}')
      table.boolean('by_programme').notNullable().defaultTo(false)
      table.boolean('by_territory').notNullable().defaultTo(false)
      table.text('description').nullable()
      table.integer('position').notNullable().defaultTo(0)
      versionStamps(table, this)
      table.unique(['organisation_id', 'code'])
    })
    this.schema.raw(knownCodes('indicators', 'unit', activity.INDICATOR_UNITS))

    this.schema.createTable('programme_targets', (table) => {
      tenantRow(table)
      table.integer('programme_id').notNullable().references('programmes.id').onDelete('CASCADE')
      table.integer('indicator_id').notNullable().references('indicators.id').onDelete('RESTRICT')
      table.integer('year').notNullable()
      table.decimal('target', 14, 2).notNullable()
      versionStamps(table, this)
      table.unique(['organisation_id', 'programme_id', 'indicator_id', 'year'])
    })
    this.schema.raw(
      `ALTER TABLE programme_targets ADD CONSTRAINT programme_targets_sane CHECK (target >= 0 AND year BETWEEN 2000 AND 2100)`
    )

    this.schema.createTable('indicator_values', (table) => {
      table.bigIncrements('id')
      table.integer('organisation_id').notNullable().references('organisations.id')
      table.integer('year').notNullable()
      table.integer('indicator_id').notNullable().references('indicators.id').onDelete('RESTRICT')
      table.integer('programme_id').nullable().references('programmes.id').onDelete('RESTRICT')
      table.integer('territory_id').nullable().references('territories.id').onDelete('RESTRICT')
      table.string('breakdown', 40).nullable()
      table.string('modality', 200).nullable()
      table.decimal('value', 14, 2).notNullable()
      table.string('source', 20).notNullable().defaultTo('import')
      table.integer('import_id').nullable().references('imports.id').onDelete('SET NULL')
      table.string('source_file', 255).nullable()
      table.integer('user_id').nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['organisation_id', 'year', 'indicator_id'])
    })
    this.schema.raw(
      `ALTER TABLE indicator_values ADD CONSTRAINT indicator_values_sane CHECK (value >= 0 AND year BETWEEN 2000 AND 2100)`
    )
    this.schema.raw(
      `ALTER TABLE indicator_values ADD CONSTRAINT indicator_values_breakdown_pair CHECK ((breakdown IS NULL) = (modality IS NULL))`
    )
    this.schema.raw(knownCodes('indicator_values', 'source', activity.VALUE_SOURCES))
    // One value per (year, indicator, programme, territory, breakdown, modality).
    this.schema.raw(
      `CREATE UNIQUE INDEX indicator_values_cell_unique ON indicator_values (organisation_id, year, indicator_id, coalesce(programme_id, 0), coalesce(territory_id, 0), coalesce(breakdown, ''), coalesce(modality, ''))`
    )
  }

  async down() {
    for (const table of [
      'indicator_values',
      'programme_targets',
      'indicators',
      'territories',
      'programmes',
    ]) {
      this.schema.dropTableIfExists(table)
    }
  }
}
