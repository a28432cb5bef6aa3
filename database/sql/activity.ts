/**
 * The guard 0501 put on indicator values (indicator, programme and territory of the row's own
 * organisation), which 8000 replaced by composite keys; 8000's `down` puts it back.
 */
export const ACTIVITY_VALUE_GUARD = `
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
`
