import { BaseSchema } from '@adonisjs/lucid/schema'

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

CREATE OR REPLACE FUNCTION activity_value_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM indicators WHERE id = NEW.indicator_id AND organisation_id = NEW.organisation_id)
     OR (NEW.programme_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM programmes WHERE id = NEW.programme_id AND organisation_id = NEW.organisation_id))
     OR (NEW.territory_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM territories WHERE id = NEW.territory_id AND organisation_id = NEW.organisation_id)) THEN
    RAISE EXCEPTION 'Valeur d''indicateur : indicateur, dispositif ou territoire d''une autre organisation.' USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER indicator_values_guard BEFORE INSERT OR UPDATE ON indicator_values
  FOR EACH ROW EXECUTE FUNCTION activity_value_guard();
`)
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
