import { BaseSchema } from '@adonisjs/lucid/schema'

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
          CREATE OR REPLACE FUNCTION governance_allocation_resolution_check() RETURNS trigger LANGUAGE plpgsql AS $f$
          BEGIN
            IF NEW.resolution_id IS NOT NULL AND NOT EXISTS (
              SELECT 1 FROM resolutions r
               WHERE r.id = NEW.resolution_id AND r.organisation_id = NEW.organisation_id
                 AND r.fiscal_year_id = NEW.fiscal_year_id AND r.subject_kind = 'allocate_result'
                 AND r.result = 'adopted') THEN
              RAISE EXCEPTION 'L''affectation du résultat doit citer la résolution adoptée qui affecte le résultat de cet exercice.'
                USING ERRCODE = 'check_violation';
            END IF;
            RETURN NEW;
          END $f$;
          CREATE TRIGGER result_allocations_resolution_check BEFORE INSERT OR UPDATE OF resolution_id, fiscal_year_id
            ON result_allocations FOR EACH ROW EXECUTE FUNCTION governance_allocation_resolution_check();
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
