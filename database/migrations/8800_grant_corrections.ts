import { BaseSchema } from '@adonisjs/lucid/schema'
import { ALLOCATION_SOURCES } from '#vocabulary/grants'
import { codesOf, sqlList } from '#vocabulary/labels'
import { checkTotals } from '#database/sql/grants'
import { addCancellation } from '#database/sql/cancellation'

/**
 * Corrections of a convention's records and the matching of receipts to instalments (issue #14).
 *
 * - Instalments, receipts, activity targets, reporting deadlines and lifecycle steps can be
 *   cancelled with a reason: the row stays, with when, who (a membership, like every other actor
 *   column since 8600) and why. A cancelled row is frozen (trigger) and counts in no total: the
 *   convention's totals check (grants_check_totals) leaves cancelled instalments and receipts out.
 * - `grant_receipt_allocations`: what a receipt pays of which instalment (partial and grouped
 *   payments). Per receipt the allocations never exceed its amount, per instalment never the
 *   instalment's amount; both sides belong to the same convention and are not cancelled. The
 *   receipts' former single `schedule_id` is carried over as allocations, then dropped.
 * - A reporting deadline remembers the lifecycle step that fulfilled it (`done_by_event_id`), so
 *   that cancelling the step reopens it; steps get a `version` like every editable record.
 * - An activity target is unique per convention, indicator and year among the rows not cancelled,
 *   so that a cancelled target can be replaced.
 */

const CANCELLABLE = [
  'grant_payment_schedules',
  'grant_receipts',
  'grant_targets',
  'grant_deadlines',
  'grant_events',
] as const

