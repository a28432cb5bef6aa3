import { BaseSchema } from '@adonisjs/lucid/schema'
import { ENTRY_STATUSES, FISCAL_YEAR_STATUSES } from '#vocabulary/accounting'
import { codesOf, sqlList } from '#vocabulary/labels'
import { assertBalanced, linesInserted } from '#database/sql/ledger'

/**
 * The general ledger: fiscal years, chart of accounts, journals, entries and their lines, the
 * gap-free numbering per journal and year, and the per-organisation hash chain of validated
 * entries. Integrity rules live here as triggers so raw SQL cannot bypass them.
 *
 * entry_lines.grant_id is a plain integer: the grants migration (range 2000) adds its foreign key.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('fiscal_years', (table) => {
      table.increments('id')
      table.integer('organisation_id').notNullable().references('organisations.id')
      table.string('label', 60).notNullable()
      table.date('start_date').notNullable()
      table.date('end_date').notNullable()
      table.string('status', 10).notNullable().defaultTo('open')
      table.integer('closed_by').nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('closed_at', { useTz: true }).nullable()
      table.integer('version').notNullable().defaultTo(1)
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).nullable()
      table.index(['organisation_id', 'start_date'])
    })
    this.schema.raw(`
      ALTER TABLE fiscal_years
        ADD CONSTRAINT fiscal_years_status_known CHECK (status IN (${sqlList(codesOf(FISCAL_YEAR_STATUSES))})),
        ADD CONSTRAINT fiscal_years_dates_ordered CHECK (start_date <= end_date),
        ADD CONSTRAINT fiscal_years_at_most_two_years CHECK (end_date < start_date + 731)
    `)

    this.schema.createTable('accounts', (table) => {
      table.increments('id')
      table.integer('organisation_id').notNullable().references('organisations.id')
      table.string('number', 20).notNullable()
      table.string('label', 200).notNullable()
      table.integer('parent_id').nullable().references('accounts.id').onDelete('RESTRICT')
      table.boolean('is_system').notNullable().defaultTo(false)
      // First and last fiscal-year (calendar year of its start) the account applies to.
      table.integer('valid_from_year').nullable()
      table.integer('valid_to_year').nullable()
      table.integer('version').notNullable().defaultTo(1)
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).nullable()
      table.unique(['organisation_id', 'number'])
    })
    this.schema.raw(`
      ALTER TABLE accounts
        ADD COLUMN account_class smallint GENERATED ALWAYS AS (substr(number, 1, 1)::smallint) STORED,
        ADD CONSTRAINT accounts_number_digits CHECK (number ~ '^[1-9][0-9A-Za-z]*$')
    `)

    this.schema.createTable('journals', (table) => {
      table.increments('id')
      table.integer('organisation_id').notNullable().references('organisations.id')
      table.string('code', 20).notNullable()
      table.string('label', 200).notNullable()
      table.integer('version').notNullable().defaultTo(1)
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).nullable()
      table.unique(['organisation_id', 'code'])
    })

    this.schema.createTable('journal_sequences', (table) => {
      table.integer('organisation_id').notNullable().references('organisations.id')
      table.integer('journal_id').notNullable().references('journals.id')
      table.integer('fiscal_year_id').notNullable().references('fiscal_years.id')
      table.integer('last_number').notNullable().defaultTo(0)
      table.primary(['journal_id', 'fiscal_year_id'])
      table.index(['organisation_id'])
    })

    // Head of the hash chain of one organisation; locked FOR UPDATE by each validation.
    this.schema.createTable('ledger_chain_heads', (table) => {
      table.integer('organisation_id').primary().references('organisations.id')
      table.bigint('position').notNullable().defaultTo(0)
      table.string('last_hash', 64).nullable()
    })

    this.schema.createTable('entries', (table) => {
      table.increments('id')
      table.integer('organisation_id').notNullable().references('organisations.id')
      table.integer('journal_id').notNullable().references('journals.id')
      table.integer('fiscal_year_id').notNullable().references('fiscal_years.id')
      table.date('entry_date').notNullable()
      table.string('number', 40).nullable()
      table.integer('sequence_number').nullable()
      table.string('label', 500).notNullable()
      table.string('piece_ref', 100).nullable()
      table.date('piece_date').nullable()
      table.string('status', 10).notNullable().defaultTo('draft')
      table.timestamp('validated_at', { useTz: true }).nullable()
      table.integer('validated_by').nullable().references('users.id').onDelete('SET NULL')
      // FEC ValidDate: for imported entries, the date the source software validated them.
      table.date('valid_date').nullable()
      table.integer('reversal_of_id').nullable().references('entries.id')
      table.bigint('chain_position').nullable()
      table.string('previous_hash', 64).nullable()
      table.string('hash', 64).nullable()
      table.integer('import_id').nullable().references('imports.id')
      table.integer('created_by').nullable().references('users.id').onDelete('SET NULL')
      table.integer('version').notNullable().defaultTo(1)
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).nullable()
      table.index(['organisation_id', 'entry_date'])
      table.index(['fiscal_year_id', 'journal_id'])
      table.index(['import_id'])
    })
    this.schema.raw(`
      ALTER TABLE entries
        ADD CONSTRAINT entries_status_known CHECK (status IN (${sqlList(codesOf(ENTRY_STATUSES))})),
        ADD CONSTRAINT entries_validated_complete CHECK (
          status = 'draft' OR (number IS NOT NULL AND validated_at IS NOT NULL AND hash IS NOT NULL
                               AND chain_position IS NOT NULL)
        );
      CREATE UNIQUE INDEX entries_number_unique ON entries (fiscal_year_id, journal_id, number)
        WHERE number IS NOT NULL;
      CREATE UNIQUE INDEX entries_chain_unique ON entries (organisation_id, chain_position)
        WHERE chain_position IS NOT NULL;
      CREATE UNIQUE INDEX entries_reversed_once ON entries (reversal_of_id)
        WHERE reversal_of_id IS NOT NULL;
    `)

    this.schema.createTable('entry_lines', (table) => {
      table.bigIncrements('id')
      table.integer('entry_id').notNullable().references('entries.id').onDelete('CASCADE')
      table.integer('organisation_id').notNullable().references('organisations.id')
      table.smallint('line_no').notNullable()
      table.integer('account_id').notNullable().references('accounts.id')
      table.string('account_number', 20).notNullable()
      table.date('entry_date').notNullable()
      table.decimal('debit', 15, 2).notNullable().defaultTo(0)
      table.decimal('credit', 15, 2).notNullable().defaultTo(0)
      table.string('label', 500).nullable()
      table.string('aux_number', 40).nullable()
      table.string('aux_label', 200).nullable()
      table.string('lettering', 20).nullable()
      table.date('lettering_date').nullable()
      table.decimal('currency_amount', 15, 2).nullable()
      table.string('currency', 3).nullable()
      // Analytic dimensions; grant_id's FK is added by the grants migration (higher range).
      table.integer('programme_id').nullable().references('programmes.id')
      table.integer('grant_id').nullable()
      table.integer('territory_id').nullable().references('territories.id')
      table.index(['entry_id'])
    })
    this.schema.raw(`
      ALTER TABLE entry_lines
        ADD CONSTRAINT entry_lines_debit_positive CHECK (debit >= 0),
        ADD CONSTRAINT entry_lines_credit_positive CHECK (credit >= 0),
        ADD CONSTRAINT entry_lines_one_side CHECK (debit = 0 OR credit = 0);
      -- (organisation_id, entry_date) first; the trailing columns serve the keyset pagination
      -- of streamed exports (ORDER BY entry_date, entry_id, line_no) without sorting.
      CREATE INDEX entry_lines_org_date ON entry_lines (organisation_id, entry_date, entry_id, line_no);
      CREATE INDEX entry_lines_org_account ON entry_lines (organisation_id, account_number);
    `)

    // Validated entries inserted by a statement, checked for balance once at commit (see TRIGGERS).
    this.schema.createTable('ledger_pending_checks', (table) => {
      table.bigIncrements('id')
      table.integer('organisation_id').notNullable().references('organisations.id')
      table.specificType('entry_ids', 'integer[]').notNullable()
      table.index(['organisation_id'])
    })

    this.schema.raw(TRIGGERS)
  }

  async down() {
    this.schema.raw(`
      DROP TABLE IF EXISTS ledger_pending_checks CASCADE;
      DROP TABLE IF EXISTS entry_lines CASCADE;
      DROP TABLE IF EXISTS entries CASCADE;
      DROP TABLE IF EXISTS ledger_chain_heads CASCADE;
      DROP TABLE IF EXISTS journal_sequences CASCADE;
      DROP TABLE IF EXISTS journals CASCADE;
      DROP TABLE IF EXISTS accounts CASCADE;
      DROP TABLE IF EXISTS fiscal_years CASCADE;
      DROP FUNCTION IF EXISTS ledger_fiscal_year_guard() CASCADE;
      DROP FUNCTION IF EXISTS ledger_entry_row_guard() CASCADE;
      DROP FUNCTION IF EXISTS ledger_entries_inserted() CASCADE;
      DROP FUNCTION IF EXISTS ledger_pending_check() CASCADE;
      DROP FUNCTION IF EXISTS ledger_lines_inserted() CASCADE;
      DROP FUNCTION IF EXISTS ledger_lines_changed() CASCADE;
      DROP FUNCTION IF EXISTS ledger_assert_balanced(integer[]) CASCADE;
    `)
  }
}

/**
 * Row triggers where rows are few (fiscal years, entry updates and deletes); statement triggers
 * with transition tables where bulk imports insert hundreds of thousands of rows, so each batch
 * is checked by one set-based query instead of one call per row.
 *
 * Lines may be added to a validated entry only in the transaction that validated it
 * (validated_at = transaction_timestamp()), which lets an import insert validated entries then
 * their lines, while a later transaction can never add a line to an existing validated entry.
 */
