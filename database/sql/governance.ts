import { VOTING_STATUSES } from '#vocabulary/governance'
import { sqlList } from '#vocabulary/labels'

/**
 * The governance functions that 4000 wrote and 8900 rewrote for alternates (issue #15). Each is
 * written once: `alternates: false` is the text of 4000 (also what 8900's `down` restores),
 * `alternates: true` the text of 8900.
 */
export interface GovernanceRules {
  alternates: boolean
}

/** Proxies, presence and votes of an attendance row (trigger on attendances). */
export function attendancesCheck({ alternates }: GovernanceRules) {
  const titular = alternates ? '\n        titular attendances%ROWTYPE;' : ''
  const holderSits = alternates
    ? ` OR (
               holder.alternate_for_id IS NOT NULL AND NOT EXISTS (
                 SELECT 1 FROM attendances t WHERE t.id = holder.alternate_for_id AND t.status = 'substituted'))`
    : ''
  const alternateRules = alternates
    ? `
        IF NEW.alternate_for_id IS NOT NULL THEN
          SELECT * INTO titular FROM attendances WHERE id = NEW.alternate_for_id;
          IF titular.meeting_id <> NEW.meeting_id THEN
            RAISE EXCEPTION 'Un suppléant est convoqué avec son titulaire, à la même séance.'
              USING ERRCODE = 'check_violation';
          END IF;
          IF NEW.status <> 'present' AND titular.status = 'substituted' THEN
            RAISE EXCEPTION '% siège à la place de % : il ne peut pas être déclaré absent tant que son titulaire est représenté par lui.', NEW.name, titular.name
              USING ERRCODE = 'check_violation';
          END IF;
        ELSE
          IF NEW.status = 'substituted' AND NOT EXISTS (
            SELECT 1 FROM attendances a WHERE a.alternate_for_id = NEW.id AND a.status = 'present') THEN
            RAISE EXCEPTION '% ne peut être représenté par son suppléant que si celui-ci est présent.', NEW.name
              USING ERRCODE = 'check_violation';
          END IF;
          IF NEW.status <> 'substituted' AND EXISTS (
            SELECT 1 FROM votes v JOIN attendances a ON a.id = v.attendance_id WHERE a.alternate_for_id = NEW.id) THEN
            RAISE EXCEPTION 'Le suppléant de % a déjà voté à sa place : la présence du titulaire ne peut plus changer.', NEW.name
              USING ERRCODE = 'check_violation';
          END IF;
        END IF;`
    : ''
  return `
      CREATE OR REPLACE FUNCTION governance_attendances_check() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        holder attendances%ROWTYPE;${titular}
        cap integer;
        held integer;
      BEGIN
        IF NEW.proxy_to_id IS NOT NULL THEN
          SELECT * INTO holder FROM attendances WHERE id = NEW.proxy_to_id FOR UPDATE;
          IF holder.meeting_id <> NEW.meeting_id OR holder.status <> 'present'${holderSits} THEN
            RAISE EXCEPTION 'Le pouvoir ne peut être donné qu''à un membre présent à la séance (% ne l''est pas).', holder.name
              USING ERRCODE = 'check_violation';
          END IF;
          SELECT coalesce(q.max_proxies_per_person, 1) INTO cap FROM meetings m
            LEFT JOIN quorum_rules q ON q.organisation_id = m.organisation_id AND q.meeting_kind = m.kind
            WHERE m.id = NEW.meeting_id;
          SELECT count(*) INTO held FROM attendances WHERE proxy_to_id = NEW.proxy_to_id;
          IF held > coalesce(cap, 1) THEN
            RAISE EXCEPTION '% détient déjà le nombre maximal de pouvoirs (%).', holder.name, coalesce(cap, 1)
              USING ERRCODE = 'check_violation';
          END IF;
        END IF;
        IF NEW.status <> 'present' AND EXISTS (SELECT 1 FROM attendances WHERE proxy_to_id = NEW.id) THEN
          RAISE EXCEPTION '% détient des pouvoirs : retirez-les avant de le déclarer non présent.', NEW.name
            USING ERRCODE = 'check_violation';
        END IF;
        IF TG_OP = 'UPDATE' AND NEW.status <> 'present' AND EXISTS (
          SELECT 1 FROM votes v WHERE v.attendance_id = NEW.id) AND NEW.status <> 'represented' THEN
          RAISE EXCEPTION '% a déjà voté : sa présence ne peut plus être retirée.', NEW.name
            USING ERRCODE = 'check_violation';
        END IF;${alternateRules}
        RETURN NULL;
      END $$;
    `
}

/**
 * Quorum of a meeting, the single definition used by the app and by the vote trigger. With
 * alternates it counts titular rows only, a titular substituted by their alternate as present.
 */
