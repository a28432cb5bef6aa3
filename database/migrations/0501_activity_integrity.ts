import { BaseSchema } from '@adonisjs/lucid/schema'
import { ACTIVITY_VALUE_GUARD } from '#database/sql/activity'

/**
 * Integrity rules the foreign keys cannot say: an area hangs under an antenna of the same
 * organisation (two levels), and an indicator value only refers to the indicator, programme and
 * territory of its own organisation.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
CREATE OR REPLACE FUNCTION activity_territory_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  parent record;
BEGIN
  IF NEW.parent_id IS NULL THEN RETURN NEW; END IF;
  SELECT organisation_id, kind INTO parent FROM territories WHERE id = NEW.parent_id;
  IF parent.organisation_id <> NEW.organisation_id THEN
    RAISE EXCEPTION 'Territoire « % » : son antenne appartient à une autre organisation.', NEW.name USING ERRCODE = 'P0001';
  END IF;
  IF parent.kind <> 'antenna' THEN
    RAISE EXCEPTION 'Territoire « % » : un secteur se rattache à une antenne.', NEW.name USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER territories_guard BEFORE INSERT OR UPDATE ON territories
  FOR EACH ROW EXECUTE FUNCTION activity_territory_guard();
${ACTIVITY_VALUE_GUARD}`)
  }

  async down() {
    this.schema.raw(`
DROP TRIGGER IF EXISTS indicator_values_guard ON indicator_values;
DROP FUNCTION IF EXISTS activity_value_guard();
DROP TRIGGER IF EXISTS territories_guard ON territories;
DROP FUNCTION IF EXISTS activity_territory_guard();
`)
  }
}