const TRIGGERS = `
CREATE OR REPLACE FUNCTION ledger_fiscal_year_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status = 'closed' THEN
      RAISE EXCEPTION 'Exercice clôturé : il ne peut pas être supprimé.' USING ERRCODE = 'P0001';
    END IF;
    RETURN OLD;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.status = 'closed'
     AND (NEW.start_date <> OLD.start_date OR NEW.end_date <> OLD.end_date) THEN
    RAISE EXCEPTION 'Exercice clôturé : ses dates ne peuvent pas être modifiées.' USING ERRCODE = 'P0001';
  END IF;
  -- Serialise fiscal-year writes of one organisation so two overlapping inserts cannot both pass.
  PERFORM pg_advisory_xact_lock(hashtext('fiscal_years'), NEW.organisation_id);
  IF EXISTS (
    SELECT 1 FROM fiscal_years f
     WHERE f.organisation_id = NEW.organisation_id AND f.id <> NEW.id
       AND daterange(f.start_date, f.end_date, '[]') && daterange(NEW.start_date, NEW.end_date, '[]')
  ) THEN
    RAISE EXCEPTION 'Les dates de l''exercice (% – %) chevauchent un autre exercice.',
      to_char(NEW.start_date, 'DD/MM/YYYY'), to_char(NEW.end_date, 'DD/MM/YYYY')
      USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER fiscal_years_guard BEFORE INSERT OR UPDATE OR DELETE ON fiscal_years
  FOR EACH ROW EXECUTE FUNCTION ledger_fiscal_year_guard();

${assertBalanced('joined')}

CREATE OR REPLACE FUNCTION ledger_entry_row_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  fy record;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    IF OLD.status = 'validated' THEN
      RAISE EXCEPTION 'Écriture % validée : elle ne peut être ni modifiée ni supprimée (passez une écriture d''extourne).',
        OLD.number USING ERRCODE = 'P0001';
    END IF;
    SELECT status INTO fy FROM fiscal_years WHERE id = OLD.fiscal_year_id;
    IF fy.status = 'closed' THEN
      RAISE EXCEPTION 'Exercice clôturé : aucune écriture ne peut y être modifiée ou supprimée.' USING ERRCODE = 'P0001';
    END IF;
    IF TG_OP = 'DELETE' THEN
      RETURN OLD;
    END IF;
  END IF;
  SELECT * INTO fy FROM fiscal_years WHERE id = NEW.fiscal_year_id;
  IF fy.organisation_id <> NEW.organisation_id THEN
    RAISE EXCEPTION 'Exercice d''une autre organisation.' USING ERRCODE = 'P0001';
  END IF;
  IF fy.status = 'closed' THEN
    RAISE EXCEPTION 'Exercice % clôturé : aucune écriture ne peut y être passée.', fy.label USING ERRCODE = 'P0001';
  END IF;
  IF NEW.entry_date < fy.start_date OR NEW.entry_date > fy.end_date THEN
    RAISE EXCEPTION 'La date % est hors de l''exercice % (% – %).', to_char(NEW.entry_date, 'DD/MM/YYYY'),
      fy.label, to_char(fy.start_date, 'DD/MM/YYYY'), to_char(fy.end_date, 'DD/MM/YYYY') USING ERRCODE = 'P0001';
  END IF;
  IF NEW.status = 'validated' THEN
    -- Draft -> validated: the lines are already there and must balance now, and still at
    -- commit (lines added later in this same transaction).
    PERFORM ledger_assert_balanced(ARRAY[NEW.id]);
    INSERT INTO ledger_pending_checks (organisation_id, entry_ids) VALUES (NEW.organisation_id, ARRAY[NEW.id]);
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER entries_row_guard BEFORE UPDATE OR DELETE ON entries
  FOR EACH ROW EXECUTE FUNCTION ledger_entry_row_guard();

CREATE OR REPLACE FUNCTION ledger_entries_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bad record;
BEGIN
  SELECT n.entry_date, n.number, n.status, n.validated_at, f.label, f.status AS fy_status,
         f.start_date, f.end_date, f.organisation_id AS fy_org, n.organisation_id
    INTO bad
    FROM new_rows n JOIN fiscal_years f ON f.id = n.fiscal_year_id
   WHERE f.status = 'closed' OR f.organisation_id <> n.organisation_id
      OR n.entry_date < f.start_date OR n.entry_date > f.end_date
      OR (n.status = 'validated' AND n.validated_at <> transaction_timestamp())
   LIMIT 1;
  IF FOUND THEN
    IF bad.fy_status = 'closed' THEN
      RAISE EXCEPTION 'Exercice % clôturé : aucune écriture ne peut y être passée.', bad.label USING ERRCODE = 'P0001';
    ELSIF bad.fy_org <> bad.organisation_id THEN
      RAISE EXCEPTION 'Exercice d''une autre organisation.' USING ERRCODE = 'P0001';
    ELSIF bad.entry_date < bad.start_date OR bad.entry_date > bad.end_date THEN
      RAISE EXCEPTION 'La date % est hors de l''exercice % (% – %).', to_char(bad.entry_date, 'DD/MM/YYYY'),
        bad.label, to_char(bad.start_date, 'DD/MM/YYYY'), to_char(bad.end_date, 'DD/MM/YYYY') USING ERRCODE = 'P0001';
    ELSE
      RAISE EXCEPTION 'Une écriture validée doit être horodatée par la transaction qui la valide.' USING ERRCODE = 'P0001';
    END IF;
  END IF;
  INSERT INTO ledger_pending_checks (organisation_id, entry_ids)
    SELECT min(organisation_id), array_agg(id) FROM new_rows WHERE status = 'validated' HAVING count(*) > 0;
  RETURN NULL;
END $$;

CREATE TRIGGER entries_inserted AFTER INSERT ON entries
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_inserted();

-- Entries inserted directly as validated must have their balanced lines by commit time. The
-- insert statement queues their ids in one row; one deferred trigger per statement (not per
-- entry) checks them all with a set-based query at commit, then removes the row.
CREATE OR REPLACE FUNCTION ledger_pending_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM ledger_assert_balanced(NEW.entry_ids);
  DELETE FROM ledger_pending_checks WHERE id = NEW.id;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER ledger_pending_checks_at_commit AFTER INSERT ON ledger_pending_checks
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_pending_check();

${linesInserted('joined')}

CREATE TRIGGER entry_lines_inserted AFTER INSERT ON entry_lines
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_lines_inserted();

CREATE OR REPLACE FUNCTION ledger_lines_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bad record;
  found_rows integer;
BEGIN
  -- Planned at each call (EXECUTE): a cached plan made when the ledger was small
  -- would keep scanning whole tables once it is large.
  EXECUTE $q$
  SELECT e.number, e.status, f.label, f.status AS fy_status
    FROM old_rows o JOIN entries e ON e.id = o.entry_id JOIN fiscal_years f ON f.id = e.fiscal_year_id
   WHERE e.status = 'validated' OR f.status = 'closed'
   LIMIT 1
  $q$ INTO bad;
  GET DIAGNOSTICS found_rows = ROW_COUNT;
  IF found_rows > 0 THEN
    IF bad.status = 'validated' THEN
      RAISE EXCEPTION 'Écriture % validée : ses lignes ne peuvent être ni modifiées ni supprimées.', bad.number
        USING ERRCODE = 'P0001';
    ELSE
      RAISE EXCEPTION 'Exercice % clôturé : aucune ligne ne peut y être modifiée.', bad.label USING ERRCODE = 'P0001';
    END IF;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    -- Planned at each call (EXECUTE): a cached plan made when the ledger was small
    -- would keep scanning whole tables once it is large.
    EXECUTE $q$
    SELECT e.number
      FROM new_rows n JOIN entries e ON e.id = n.entry_id JOIN fiscal_years f ON f.id = e.fiscal_year_id
     WHERE e.status = 'validated' OR f.status = 'closed'
        OR n.organisation_id <> e.organisation_id OR n.entry_date <> e.entry_date
     LIMIT 1
    $q$ INTO bad;
    GET DIAGNOSTICS found_rows = ROW_COUNT;
    IF found_rows > 0 THEN
      RAISE EXCEPTION 'Ligne déplacée vers une écriture validée, un exercice clôturé ou incohérente.' USING ERRCODE = 'P0001';
    END IF;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER entry_lines_updated AFTER UPDATE ON entry_lines
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION ledger_lines_changed();
CREATE TRIGGER entry_lines_deleted AFTER DELETE ON entry_lines
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_lines_changed();
`
