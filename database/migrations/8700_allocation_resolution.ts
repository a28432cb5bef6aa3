import { BaseSchema } from '@adonisjs/lucid/schema'
import { allocationResolutionCheck } from '#database/sql/governance'
import { GENERAL_ASSEMBLY_KINDS } from '#vocabulary/governance'
import { codesOf, sqlList } from '#vocabulary/labels'

const ASSEMBLIES = sqlList(codesOf(GENERAL_ASSEMBLY_KINDS))

/**
 * The general assembly's gate on the allocation of the result (issue #14, ADR 6), in PostgreSQL
 * as in SaveResultAllocation and with the same French messages:
 *
 * - every allocation cites a resolution (`NOT VALID`: an allocation recorded before this
 *   migration without one stays readable, but no new or changed row may omit it);
 * - the resolution is of the allocation's organisation and fiscal year, allocates the result, was
 *   adopted, and was voted by a general assembly (a board, bureau or antenna committee resolution
 *   is refused) whose meeting is not cancelled; the trigger of 4001 is replaced by this fuller
 *   one, fired on every insert and update (posting re-checks it);
 * - one resolution founds one allocation;
 * - a cited resolution keeps what made it eligible: its result, subject, fiscal year and meeting
 *   cannot change, nor its meeting's kind, nor can the meeting be cancelled (deleting either is
 *   already refused by the foreign key `result_allocations_resolution_fk`).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE OR REPLACE FUNCTION governance_allocation_resolution_check() RETURNS trigger LANGUAGE plpgsql AS $f$
      DECLARE
        r record;
      BEGIN
        IF NEW.resolution_id IS NULL THEN RETURN NEW; END IF;
        SELECT res.title, res.result, res.subject_kind, res.fiscal_year_id, m.kind, m.status
          INTO r
          FROM resolutions res JOIN meetings m ON m.id = res.meeting_id
         WHERE res.id = NEW.resolution_id AND res.organisation_id = NEW.organisation_id;
        IF NOT FOUND THEN
          RAISE EXCEPTION 'Résolution introuvable : choisissez une résolution adoptée par l''assemblée générale.'
            USING ERRCODE = 'check_violation';
        END IF;
        IF r.kind NOT IN (${ASSEMBLIES}) THEN
          RAISE EXCEPTION 'La résolution « % » n''a pas été votée par l''assemblée générale : seule l''assemblée générale affecte le résultat.', r.title
            USING ERRCODE = 'check_violation';
        END IF;
        IF r.status = 'cancelled' THEN
          RAISE EXCEPTION 'La séance de la résolution « % » est annulée.', r.title
            USING ERRCODE = 'check_violation';
        END IF;
        IF r.result <> 'adopted' THEN
          RAISE EXCEPTION 'La résolution « % » n''est pas adoptée : elle ne peut pas fonder l''affectation du résultat.', r.title
            USING ERRCODE = 'check_violation';
        END IF;
        IF r.subject_kind <> 'allocate_result' THEN
          RAISE EXCEPTION 'La résolution « % » ne porte pas sur l''affectation du résultat.', r.title
            USING ERRCODE = 'check_violation';
        END IF;
        IF r.fiscal_year_id IS DISTINCT FROM NEW.fiscal_year_id THEN
          RAISE EXCEPTION 'La résolution « % » affecte le résultat d''un autre exercice.', r.title
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $f$;
      DROP TRIGGER IF EXISTS result_allocations_resolution_check ON result_allocations;
      CREATE TRIGGER result_allocations_resolution_check BEFORE INSERT OR UPDATE ON result_allocations
        FOR EACH ROW EXECUTE FUNCTION governance_allocation_resolution_check();

      ALTER TABLE result_allocations
        ADD CONSTRAINT result_allocations_resolution_required CHECK (resolution_id IS NOT NULL) NOT VALID;
      CREATE UNIQUE INDEX result_allocations_resolution_unique ON result_allocations (resolution_id)
        WHERE resolution_id IS NOT NULL;

      CREATE OR REPLACE FUNCTION accounting_cited_resolution_guard() RETURNS trigger LANGUAGE plpgsql AS $f$
      BEGIN
        IF (NEW.result, NEW.subject_kind, NEW.fiscal_year_id, NEW.meeting_id)
             IS DISTINCT FROM (OLD.result, OLD.subject_kind, OLD.fiscal_year_id, OLD.meeting_id)
           AND EXISTS (SELECT 1 FROM result_allocations WHERE resolution_id = OLD.id) THEN
          RAISE EXCEPTION 'La résolution « % » fonde l''affectation du résultat enregistrée en comptabilité : son résultat, son objet, son exercice et sa séance ne peuvent plus changer.', OLD.title
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $f$;
      CREATE TRIGGER resolutions_cited_by_allocation BEFORE UPDATE OF result, subject_kind, fiscal_year_id, meeting_id
        ON resolutions FOR EACH ROW EXECUTE FUNCTION accounting_cited_resolution_guard();

      CREATE OR REPLACE FUNCTION accounting_cited_meeting_guard() RETURNS trigger LANGUAGE plpgsql AS $f$
      BEGIN
        IF (NEW.kind NOT IN (${ASSEMBLIES}) OR NEW.status = 'cancelled')
           AND EXISTS (SELECT 1 FROM result_allocations a JOIN resolutions r ON r.id = a.resolution_id
                        WHERE r.meeting_id = OLD.id) THEN
          RAISE EXCEPTION 'Une résolution de la séance « % » fonde l''affectation du résultat enregistrée en comptabilité : la séance reste une assemblée générale tenue.', OLD.title
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $f$;
      CREATE TRIGGER meetings_cited_by_allocation BEFORE UPDATE OF kind, status
        ON meetings FOR EACH ROW EXECUTE FUNCTION accounting_cited_meeting_guard();
    `)
  }

  async down() {
    this.schema.raw(`
      DROP TRIGGER IF EXISTS meetings_cited_by_allocation ON meetings;
      DROP FUNCTION IF EXISTS accounting_cited_meeting_guard();
      DROP TRIGGER IF EXISTS resolutions_cited_by_allocation ON resolutions;
      DROP FUNCTION IF EXISTS accounting_cited_resolution_guard();
      DROP INDEX IF EXISTS result_allocations_resolution_unique;
      ALTER TABLE result_allocations DROP CONSTRAINT IF EXISTS result_allocations_resolution_required;
      DROP TRIGGER IF EXISTS result_allocations_resolution_check ON result_allocations;
      ${allocationResolutionCheck}
    `)
  }
}