/** The receipts' key to their single instalment, replaced by the allocations. */
const SCHEDULE_KEY = 'grant_receipts_schedule_id_foreign'

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`

/** Columns a foreign key may still clear on a frozen (cancelled) row. */
const CLEARED_BY_KEYS: Record<(typeof CANCELLABLE)[number], string[]> = {
  grant_payment_schedules: ['cancelled_by'],
  grant_receipts: ['cancelled_by', 'entry_line_id'],
  grant_targets: ['cancelled_by'],
  grant_deadlines: ['cancelled_by', 'done_by_event_id'],
  grant_events: ['cancelled_by', 'user_id'],
}

export default class extends BaseSchema {
  async up() {
    // The receipts' single-instalment key, as 8000 left it: its definition and comment are kept
    // with the allocations' schedule_id, so that down() restores it exactly.
    const { rows: former } = (await this.db.rawQuery(
      `SELECT pg_get_constraintdef(con.oid) AS definition,
              obj_description(con.oid, 'pg_constraint') AS comment
         FROM pg_constraint con
        WHERE con.conrelid = 'grant_receipts'::regclass AND con.conname = ?`,
      [SCHEDULE_KEY]
    )) as { rows: { definition: string; comment: string | null }[] }
    if (former.length !== 1) throw new Error(`Grant corrections: ${SCHEDULE_KEY} not found`)

    this.schema.raw(FROZEN)
    // Parents of the new composite keys (ADR 8): (organisation_id, id) must be unique.
    this.schema.raw(`
      ALTER TABLE grant_receipts
        ADD CONSTRAINT grant_receipts_organisation_id_id_unique UNIQUE (organisation_id, id);
      ALTER TABLE grant_events
        ADD CONSTRAINT grant_events_organisation_id_id_unique UNIQUE (organisation_id, id);
    `)

    for (const table of CANCELLABLE) {
      this.schema.raw(addCancellation(table, CLEARED_BY_KEYS[table]))
    }

    this.schema.raw(`
      ALTER TABLE grant_events ADD COLUMN version integer NOT NULL DEFAULT 1;
      ALTER TABLE grant_deadlines
        ADD COLUMN done_by_event_id integer NULL,
        ADD CONSTRAINT grant_deadlines_done_by_event_id_foreign FOREIGN KEY (organisation_id, done_by_event_id)
          REFERENCES grant_events (organisation_id, id) ON DELETE SET NULL (done_by_event_id);
      ALTER TABLE grant_targets DROP CONSTRAINT grant_targets_grant_id_indicator_code_year_unique;
      CREATE UNIQUE INDEX grant_targets_active_unique
        ON grant_targets (organisation_id, grant_id, indicator_code, year) WHERE cancelled_at IS NULL;
    `)

    this.schema.createTable('grant_receipt_allocations', (table) => {
      table.increments('id')
      table.integer('organisation_id').notNullable().references('organisations.id')
      table.integer('receipt_id').notNullable()
      table.integer('schedule_id').notNullable()
      table.decimal('amount', 15, 2).notNullable()
      // How it was chosen: in the receipt's form, automatically, or carried over (8800).
      table.string('source', 20).notNullable().defaultTo('form')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['organisation_id', 'schedule_id'])
    })
    this.schema.raw(`
      ALTER TABLE grant_receipt_allocations
        ADD CONSTRAINT grant_receipt_allocations_amount_positive CHECK (amount > 0),
        ADD CONSTRAINT grant_receipt_allocations_source_known
          CHECK (source IN (${sqlList(codesOf(ALLOCATION_SOURCES))})),
        ADD CONSTRAINT grant_receipt_allocations_pair_unique UNIQUE (organisation_id, receipt_id, schedule_id),
        ADD CONSTRAINT grant_receipt_allocations_receipt_id_foreign FOREIGN KEY (organisation_id, receipt_id)
          REFERENCES grant_receipts (organisation_id, id) ON DELETE CASCADE,
        ADD CONSTRAINT grant_receipt_allocations_schedule_id_foreign FOREIGN KEY (organisation_id, schedule_id)
          REFERENCES grant_payment_schedules (organisation_id, id) ON DELETE CASCADE;
    `)
    this.schema.raw(
      `COMMENT ON COLUMN grant_receipt_allocations.schedule_id IS ${quote(JSON.stringify(former[0]))}`
    )
    this.schema.raw(ALLOCATION_GUARDS)

    // The receipts' single instalment becomes an allocation (capped, oldest receipt first).
    this.schema.raw(`
      INSERT INTO grant_receipt_allocations (organisation_id, receipt_id, schedule_id, amount, source)
      SELECT organisation_id, id, schedule_id, amount, 'migrated' FROM (
        SELECT r.organisation_id, r.id, r.schedule_id,
               least(r.amount, s.amount - coalesce(sum(r.amount) OVER (
                 PARTITION BY r.schedule_id ORDER BY r.received_on, r.id
                 ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)) AS amount
          FROM grant_receipts r
          JOIN grant_payment_schedules s ON s.id = r.schedule_id AND s.grant_id = r.grant_id
                                        AND s.organisation_id = r.organisation_id
      ) carried
      WHERE amount > 0;
      ALTER TABLE grant_receipts DROP COLUMN schedule_id;
    `)

    this.schema.raw(checkTotals(true))
  }

  async down() {
    const { rows: kept } = (await this.db.rawQuery(
      `SELECT col_description('grant_receipt_allocations'::regclass, a.attnum) AS kept
         FROM pg_attribute a
        WHERE a.attrelid = 'grant_receipt_allocations'::regclass AND a.attname = 'schedule_id'`
    )) as { rows: { kept: string }[] }
    const former = JSON.parse(kept[0].kept) as { definition: string; comment: string | null }

    this.schema.raw(checkTotals(false))
    for (const table of CANCELLABLE) {
      this.schema.raw(`DROP TRIGGER ${table}_cancelled_frozen ON ${table}`)
    }
    this.schema.raw(`
      ALTER TABLE grant_receipts ADD COLUMN schedule_id integer NULL,
        ADD CONSTRAINT ${SCHEDULE_KEY} ${former.definition};
      ALTER TABLE grant_receipts DISABLE TRIGGER grant_receipts_totals;
      UPDATE grant_receipts r SET schedule_id = (
        SELECT a.schedule_id FROM grant_receipt_allocations a
         WHERE a.receipt_id = r.id ORDER BY a.amount DESC, a.schedule_id LIMIT 1)
       WHERE EXISTS (SELECT 1 FROM grant_receipt_allocations a WHERE a.receipt_id = r.id);
      ALTER TABLE grant_receipts ENABLE TRIGGER grant_receipts_totals;
      DROP TABLE grant_receipt_allocations;
      DROP TRIGGER grant_receipts_allocations ON grant_receipts;
      DROP TRIGGER grant_payment_schedules_allocations ON grant_payment_schedules;
      DROP FUNCTION grant_receipt_allocations_guard();
      DROP FUNCTION grant_allocation_parents_guard();
      DROP FUNCTION grant_allocations_check(integer[], integer[]);
      DROP INDEX grant_targets_active_unique;
      DELETE FROM grant_targets WHERE cancelled_at IS NOT NULL;
      ALTER TABLE grant_targets ADD CONSTRAINT grant_targets_grant_id_indicator_code_year_unique
        UNIQUE (grant_id, indicator_code, year);
      ALTER TABLE grant_deadlines DROP COLUMN done_by_event_id;
      ALTER TABLE grant_events DROP COLUMN version;
    `)
    if (former.comment !== null) {
      this.schema.raw(
        `COMMENT ON CONSTRAINT ${SCHEDULE_KEY} ON grant_receipts IS ${quote(former.comment)}`
      )
    }
    for (const table of CANCELLABLE) {
      this.schema.raw(`
        ALTER TABLE ${table} DROP COLUMN cancelled_at, DROP COLUMN cancelled_by,
          DROP COLUMN cancelled_actor, DROP COLUMN cancel_reason`)
    }
    this.schema.raw(`
      DROP FUNCTION grant_cancelled_frozen();
      ALTER TABLE grant_events DROP CONSTRAINT grant_events_organisation_id_id_unique;
      ALTER TABLE grant_receipts DROP CONSTRAINT grant_receipts_organisation_id_id_unique;
    `)
  }
}

const FROZEN = `
CREATE OR REPLACE FUNCTION grant_cancelled_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- TG_ARGV: the columns a foreign key may still clear (ON DELETE SET NULL) on a cancelled row.
  IF (to_jsonb(NEW) - TG_ARGV - 'updated_at') IS DISTINCT FROM (to_jsonb(OLD) - TG_ARGV - 'updated_at') THEN
    RAISE EXCEPTION 'Cette ligne est annulée : elle reste telle quelle, avec le motif de son annulation.'
      USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END $$;
`

const ALLOCATION_GUARDS = `
CREATE OR REPLACE FUNCTION grant_allocations_check(receipts integer[], schedules integer[])
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  bad record;
BEGIN
  -- Lock the parents so that two transactions allocating to the same rows are checked in turn.
  PERFORM 1 FROM grant_receipts WHERE id = ANY(receipts) ORDER BY id FOR UPDATE;
  PERFORM 1 FROM grant_payment_schedules WHERE id = ANY(schedules) ORDER BY id FOR UPDATE;
  SELECT r.id, r.received_on, r.amount, sum(a.amount) AS allocated INTO bad
    FROM grant_receipts r JOIN grant_receipt_allocations a ON a.receipt_id = r.id
   WHERE r.id = ANY(receipts)
   GROUP BY r.id HAVING sum(a.amount) > r.amount LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'Versement du % : ce qu''il paie des échéances (% €) dépasse son montant (% €).',
      to_char(bad.received_on, 'DD/MM/YYYY'), bad.allocated, bad.amount USING ERRCODE = 'P0001';
  END IF;
  SELECT s.id, s.expected_on, s.amount, sum(a.amount) AS allocated INTO bad
    FROM grant_payment_schedules s JOIN grant_receipt_allocations a ON a.schedule_id = s.id
   WHERE s.id = ANY(schedules)
   GROUP BY s.id HAVING sum(a.amount) > s.amount LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'Échéance du % : les versements qui lui sont affectés (% €) dépassent son montant (% €).',
      to_char(bad.expected_on, 'DD/MM/YYYY'), bad.allocated, bad.amount USING ERRCODE = 'P0001';
  END IF;
  SELECT a.id, r.grant_id <> s.grant_id AS other_grant INTO bad
    FROM grant_receipt_allocations a
    JOIN grant_receipts r ON r.id = a.receipt_id
    JOIN grant_payment_schedules s ON s.id = a.schedule_id
   WHERE (a.receipt_id = ANY(receipts) OR a.schedule_id = ANY(schedules))
     AND (r.grant_id <> s.grant_id OR r.cancelled_at IS NOT NULL OR s.cancelled_at IS NOT NULL)
   LIMIT 1;
  IF FOUND THEN
    IF bad.other_grant THEN
      RAISE EXCEPTION 'Un versement ne paie que les échéances de sa propre convention.' USING ERRCODE = 'P0001';
    END IF;
    RAISE EXCEPTION 'Un versement ou une échéance annulé ne paie ni n''est payé : retirez d''abord le rapprochement.'
      USING ERRCODE = 'P0001';
  END IF;
END $$;

CREATE OR REPLACE FUNCTION grant_receipt_allocations_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM grant_allocations_check(
    ARRAY(SELECT DISTINCT receipt_id FROM new_rows), ARRAY(SELECT DISTINCT schedule_id FROM new_rows));
  RETURN NULL;
END $$;

CREATE TRIGGER grant_receipt_allocations_insert AFTER INSERT ON grant_receipt_allocations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION grant_receipt_allocations_guard();
CREATE TRIGGER grant_receipt_allocations_update AFTER UPDATE ON grant_receipt_allocations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION grant_receipt_allocations_guard();

-- A receipt or an instalment whose amount, convention or cancellation changes is checked again.
CREATE OR REPLACE FUNCTION grant_allocation_parents_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'grant_receipts' THEN
    PERFORM grant_allocations_check(ARRAY[NEW.id], ARRAY[]::integer[]);
  ELSE
    PERFORM grant_allocations_check(ARRAY[]::integer[], ARRAY[NEW.id]);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER grant_receipts_allocations AFTER UPDATE OF amount, grant_id, cancelled_at ON grant_receipts
  FOR EACH ROW EXECUTE FUNCTION grant_allocation_parents_guard();
CREATE TRIGGER grant_payment_schedules_allocations AFTER UPDATE OF amount, grant_id, cancelled_at ON grant_payment_schedules
  FOR EACH ROW EXECUTE FUNCTION grant_allocation_parents_guard();
`
