import { BaseSchema } from '@adonisjs/lucid/schema'
import {
  DEADLINE_KINDS,
  FLAT_RATE_BASES,
  FLAT_RATES,
  FUNDER_CATEGORIES,
  GRANT_STATUSES,
  SCHEDULE_KINDS,
} from '#vocabulary/grants'
import { codesOf, sqlList } from '#vocabulary/labels'
import {
  actorStamp,
  createdAt,
  tenantRow,
  versionStamps,
  type TableBuilder,
} from '#database/sql/columns'
import { amountCheck, checkTotals } from '#database/sql/grants'
import { knownCodes } from '#database/sql/tenant_keys'

/** Each flat rate with the only cost basis it accepts (none for 0 %). */
const FLAT_RATE_PAIRS = Object.entries(FLAT_RATE_BASES)
  .map(([rate, basis]) => {
    const basisTest = basis === null ? 'IS NULL' : `= ${sqlList([basis])}`
    return `(flat_rate = ${Number(rate)} AND flat_rate_basis ${basisTest})`
  })
  .join(' OR\n          ')

/** A row of a convention: its organisation and the convention, deleted with it. */
function grantRow(table: TableBuilder) {
  tenantRow(table)
  table.integer('grant_id').notNullable().references('grants.id').onDelete('CASCADE')
}

