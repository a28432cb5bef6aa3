import { BaseSchema } from '@adonisjs/lucid/schema'
import { CHART_VERSIONS, EQUALITY_SIZE_BANDS, LOGO_TYPES } from '#vocabulary/core'
import { codesOf, sqlList } from '#vocabulary/labels'

/** Largest logo kept, in bytes (the upload route refuses more before reading it). */
const LOGO_MAX_BYTES = 512 * 1024

/**
 * Organisation settings (issue #13), edited by its admin:
 * - `organisations`: postal address, first month of the fiscal year (1 = January), chart of
 *   accounts version, size band of the equality index ('auto': from the average headcount of
 *   the register), and a `version` for optimistic locking. The employer charge rate stays where
 *   the HR costs read it (`hr_settings.employer_charge_rate`): one value, two screens.
 * - `organisation_logos`: the logo used on print views, one row per organisation, PNG or JPEG
 *   checked by content, at most 512 KB. Kept in the database (bytea) rather than in a storage
 *   folder: it is small, it goes into `db:backup` and restores with it, it is isolated by
 *   `organisation_id` like every tenant row, and a second server needs no shared disk. A table
 *   of its own, so that loading an organisation never loads its image.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('organisations', (table) => {
      table.string('address', 500).nullable()
      table.smallint('fiscal_year_start_month').notNullable().defaultTo(1)
      table.string('chart_version', 20).notNullable().defaultTo(codesOf(CHART_VERSIONS)[0])
      table.string('equality_size_band', 20).notNullable().defaultTo('auto')
      table.integer('version').notNullable().defaultTo(1)
    })
    this.schema.raw(`
      ALTER TABLE organisations
        ADD CONSTRAINT organisations_fiscal_year_start_month_range
          CHECK (fiscal_year_start_month BETWEEN 1 AND 12),
        ADD CONSTRAINT organisations_chart_version_known
          CHECK (chart_version IN (${sqlList(codesOf(CHART_VERSIONS))})),
        ADD CONSTRAINT organisations_equality_size_band_known
          CHECK (equality_size_band IN (${sqlList(codesOf(EQUALITY_SIZE_BANDS))}))`)

    this.schema.createTable('organisation_logos', (table) => {
      table.integer('organisation_id').primary().references('organisations.id').onDelete('CASCADE')
      table.string('content_type', 20).notNullable()
      table.binary('bytes').notNullable()
      table.string('sha256', 64).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
    })
    this.schema.raw(`
      ALTER TABLE organisation_logos
        ADD CONSTRAINT organisation_logos_type_known
          CHECK (content_type IN (${Object.keys(LOGO_TYPES)
            .map((mime) => `'${mime}'`)
            .join(', ')})),
        ADD CONSTRAINT organisation_logos_size
          CHECK (octet_length(bytes) BETWEEN 1 AND ${LOGO_MAX_BYTES}),
        ADD CONSTRAINT organisation_logos_sha256_hex CHECK (sha256 ~ '^[0-9a-f]{64}$')`)
  }

  async down() {
    this.schema.dropTableIfExists('organisation_logos')
    this.schema.raw(`
      ALTER TABLE organisations
        DROP CONSTRAINT IF EXISTS organisations_fiscal_year_start_month_range,
        DROP CONSTRAINT IF EXISTS organisations_chart_version_known,
        DROP CONSTRAINT IF EXISTS organisations_equality_size_band_known`)
    this.schema.alterTable('organisations', (table) => {
      table.dropColumns(
        'address',
        'fiscal_year_start_month',
        'chart_version',
        'equality_size_band',
        'version'
      )
    })
  }
}
