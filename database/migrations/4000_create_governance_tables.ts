import { BaseSchema } from '@adonisjs/lucid/schema'
import {
  ATTENDANCE_STATUSES,
  FISCAL_YEAR_SUBJECTS,
  MAJORITIES,
  MEETING_KINDS,
  MEETING_STATUSES,
  OBTAINED_BY,
  QUORUM_BASES,
  QUORUM_COMPARISONS,
  RESOLUTION_RESULTS,
  SEAT_ROLES,
  SUBJECT_KINDS,
  VOTE_CHOICES,
  VOTE_RULE_KINDS,
} from '#vocabulary/governance'
import { codesOf, sqlList } from '#vocabulary/labels'
import { attendancesCheck, governanceQuorum, votesCheck } from '#database/sql/governance'

/** The table builder `createTable` hands to its callback. */
type TableBuilder = Parameters<Parameters<BaseSchema['schema']['createTable']>[1]>[0]

/**
 * Governance: member bodies, colleges, seats and mandates, meetings, attendance and proxies,
 * quorum rules, resolutions and votes. The statutes' rules are also enforced here (triggers),
 * with the same French messages as the domain code, so that no path can bypass them.
 */
export default class extends BaseSchema {
  async up() {
    const org = (table: TableBuilder) =>
      table
        .integer('organisation_id')
        .notNullable()
        .references('organisations.id')
        .onDelete('RESTRICT')
    const stamps = (table: TableBuilder) => {
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).nullable()
    }

    this.schema.createTable('member_bodies', (table) => {
      table.increments('id')
      org(table)
      table.string('name', 200).notNullable()
      // epci, collectivite, etat, partenaire, usagers, autre: used by derived vote rules.
      table.string('kind', 40).notNullable().defaultTo('autre')
      table.boolean('is_active').notNullable().defaultTo(true)
      table.integer('version').notNullable().defaultTo(1)
      stamps(table)
      table.unique(['organisation_id', 'name'])
    })

    this.schema.createTable('persons', (table) => {
      table.increments('id')
      org(table)
      table.string('full_name', 200).notNullable()
      table.string('email', 254).nullable()
      table.integer('member_body_id').nullable().references('member_bodies.id').onDelete('RESTRICT')
      table.integer('version').notNullable().defaultTo(1)
      stamps(table)
      table.index(['organisation_id', 'member_body_id'])
    })
    this.schema.raw('CREATE INDEX persons_org_email ON persons (organisation_id, lower(email))')

    this.schema.createTable('colleges', (table) => {
      table.increments('id')
      org(table)
      table.integer('number').notNullable()
      table.string('name', 200).notNullable()
      table.integer('max_seats').notNullable()
      // {"kind":"fixed_per_seat","votes":1} | {"kind":"consultative"}
      table.jsonb('vote_rule').notNullable()
      table.boolean('deliberative').notNullable().defaultTo(true)
      table.text('rule_text').nullable()
      table.integer('version').notNullable().defaultTo(1)
      stamps(table)
      table.unique(['organisation_id', 'number'])
    })
    this.schema.raw(
      `ALTER TABLE colleges ADD CONSTRAINT colleges_max_seats_positive CHECK (max_seats > 0),
       ADD CONSTRAINT colleges_vote_rule_kind CHECK (vote_rule->>'kind' IN (${sqlList(codesOf(VOTE_RULE_KINDS))})),
       ADD CONSTRAINT colleges_consultative_not_deliberative CHECK (vote_rule->>'kind' <> 'consultative' OR NOT deliberative)`
    )

