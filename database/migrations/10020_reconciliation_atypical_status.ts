import { BaseSchema } from '@adonisjs/lucid/schema'
import { CHECK_STATUSES } from '#vocabulary/reconciliation'
import { codesOf, sqlList } from '#vocabulary/labels'

/**
 * An outlier ratio is not a discrepancy (issue #14): the funding checks' values far from the
 * median or from N-1 get their own status, `atypical` (« Valeur atypique »), and each run counts
 * them apart. Results stored before were all recorded as discrepancies: the funding family's are
 * reclassified and their runs recounted, so that the history compares like with like.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('reconciliation_runs', (table) => {
      table.integer('checks_atypical').notNullable().defaultTo(0)
    })
    this.schema.raw(`
      ALTER TABLE reconciliation_results DROP CONSTRAINT reconciliation_results_status_known,
        ADD CONSTRAINT reconciliation_results_status_known
          CHECK (status IN (${sqlList(codesOf(CHECK_STATUSES))}))`)
    this.schema.raw(`
      UPDATE reconciliation_results SET status = 'atypical'
       WHERE family = 'funding' AND status = 'discrepancy'`)
    this.schema.raw(RECOUNT)
  }

  async down() {
    this.schema.raw(`
      UPDATE reconciliation_results SET status = 'discrepancy' WHERE status = 'atypical'`)
    this.schema.raw(RECOUNT)
    this.schema.raw(`
      ALTER TABLE reconciliation_results DROP CONSTRAINT reconciliation_results_status_known,
        ADD CONSTRAINT reconciliation_results_status_known
          CHECK (status IN (${sqlList(codesOf(CHECK_STATUSES).filter((code) => code !== 'atypical'))}))`)
    this.schema.alterTable('reconciliation_runs', (table) => {
      table.dropColumn('checks_atypical')
    })
  }
}

/** Each run's discrepancies and atypical values, counted again from its results. */
const RECOUNT = `
  UPDATE reconciliation_runs u
     SET checks_discrepancy = c.discrepancy, checks_atypical = c.atypical
    FROM (SELECT run_id, count(*) FILTER (WHERE status = 'discrepancy')::int AS discrepancy,
                 count(*) FILTER (WHERE status = 'atypical')::int AS atypical
            FROM reconciliation_results GROUP BY run_id) c
   WHERE c.run_id = u.id`
