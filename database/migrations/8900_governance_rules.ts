import { BaseSchema } from '@adonisjs/lucid/schema'
import {
  ALTERNATE_STATUSES,
  ATTENDANCE_STATUSES,
  BUREAU_ROLES,
  VOTE_CHOICES,
} from '#vocabulary/governance'
import { codesOf, sqlList } from '#vocabulary/labels'
import { attendancesCheck, governanceQuorum, votesCheck } from '#database/sql/governance'

/**
 * Governance rules of issue #15, in PostgreSQL as in the domain (same rules, French refusals; the
 * named ones are worded in GOVERNANCE_CONSTRAINT_MESSAGES, #vocabulary/governance):
 *
 * - Member rules the app checked alone until now (UpdatePerson, DeleteMemberBody): a person
 *   holding a seat not yet ended stays attached to that seat's member body; a member body that
 *   ever held a seat is never deleted, and neither is a seat (the board's history).
 * - Alternates: an alternate seat names the titular seat it stands in for (same college, one
 *   alternate at a time); its attendance row names the titular's row. A titular "represented by
 *   their alternate" (`substituted`) needs that alternate present; the alternate then votes with
 *   the titular's weight, and only then. The quorum counts the titular's row (an alternate is
 *   never counted twice).
 * - The bureau: a titular seat may hold a bureau office (one president among the seats not yet
 *   ended); the attendance row of the president is marked (`presides`).
 * - The president's casting vote: a setting per organisation and meeting kind (quorum_rules), the
 *   choice that decided a tie stored with the proclaimed result (`resolutions.casting_vote`).
 * - A meeting dated after today cannot be held (or closed); a proclaimed result is final once the
 *   signed minutes are filed; a rectification before that is recorded with the previous result
 *   (`resolution_rectifications`).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE OR REPLACE FUNCTION governance_today() RETURNS date LANGUAGE sql STABLE AS $$
        SELECT (now() AT TIME ZONE 'Europe/Paris')::date
      $$;
    `)

    // ---------------------------------------------------------------- member rules
    this.schema.raw(`
      CREATE OR REPLACE FUNCTION governance_member_bodies_kept() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM seats WHERE member_body_id = OLD.id) THEN
          RAISE EXCEPTION '« % » a détenu des sièges : sa fiche est conservée.', OLD.name
            USING ERRCODE = 'check_violation', CONSTRAINT = 'member_bodies_seated_kept';
        END IF;
        RETURN OLD;
      END $$;
      CREATE TRIGGER member_bodies_kept BEFORE DELETE ON member_bodies
        FOR EACH ROW EXECUTE FUNCTION governance_member_bodies_kept();

      CREATE OR REPLACE FUNCTION governance_seats_kept() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'Un mandat n''est jamais supprimé.'
          USING ERRCODE = 'check_violation', CONSTRAINT = 'seats_never_deleted';
      END $$;
      CREATE TRIGGER seats_kept BEFORE DELETE ON seats
        FOR EACH ROW EXECUTE FUNCTION governance_seats_kept();

      CREATE OR REPLACE FUNCTION governance_persons_stay() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.member_body_id IS DISTINCT FROM OLD.member_body_id AND EXISTS (
          SELECT 1 FROM seats s
           WHERE s.person_id = NEW.id
             AND s.member_body_id IS DISTINCT FROM NEW.member_body_id
             AND (s.mandate_end IS NULL OR s.mandate_end >= governance_today())) THEN
          RAISE EXCEPTION '% occupe un siège en cours pour son membre.', NEW.full_name
            USING ERRCODE = 'check_violation', CONSTRAINT = 'persons_seated_stay_with_body';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER persons_stay BEFORE UPDATE OF member_body_id ON persons
        FOR EACH ROW EXECUTE FUNCTION governance_persons_stay();
    `)

    // ---------------------------------------------------------------- seats: alternates, bureau
    this.schema.alterTable('seats', (table) => {
      table.string('bureau_role', 20).nullable()
    })
    this.schema.raw(`
      ALTER TABLE seats
        ADD CONSTRAINT seats_bureau_role_known CHECK (bureau_role IS NULL OR bureau_role IN (${sqlList(codesOf(BUREAU_ROLES))})),
        ADD CONSTRAINT seats_bureau_titular CHECK (bureau_role IS NULL OR role = 'titular'),
        ADD CONSTRAINT seats_titular_of_alternate CHECK ((role = 'alternate') = (titular_seat_id IS NOT NULL));

      CREATE OR REPLACE FUNCTION governance_seats_rules() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        titular seats%ROWTYPE;
      BEGIN
        IF NEW.person_id IS NOT NULL
           AND (NEW.mandate_end IS NULL OR NEW.mandate_end >= governance_today())
           AND (SELECT member_body_id FROM persons WHERE id = NEW.person_id) IS DISTINCT FROM NEW.member_body_id THEN
          RAISE EXCEPTION 'Le représentant d''un siège en cours appartient au membre de ce siège.'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'seats_person_of_member_body';
        END IF;
        IF NEW.role = 'alternate' THEN
          SELECT * INTO titular FROM seats WHERE id = NEW.titular_seat_id FOR UPDATE;
          IF titular.role <> 'titular' OR titular.college_id <> NEW.college_id THEN
            RAISE EXCEPTION 'Un suppléant supplée un titulaire de son collège.'
              USING ERRCODE = 'check_violation', CONSTRAINT = 'seats_alternate_of_titular';
          END IF;
          IF EXISTS (
            SELECT 1 FROM seats s
             WHERE s.titular_seat_id = NEW.titular_seat_id AND s.id <> NEW.id
               AND daterange(s.mandate_start, s.mandate_end, '[]') && daterange(NEW.mandate_start, NEW.mandate_end, '[]')) THEN
            RAISE EXCEPTION 'Ce titulaire a déjà un suppléant pendant ce mandat.'
              USING ERRCODE = 'check_violation', CONSTRAINT = 'seats_one_alternate_per_titular';
          END IF;
        END IF;
        IF NEW.bureau_role = 'president' THEN
          PERFORM pg_advisory_xact_lock(hashtext('governance_president'), NEW.organisation_id);
          IF EXISTS (
            SELECT 1 FROM seats s
             WHERE s.organisation_id = NEW.organisation_id AND s.id <> NEW.id AND s.bureau_role = 'president'
               AND (s.mandate_end IS NULL OR s.mandate_end >= governance_today())) THEN
            RAISE EXCEPTION 'Le bureau a déjà un président.'
              USING ERRCODE = 'check_violation', CONSTRAINT = 'seats_one_president';
          END IF;
        END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER seats_rules AFTER INSERT OR UPDATE OF person_id, member_body_id, role, titular_seat_id, college_id, bureau_role, mandate_start, mandate_end
        ON seats FOR EACH ROW EXECUTE FUNCTION governance_seats_rules();
    `)

    // ---------------------------------------------------------------- casting vote
    this.schema.alterTable('quorum_rules', (table) => {
      table.boolean('casting_vote').notNullable().defaultTo(false)
    })

    // ---------------------------------------------------------------- meetings
    this.schema.raw(`
      CREATE OR REPLACE FUNCTION governance_meetings_held() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status IN ('held', 'closed')
           AND (NEW.held_at AT TIME ZONE 'Europe/Paris')::date > governance_today() THEN
          RAISE EXCEPTION 'Une séance datée dans le futur ne peut pas être tenue.'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'meetings_not_held_before_date';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER meetings_held BEFORE INSERT OR UPDATE OF status, held_at ON meetings
        FOR EACH ROW EXECUTE FUNCTION governance_meetings_held();
    `)

    // ---------------------------------------------------------------- attendances
    this.schema.alterTable('attendances', (table) => {
      table.integer('alternate_for_id').nullable()
      table.boolean('presides').notNullable().defaultTo(false)
    })
    this.schema.raw(`
      ALTER TABLE attendances
        DROP CONSTRAINT attendances_status,
        ADD CONSTRAINT attendances_status CHECK (status IN (${sqlList(codesOf(ATTENDANCE_STATUSES))})),
        ADD CONSTRAINT attendances_alternate_for_id_foreign FOREIGN KEY (organisation_id, alternate_for_id)
          REFERENCES attendances (organisation_id, id) ON DELETE CASCADE,
        ADD CONSTRAINT attendances_alternate_status CHECK (alternate_for_id IS NULL OR status IN (${sqlList(ALTERNATE_STATUSES)})),
        ADD CONSTRAINT attendances_not_own_alternate CHECK (alternate_for_id IS NULL OR alternate_for_id <> id);
      CREATE INDEX attendances_alternate_for ON attendances (organisation_id, alternate_for_id)
        WHERE alternate_for_id IS NOT NULL;
    `)
    // Same rules as 4000, plus alternates: a proxy goes to a member sitting (present in their own
    // right, or an alternate sitting in), "substituted" needs the alternate present, and neither
    // the titular nor the alternate can leave once the alternate voted in the titular's place.
    this.schema.raw(attendancesCheck({ alternates: true }))

    // The quorum counts titular rows only; a titular substituted by their alternate is present.
    this.schema.raw(governanceQuorum({ alternates: true }))

    // An alternate votes only when sitting in for their titular.
    this.schema.raw(votesCheck({ alternates: true }))

    // ---------------------------------------------------------------- resolutions
    this.schema.alterTable('resolutions', (table) => {
      table.string('casting_vote', 10).nullable()
    })
    this.schema.raw(`
      ALTER TABLE resolutions
        ADD CONSTRAINT resolutions_casting_vote CHECK (casting_vote IS NULL OR (casting_vote IN ('for', 'against') AND result <> 'pending'));

      CREATE OR REPLACE FUNCTION governance_resolutions_final() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.result <> 'pending'
           AND (SELECT status FROM meetings WHERE id = OLD.meeting_id) = 'closed' THEN
          RAISE EXCEPTION 'Le procès-verbal signé est déposé : le résultat ne peut plus changer.'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'resolutions_final_once_minutes_signed';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER resolutions_final BEFORE UPDATE OF result, votes_for, votes_against, votes_abstention, casting_vote, decided_at
        ON resolutions FOR EACH ROW EXECUTE FUNCTION governance_resolutions_final();
    `)

    this.schema.createTable('resolution_rectifications', (table) => {
      table.increments('id')
      table
        .integer('organisation_id')
        .notNullable()
        .references('organisations.id')
        .onDelete('RESTRICT')
      table.integer('resolution_id').notNullable()
      table.string('previous_result', 20).notNullable()
      table.decimal('previous_votes_for', 10, 2).nullable()
      table.decimal('previous_votes_against', 10, 2).nullable()
      table.decimal('previous_votes_abstention', 10, 2).nullable()
      table.string('previous_casting_vote', 10).nullable()
      table.string('result', 20).notNullable()
      table.decimal('votes_for', 10, 2).nullable()
      table.decimal('votes_against', 10, 2).nullable()
      table.decimal('votes_abstention', 10, 2).nullable()
      table.string('casting_vote', 10).nullable()
      table.text('reason').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).nullable()
      table.index(['organisation_id', 'resolution_id'])
    })
    const choices = sqlList(codesOf(VOTE_CHOICES).filter((choice) => choice !== 'abstention'))
    this.schema.raw(`
      ALTER TABLE resolution_rectifications
        ADD CONSTRAINT resolution_rectifications_resolution_id_foreign FOREIGN KEY (organisation_id, resolution_id)
          REFERENCES resolutions (organisation_id, id) ON DELETE CASCADE,
        ADD CONSTRAINT resolution_rectifications_results CHECK (
          previous_result IN ('adopted', 'rejected') AND result IN ('adopted', 'rejected')),
        ADD CONSTRAINT resolution_rectifications_casting CHECK (
          (previous_casting_vote IS NULL OR previous_casting_vote IN (${choices}))
          AND (casting_vote IS NULL OR casting_vote IN (${choices}))),
        ADD CONSTRAINT resolution_rectifications_reason CHECK (length(btrim(reason)) > 0);
    `)
  }

  async down() {
    this.schema.raw(`
      DROP TABLE IF EXISTS resolution_rectifications;
      DROP TRIGGER IF EXISTS resolutions_final ON resolutions;
      DROP FUNCTION IF EXISTS governance_resolutions_final();
      ALTER TABLE resolutions DROP CONSTRAINT IF EXISTS resolutions_casting_vote, DROP COLUMN IF EXISTS casting_vote;
      DROP TRIGGER IF EXISTS meetings_held ON meetings;
      DROP FUNCTION IF EXISTS governance_meetings_held();
      ALTER TABLE quorum_rules DROP COLUMN IF EXISTS casting_vote;
      DROP TRIGGER IF EXISTS seats_rules ON seats;
      DROP FUNCTION IF EXISTS governance_seats_rules();
      ALTER TABLE seats DROP CONSTRAINT IF EXISTS seats_bureau_role_known,
        DROP CONSTRAINT IF EXISTS seats_bureau_titular, DROP CONSTRAINT IF EXISTS seats_titular_of_alternate,
        DROP COLUMN IF EXISTS bureau_role;
      DROP TRIGGER IF EXISTS persons_stay ON persons;
      DROP FUNCTION IF EXISTS governance_persons_stay();
      DROP TRIGGER IF EXISTS seats_kept ON seats;
      DROP FUNCTION IF EXISTS governance_seats_kept();
      DROP TRIGGER IF EXISTS member_bodies_kept ON member_bodies;
      DROP FUNCTION IF EXISTS governance_member_bodies_kept();
      DROP INDEX IF EXISTS attendances_alternate_for;
      ALTER TABLE attendances DROP CONSTRAINT IF EXISTS attendances_alternate_status,
        DROP CONSTRAINT IF EXISTS attendances_not_own_alternate,
        DROP CONSTRAINT IF EXISTS attendances_alternate_for_id_foreign,
        DROP COLUMN IF EXISTS alternate_for_id, DROP COLUMN IF EXISTS presides;
    `)
    // The attendance, quorum and vote functions as 4000 wrote them.
    this.schema.raw(attendancesCheck({ alternates: false }))
    this.schema.raw(governanceQuorum({ alternates: false }))
    this.schema.raw(votesCheck({ alternates: false }))
  }
}