export function governanceQuorum({ alternates }: GovernanceRules) {
  const rows = alternates
    ? `FROM attendances a, r
           WHERE a.meeting_id = p_meeting AND a.deliberative AND a.alternate_for_id IS NULL`
    : 'FROM attendances a, r WHERE a.meeting_id = p_meeting AND a.deliberative'
  const present = alternates ? "status IN ('present', 'substituted')" : "status = 'present'"
  return `
      CREATE OR REPLACE FUNCTION governance_quorum(p_meeting integer)
      RETURNS TABLE (basis text, counts_represented boolean, fraction numeric, comparison text,
                     total numeric, present numeric, represented numeric, counted numeric,
                     threshold numeric, reached boolean, second_convening boolean, allowed_without boolean)
      LANGUAGE sql STABLE AS $$
        WITH m AS (SELECT * FROM meetings WHERE id = p_meeting),
        r AS (
          SELECT coalesce(q.basis, 'members') AS basis, coalesce(q.counts_represented, true) AS cr,
                 coalesce(q.fraction, 0.5) AS fr, coalesce(q.comparison, 'gte') AS cmp,
                 coalesce(q.second_convening_without_quorum, false) AS allowed
            FROM m LEFT JOIN quorum_rules q ON q.organisation_id = m.organisation_id AND q.meeting_kind = m.kind
        ),
        a AS (
          SELECT a.status, CASE WHEN r.basis = 'votes' THEN a.votes ELSE 1 END AS w
            ${rows}
        ),
        t AS (
          SELECT coalesce(sum(w), 0) AS total,
                 coalesce(sum(w) FILTER (WHERE ${present}), 0) AS present,
                 coalesce(sum(w) FILTER (WHERE status = 'represented'), 0) AS represented
            FROM a
        )
        SELECT r.basis, r.cr, r.fr, r.cmp, t.total, t.present, t.represented,
               t.present + CASE WHEN r.cr THEN t.represented ELSE 0 END,
               t.total * r.fr,
               t.total > 0 AND CASE WHEN r.cmp = 'gt'
                 THEN t.present + CASE WHEN r.cr THEN t.represented ELSE 0 END > t.total * r.fr
                 ELSE t.present + CASE WHEN r.cr THEN t.represented ELSE 0 END >= t.total * r.fr END,
               m.second_convening, r.allowed
          FROM m, r, t
      $$;
    `
}

/** Who may vote, under quorum, before the result (trigger on votes). */
export function votesCheck({ alternates }: GovernanceRules) {
  const voterSits = alternates
    ? `IF voter.alternate_for_id IS NOT NULL THEN
          IF voter.status <> 'present' OR NOT EXISTS (
            SELECT 1 FROM attendances t WHERE t.id = voter.alternate_for_id AND t.status = 'substituted') THEN
            RAISE EXCEPTION '% ne siège pas à la place de son titulaire : son vote ne peut pas être enregistré.', voter.name
              USING ERRCODE = 'check_violation';
          END IF;
        ELSIF`
    : 'IF'
  return `
      CREATE OR REPLACE FUNCTION governance_votes_check() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        voter attendances%ROWTYPE;
        q record;
      BEGIN
        SELECT * INTO voter FROM attendances WHERE id = NEW.attendance_id;
        IF voter.meeting_id <> (SELECT meeting_id FROM resolutions WHERE id = NEW.resolution_id) THEN
          RAISE EXCEPTION 'Ce membre n''est pas convoqué à cette séance.' USING ERRCODE = 'check_violation';
        END IF;
        ${voterSits} voter.status NOT IN (${sqlList(VOTING_STATUSES)}) THEN
          RAISE EXCEPTION '% n''est ni présent ni représenté : son vote ne peut pas être enregistré.', voter.name
            USING ERRCODE = 'check_violation';
        END IF;
        SELECT * INTO q FROM governance_quorum(voter.meeting_id);
        IF NOT q.reached AND NOT (q.second_convening AND q.allowed_without) THEN
          RAISE EXCEPTION 'Le quorum n''est pas atteint : aucun vote ne peut être enregistré.'
            USING ERRCODE = 'check_violation';
        END IF;
        IF (SELECT result FROM resolutions WHERE id = NEW.resolution_id) <> 'pending' THEN
          RAISE EXCEPTION 'Le résultat de cette résolution est déjà proclamé.' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END $$;
    `
}

/**
 * An allocation of the result cites the adopted resolution that allocates its year (4001, put
 * back by 8700's `down`). Written inside 4001's DO block, hence `$f$`.
 */
export const allocationResolutionCheck = `CREATE OR REPLACE FUNCTION governance_allocation_resolution_check() RETURNS trigger LANGUAGE plpgsql AS $f$
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
            ON result_allocations FOR EACH ROW EXECUTE FUNCTION governance_allocation_resolution_check();`
