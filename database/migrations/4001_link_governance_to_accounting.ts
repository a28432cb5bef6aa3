import { BaseSchema } from '@adonisjs/lucid/schema'
import { allocationResolutionCheck } from '#database/sql/governance'

/**
 * Links with accounting (a lower range, so the keys are added here): a resolution names the
 * fiscal year it approves or allocates, and an allocation of the result may only cite a
 * resolution that was adopted to allocate that very year's result.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      DO $$
      BEGIN
        IF to_regclass('fiscal_years') IS NOT NULL THEN
          ALTER TABLE resolutions ADD CONSTRAINT resolutions_fiscal_year_fk
            FOREIGN KEY (fiscal_year_id) REFERENCES fiscal_years(id) ON DELETE RESTRICT;
        END IF;
        IF to_regclass('result_allocations') IS NOT NULL THEN
          ALTER TABLE result_allocations ADD CONSTRAINT result_allocations_resolution_fk
            FOREIGN KEY (resolution_id) REFERENCES resolutions(id) ON DELETE RESTRICT;
          ${allocationResolutionCheck}
        END IF;
      END $$;
    `)
  }

  async down() {
    this.schema.raw(`
      DROP TRIGGER IF EXISTS result_allocations_resolution_check ON result_allocations;
      DROP FUNCTION IF EXISTS governance_allocation_resolution_check();
      ALTER TABLE IF EXISTS result_allocations DROP CONSTRAINT IF EXISTS result_allocations_resolution_fk;
      ALTER TABLE resolutions DROP CONSTRAINT IF EXISTS resolutions_fiscal_year_fk;
    `)
  }
}