    this.schema.createTable('seats', (table) => {
      table.increments('id')
      org(table)
      table.integer('college_id').notNullable().references('colleges.id').onDelete('RESTRICT')
      table
        .integer('member_body_id')
        .notNullable()
        .references('member_bodies.id')
        .onDelete('RESTRICT')
      table.integer('person_id').nullable().references('persons.id').onDelete('SET NULL')
      table.string('role', 20).notNullable().defaultTo('titular')
      table.integer('titular_seat_id').nullable().references('seats.id').onDelete('SET NULL')
      table.decimal('votes', 8, 2).notNullable().defaultTo(1)
      // Seat-level override, e.g. {"kind":"derived","derived":"sum_of_college_members","of":["epci"]}
      table.jsonb('vote_rule').nullable()
      table.date('mandate_start').notNullable()
      table.date('mandate_end').nullable()
      table.string('obtained_by', 20).notNullable().defaultTo('designated')
      table.boolean('re_eligible').notNullable().defaultTo(true)
      table.integer('version').notNullable().defaultTo(1)
      stamps(table)
      table.index(['organisation_id', 'college_id'])
      table.index(['organisation_id', 'mandate_end'])
    })
    this.schema.raw(
      `ALTER TABLE seats
        ADD CONSTRAINT seats_role_known CHECK (role IN (${sqlList(codesOf(SEAT_ROLES))})),
        ADD CONSTRAINT seats_obtained_by_known CHECK (obtained_by IN (${sqlList(codesOf(OBTAINED_BY))})),
        ADD CONSTRAINT seats_votes_not_negative CHECK (votes >= 0),
        ADD CONSTRAINT seats_mandate_end_after_start CHECK (mandate_end IS NULL OR mandate_end > mandate_start)`
    )
    // Titular seats whose mandates are running at the same moment never exceed the college cap.
    // The concurrent count only changes at a mandate's start, so checking every start inside the
    // new mandate is enough; the college row is locked to serialise concurrent inserts.
    this.schema.raw(`
      CREATE OR REPLACE FUNCTION governance_seats_cap() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        cap integer;
        college_name text;
        busiest integer;
      BEGIN
        IF NEW.role <> 'titular' THEN RETURN NULL; END IF;
        SELECT max_seats, name INTO cap, college_name FROM colleges WHERE id = NEW.college_id FOR UPDATE;
        SELECT max(n) INTO busiest FROM (
          SELECT (SELECT count(*) FROM seats s
                   WHERE s.college_id = NEW.college_id AND s.role = 'titular'
                     AND daterange(s.mandate_start, s.mandate_end, '[]') @> p.day) AS n
            FROM (SELECT NEW.mandate_start AS day
                  UNION SELECT s.mandate_start FROM seats s
                   WHERE s.college_id = NEW.college_id AND s.role = 'titular'
                     AND daterange(NEW.mandate_start, NEW.mandate_end, '[]') @> s.mandate_start) p
        ) counts;
        IF busiest > cap THEN
          RAISE EXCEPTION 'Le collège « % » compte au plus % sièges : ce mandat dépasserait le plafond.', college_name, cap
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER seats_cap AFTER INSERT OR UPDATE OF college_id, role, mandate_start, mandate_end ON seats
        FOR EACH ROW EXECUTE FUNCTION governance_seats_cap();
    `)

    this.schema.createTable('quorum_rules', (table) => {
      table.increments('id')
      org(table)
      table.string('meeting_kind', 30).notNullable()
      table.string('basis', 10).notNullable().defaultTo('members')
      table.boolean('counts_represented').notNullable().defaultTo(true)
      table.decimal('fraction', 5, 4).notNullable().defaultTo(0.5)
      // gte: at least the fraction; gt: strictly more than the fraction.
      table.string('comparison', 3).notNullable().defaultTo('gte')
      table.boolean('second_convening_without_quorum').notNullable().defaultTo(true)
      table.integer('max_proxies_per_person').notNullable().defaultTo(1)
      table.integer('version').notNullable().defaultTo(1)
      stamps(table)
      table.unique(['organisation_id', 'meeting_kind'])
    })
    this.schema.raw(
      `ALTER TABLE quorum_rules
        ADD CONSTRAINT quorum_rules_basis CHECK (basis IN (${sqlList(codesOf(QUORUM_BASES))})),
        ADD CONSTRAINT quorum_rules_comparison CHECK (comparison IN (${sqlList(codesOf(QUORUM_COMPARISONS))})),
        ADD CONSTRAINT quorum_rules_fraction CHECK (fraction > 0 AND fraction <= 1),
        ADD CONSTRAINT quorum_rules_proxies CHECK (max_proxies_per_person >= 0),
        ADD CONSTRAINT quorum_rules_kind CHECK (meeting_kind IN (${sqlList(codesOf(MEETING_KINDS))}))`
    )

    this.schema.createTable('meetings', (table) => {
      table.increments('id')
      org(table)
      table.string('kind', 30).notNullable()
      table.string('title', 200).notNullable()
      table.timestamp('held_at', { useTz: true }).notNullable()
      table.string('location', 200).nullable()
      table.date('convened_at').nullable()
      table.text('agenda').nullable()
      table.boolean('second_convening').notNullable().defaultTo(false)
      table.string('status', 20).notNullable().defaultTo('planned')
      table.string('signed_minutes_file', 200).nullable()
      table.string('signed_minutes_name', 255).nullable()
      table.integer('version').notNullable().defaultTo(1)
      stamps(table)
      table.index(['organisation_id', 'held_at'])
    })
    this.schema.raw(
      `ALTER TABLE meetings
        ADD CONSTRAINT meetings_kind CHECK (kind IN (${sqlList(codesOf(MEETING_KINDS))})),
        ADD CONSTRAINT meetings_status CHECK (status IN (${sqlList(codesOf(MEETING_STATUSES))})),
        ADD CONSTRAINT meetings_convened_before CHECK (convened_at IS NULL OR convened_at <= held_at::date)`
    )

    this.schema.createTable('meeting_documents', (table) => {
      table.increments('id')
      org(table)
      table.integer('meeting_id').notNullable().references('meetings.id').onDelete('CASCADE')
      table.string('title', 200).notNullable()
      table.string('stored_name', 200).notNullable().unique()
      table.string('original_name', 255).notNullable()
      table.string('mime_type', 120).nullable()
      table.integer('size').notNullable().defaultTo(0)
      stamps(table)
      table.index(['organisation_id', 'meeting_id'])
    })