/**
 * Funders and their conventions (grants): yearly split, targets, deadlines, lifecycle events,
 * amendments, payment schedule and receipts, documents and funder-report texts.
 * The money rules (split, schedule and receipts never above the awarded amount; no receipt on a
 * closed convention) are triggers too, so raw SQL cannot bypass them.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('funders', (table) => {
      tenantRow(table)
      table.string('name', 200).notNullable()
      table.string('category', 30).notNullable()
      table.integer('parent_id').nullable().references('funders.id').onDelete('RESTRICT')
      // Default revenue account of its conventions (74x sub-account of the funder family).
      table.string('revenue_account', 20).nullable()
      table.integer('position').notNullable().defaultTo(0)
      table.text('notes').nullable()
      versionStamps(table, this)
      table.unique(['organisation_id', 'name'])
      table.index(['organisation_id', 'parent_id'])
    })
    this.schema.raw(`
      ALTER TABLE funders
        ADD CONSTRAINT funders_category_known CHECK (category IN (${sqlList(codesOf(FUNDER_CATEGORIES))})),
        ADD CONSTRAINT funders_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id)
    `)

    this.schema.createTable('grants', (table) => {
      tenantRow(table)
      table.integer('funder_id').notNullable().references('funders.id').onDelete('RESTRICT')
      table.string('reference', 80).notNullable()
      table.string('title', 300).notNullable()
      table.date('period_start').notNullable()
      table.date('period_end').notNullable()
      table.decimal('amount_awarded', 15, 2).notNullable()
      // Share of the eligible budget the funder covers (0.4 = 40 %).
      table.decimal('cofinancing_rate', 7, 4).nullable()
      table.string('revenue_account', 20).nullable()
      table.string('analytic_code', 40).nullable()
      // FSE+ simplified cost option: flat rate (%) and the basis it applies to.
      table.decimal('flat_rate', 5, 2).notNullable().defaultTo(0)
      table.string('flat_rate_basis', 30).nullable()
      table.string('status', 20).notNullable().defaultTo('requested')
      table.text('notes').nullable()
      versionStamps(table, this)
      table.unique(['organisation_id', 'reference'])
      table.index(['organisation_id', 'funder_id'])
      table.index(['organisation_id', 'period_start'])
    })
    this.schema.raw(`
      ALTER TABLE grants
        ADD CONSTRAINT grants_period_ordered CHECK (period_end >= period_start),
        ADD CONSTRAINT grants_amount_positive CHECK (amount_awarded >= 0),
        ADD CONSTRAINT grants_cofinancing_ratio CHECK (cofinancing_rate IS NULL OR (cofinancing_rate > 0 AND cofinancing_rate <= 1)),
        ADD CONSTRAINT grants_status_known CHECK (status IN (${sqlList(codesOf(GRANT_STATUSES))})),
        ADD CONSTRAINT grants_flat_rate_known CHECK (flat_rate IN (${codesOf(FLAT_RATES).map(Number).join(', ')})),
        ADD CONSTRAINT grants_flat_rate_basis CHECK (
          ${FLAT_RATE_PAIRS})
    `)

    this.schema.createTable('grant_programmes', (table) => {
      grantRow(table)
      table.integer('programme_id').notNullable().references('programmes.id').onDelete('RESTRICT')
      table.unique(['grant_id', 'programme_id'])
      table.index(['organisation_id', 'programme_id'])
    })

    this.schema.createTable('grant_years', (table) => {
      grantRow(table)
      table.integer('year').notNullable()
      table.decimal('amount', 15, 2).notNullable()
      versionStamps(table, this)
      table.unique(['grant_id', 'year'])
      table.index(['organisation_id', 'year'])
    })
    this.schema.raw(amountCheck('grant_years', 'amount >= 0'))

    this.schema.createTable('grant_targets', (table) => {
      grantRow(table)
      table.string('indicator_code', 80).notNullable()
      table.string('label', 300).notNullable()
      table.integer('year').notNullable()
      table.decimal('target', 12, 2).notNullable()
      versionStamps(table, this)
      table.unique(['grant_id', 'indicator_code', 'year'])
      table.index(['organisation_id', 'grant_id'])
    })

    this.schema.createTable('grant_deadlines', (table) => {
      grantRow(table)
      table.string('kind', 30).notNullable()
      table.string('label', 300).notNullable()
      table.date('due_on').notNullable()
      table.date('done_on').nullable()
      versionStamps(table, this)
      table.index(['organisation_id', 'due_on'])
    })
    this.schema.raw(knownCodes('grant_deadlines', 'kind', DEADLINE_KINDS))

    this.schema.createTable('grant_events', (table) => {
      grantRow(table)
      table.string('kind', 30).notNullable()
      table.date('occurred_on').notNullable()
      table.text('note').nullable()
      actorStamp(table, this)
      table.index(['organisation_id', 'grant_id'])
    })
    this.schema.raw(knownCodes('grant_events', 'kind', GRANT_STATUSES))

    this.schema.createTable('grant_amendments', (table) => {
      grantRow(table)
      table.string('reference', 80).nullable()
      table.date('signed_on').notNullable()
      table.decimal('previous_amount', 15, 2).notNullable()
      table.decimal('new_amount', 15, 2).notNullable()
      table.text('reason').notNullable()
      actorStamp(table, this)
      table.index(['organisation_id', 'grant_id'])
    })
    this.schema.raw(amountCheck('grant_amendments', 'new_amount >= 0'))

    this.schema.createTable('grant_payment_schedules', (table) => {
      grantRow(table)
      table.string('kind', 20).notNullable()
      table.string('label', 300).nullable()
      table.date('expected_on').notNullable()
      table.decimal('amount', 15, 2).notNullable()
      versionStamps(table, this)
      table.index(['organisation_id', 'expected_on'])
    })
    this.schema.raw(`
      ALTER TABLE grant_payment_schedules
        ADD CONSTRAINT grant_payment_schedules_kind_known CHECK (kind IN (${sqlList(codesOf(SCHEDULE_KINDS))})),
        ADD CONSTRAINT grant_payment_schedules_amount_positive CHECK (amount > 0)
    `)

    this.schema.createTable('grant_receipts', (table) => {
      grantRow(table)
      table
        .integer('schedule_id')
        .nullable()
        .references('grant_payment_schedules.id')
        .onDelete('SET NULL')
      table.date('received_on').notNullable()
      table.decimal('amount', 15, 2).notNullable()
      table.string('reference', 100).nullable()
      // Bank line of the ledger (512) this receipt is matched to.
      table.bigint('entry_line_id').nullable()
      versionStamps(table, this)
      table.index(['organisation_id', 'received_on'])
      table.index(['grant_id'])
    })
    this.schema.raw(amountCheck('grant_receipts', 'amount > 0'))

    this.schema.createTable('grant_documents', (table) => {
      grantRow(table)
      table.string('kind', 30).notNullable().defaultTo('convention')
      table.string('original_name', 255).notNullable()
      table.string('stored_name', 120).notNullable().unique()
      table.string('mime_type', 120).nullable()
      table.bigint('size_bytes').notNullable()
      table.string('sha256', 64).notNullable()
      table.integer('user_id').nullable().references('users.id').onDelete('SET NULL')
      createdAt(table, this)
      table.timestamp('updated_at', { useTz: true }).nullable()
      table.index(['organisation_id', 'grant_id'])
    })

    // Free-text sections of a funder report (bilan d'exécution) for one period.
    this.schema.createTable('grant_reports', (table) => {
      grantRow(table)
      table.date('period_start').notNullable()
      table.date('period_end').notNullable()
      table.text('actions_text').nullable()
      table.text('public_text').nullable()
      table.text('principles_text').nullable()
      table.text('publicity_text').nullable()
      versionStamps(table, this)
      table.unique(['grant_id', 'period_start', 'period_end'])
      table.index(['organisation_id', 'grant_id'])
    })
    this.schema.raw(
      `ALTER TABLE grant_reports ADD CONSTRAINT grant_reports_period_ordered CHECK (period_end >= period_start)`
    )

    this.schema.raw(TRIGGERS)
  }

  async down() {
    this.schema.raw(`
      DROP TABLE IF EXISTS grant_reports, grant_documents, grant_receipts, grant_payment_schedules,
        grant_amendments, grant_events, grant_deadlines, grant_targets, grant_years,
        grant_programmes, grants, funders CASCADE;
      DROP FUNCTION IF EXISTS grants_check_totals(integer) CASCADE;
      DROP FUNCTION IF EXISTS grants_child_guard() CASCADE;
      DROP FUNCTION IF EXISTS grants_amount_guard() CASCADE;
    `)
  }
}

const TRIGGERS = `${checkTotals(false)}

CREATE OR REPLACE FUNCTION grants_child_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  st text;
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    -- Lock the convention so two concurrent inserts cannot both pass the total check.
    SELECT status INTO st FROM grants WHERE id = NEW.grant_id FOR UPDATE;
    IF TG_TABLE_NAME IN ('grant_receipts', 'grant_payment_schedules') AND st = 'closed' THEN
      RAISE EXCEPTION 'Convention clôturée : aucun versement ni échéance ne peut y être enregistré.'
        USING ERRCODE = 'P0001';
    END IF;
    PERFORM grants_check_totals(NEW.grant_id);
    RETURN NEW;
  END IF;
  RETURN OLD;
END $$;

CREATE TRIGGER grant_years_totals AFTER INSERT OR UPDATE ON grant_years
  FOR EACH ROW EXECUTE FUNCTION grants_child_guard();
CREATE TRIGGER grant_payment_schedules_totals AFTER INSERT OR UPDATE ON grant_payment_schedules
  FOR EACH ROW EXECUTE FUNCTION grants_child_guard();
CREATE TRIGGER grant_receipts_totals AFTER INSERT OR UPDATE ON grant_receipts
  FOR EACH ROW EXECUTE FUNCTION grants_child_guard();

CREATE OR REPLACE FUNCTION grants_amount_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.amount_awarded < OLD.amount_awarded THEN
    PERFORM grants_check_totals(NEW.id);
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER grants_amount_totals AFTER UPDATE OF amount_awarded ON grants
  FOR EACH ROW EXECUTE FUNCTION grants_amount_guard();
`