    this.schema.createTable('attendances', (table) => {
      table.increments('id')
      org(table)
      table.integer('meeting_id').notNullable().references('meetings.id').onDelete('CASCADE')
      table.integer('seat_id').nullable().references('seats.id').onDelete('RESTRICT')
      table.integer('person_id').nullable().references('persons.id').onDelete('SET NULL')
      table.string('name', 200).notNullable()
      table.string('status', 20).notNullable().defaultTo('absent')
      table.integer('proxy_to_id').nullable().references('attendances.id').onDelete('RESTRICT')
      // Snapshot of the seat at the meeting, so that the minutes never change afterwards.
      table.decimal('votes', 8, 2).notNullable().defaultTo(0)
      table.boolean('deliberative').notNullable().defaultTo(true)
      table.integer('version').notNullable().defaultTo(1)
      stamps(table)
      table.index(['organisation_id', 'meeting_id'])
      table.unique(['meeting_id', 'seat_id'])
    })
    this.schema.raw(
      `ALTER TABLE attendances
        ADD CONSTRAINT attendances_status CHECK (status IN (${sqlList(codesOf(ATTENDANCE_STATUSES))})),
        ADD CONSTRAINT attendances_proxy_iff_represented CHECK ((status = 'represented') = (proxy_to_id IS NOT NULL)),
        ADD CONSTRAINT attendances_not_own_proxy CHECK (proxy_to_id IS NULL OR proxy_to_id <> id)`
    )
    this.schema.raw(attendancesCheck({ alternates: false }))

    this.schema.createTable('resolutions', (table) => {
      table.increments('id')
      org(table)
      table.integer('meeting_id').notNullable().references('meetings.id').onDelete('CASCADE')
      table.integer('position').notNullable()
      table.string('title', 200).notNullable()
      table.text('text').nullable()
      table.string('majority', 20).notNullable().defaultTo('simple')
      table.string('subject_kind', 30).notNullable().defaultTo('other')
      // Plain integers: the accounting tables belong to another domain.
      table.integer('fiscal_year_id').nullable()
      table.integer('subject_reference').nullable()
      table.string('result', 20).notNullable().defaultTo('pending')
      table.decimal('votes_for', 10, 2).nullable()
      table.decimal('votes_against', 10, 2).nullable()
      table.decimal('votes_abstention', 10, 2).nullable()
      table.decimal('votes_consultative_for', 10, 2).nullable()
      table.timestamp('decided_at', { useTz: true }).nullable()
      table.integer('version').notNullable().defaultTo(1)
      stamps(table)
      table.unique(['meeting_id', 'position'])
      table.index(['organisation_id', 'subject_kind', 'fiscal_year_id'])
    })
    this.schema.raw(
      `ALTER TABLE resolutions
        ADD CONSTRAINT resolutions_majority CHECK (majority IN (${sqlList(codesOf(MAJORITIES))})),
        ADD CONSTRAINT resolutions_subject CHECK (subject_kind IN (${sqlList(codesOf(SUBJECT_KINDS))})),
        ADD CONSTRAINT resolutions_result CHECK (result IN (${sqlList(codesOf(RESOLUTION_RESULTS))})),
        ADD CONSTRAINT resolutions_fiscal_year CHECK (subject_kind NOT IN (${sqlList(FISCAL_YEAR_SUBJECTS)}) OR fiscal_year_id IS NOT NULL),
        ADD CONSTRAINT resolutions_decided CHECK ((result = 'pending') = (decided_at IS NULL))`
    )

    this.schema.createTable('votes', (table) => {
      table.increments('id')
      org(table)
      table.integer('resolution_id').notNullable().references('resolutions.id').onDelete('CASCADE')
      table.integer('attendance_id').notNullable().references('attendances.id').onDelete('RESTRICT')
      table.string('choice', 20).notNullable()
      table.decimal('weight', 8, 2).notNullable()
      table.boolean('deliberative').notNullable().defaultTo(true)
      stamps(table)
      table.unique(['resolution_id', 'attendance_id'])
      table.index(['organisation_id', 'resolution_id'])
    })
    this.schema.raw(
      `ALTER TABLE votes ADD CONSTRAINT votes_choice CHECK (choice IN (${sqlList(codesOf(VOTE_CHOICES))})),
        ADD CONSTRAINT votes_weight CHECK (weight >= 0)`
    )

    this.schema.raw(governanceQuorum({ alternates: false }))
    this.schema.raw(votesCheck({ alternates: false }))
    this.schema.raw(`
      CREATE TRIGGER votes_check AFTER INSERT OR UPDATE ON votes
        FOR EACH ROW EXECUTE FUNCTION governance_votes_check();
      CREATE TRIGGER attendances_check AFTER INSERT OR UPDATE ON attendances
        FOR EACH ROW EXECUTE FUNCTION governance_attendances_check();
    `)
  }

  async down() {
    this.schema.raw(
      'DROP TABLE IF EXISTS votes, resolutions, attendances, meeting_documents, meetings, quorum_rules, seats, colleges, persons, member_bodies CASCADE'
    )
    this.schema.raw(
      'DROP FUNCTION IF EXISTS governance_quorum(integer), governance_votes_check(), governance_attendances_check(), governance_seats_cap()'
    )
  }
}
