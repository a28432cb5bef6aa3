import { BaseSchema } from '@adonisjs/lucid/schema'
import {
  CONTRACT_TYPES,
  CSP_CATEGORIES,
  END_REASONS,
  EQUALITY_INDEX_MODES,
  LEAVE_KINDS,
  SALARY_EVENT_KINDS,
  SEXES,
  TRAINING_COST_KINDS,
  TRAINING_FUNDERS,
  TRAINING_FUNDING_MODES,
  TRAINING_KINDS,
} from '#vocabulary/hr'
import { codesOf, sqlList } from '#vocabulary/labels'
import { tenantRow, versionStamps } from '#database/sql/columns'

/**
 * Staff register, salary history, leaves, training and time allocation. Contracts and salary
 * events are append-only (indelible register, C. trav. L1221-13): the only change a contract
 * accepts is recording its end once, or being superseded by a correcting contract.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw('CREATE EXTENSION IF NOT EXISTS btree_gist')

    this.schema.createTable('hr_settings', (table) => {
      table.increments('id')
      table.integer('organisation_id').notNullable().references('organisations.id').unique()
      // Employer charges as a share of gross salary (used for staff cost per programme).
      table.decimal('employer_charge_rate', 5, 4).notNullable().defaultTo('0.4500')
      table.integer('fse_annual_hours').notNullable().defaultTo(1720)
      table.string('equality_index_mode', 10).notNullable().defaultTo('csp')
      versionStamps(table, this)
    })
    this.schema.raw(
      `ALTER TABLE hr_settings ADD CONSTRAINT hr_settings_rate CHECK (employer_charge_rate >= 0 AND employer_charge_rate < 2),
       ADD CONSTRAINT hr_settings_mode CHECK (equality_index_mode IN (${sqlList(codesOf(EQUALITY_INDEX_MODES))}))`
    )

    this.schema.createTable('job_references', (table) => {
      tenantRow(table)
      table.string('code', 40).notNullable()
      table.string('label', 120).notNullable()
      table.string('default_csp', 10).nullable()
      table.integer('position').notNullable().defaultTo(0)
      table.boolean('is_active').notNullable().defaultTo(true)
      versionStamps(table, this)
      table.unique(['organisation_id', 'code'])
    })

    this.schema.createTable('employees', (table) => {
      tenantRow(table)
      table.string('registry_number', 20).nullable()
      table.string('surname', 120).notNullable()
      table.string('first_names', 200).notNullable()
      table.string('sex', 1).notNullable()
      table.date('birth_date').nullable()
      table.string('nationality', 80).notNullable().defaultTo('française')
      table.string('work_permit_type', 120).nullable()
      table.string('work_permit_number', 60).nullable()
      table.timestamp('anonymised_at', { useTz: true }).nullable()
      versionStamps(table, this)
      table.index(['organisation_id', 'surname'])
    })
    this.schema.raw(
      `ALTER TABLE employees ADD CONSTRAINT employees_sex CHECK (sex IN (${sqlList(codesOf(SEXES))}))`
    )

    this.schema.createTable('contracts', (table) => {
      tenantRow(table)
      table.integer('employee_id').notNullable().references('employees.id')
      table.string('contract_type', 30).notNullable()
      table.string('job_title', 160).notNullable()
      table.integer('job_reference_id').nullable().references('job_references.id')
      table.string('qualification', 160).nullable()
      table.string('csp', 10).nullable()
      table.string('classification_level', 20).nullable()
      table.decimal('part_time_share', 5, 4).notNullable().defaultTo('1.0000')
      table.string('site', 120).nullable()
      table.date('start_date').notNullable()
      table.date('end_date').nullable()
      table.string('end_reason', 30).nullable()
      table.date('authorisation_date').nullable()
      table.integer('supersedes_id').nullable().references('contracts.id')
      table.timestamp('superseded_at', { useTz: true }).nullable()
      versionStamps(table, this)
      table.index(['organisation_id', 'start_date'])
      table.index(['organisation_id', 'employee_id'])
    })
    this.schema.raw(`
      ALTER TABLE contracts
        ADD CONSTRAINT contracts_type CHECK (contract_type IN (${sqlList(codesOf(CONTRACT_TYPES))})),
        ADD CONSTRAINT contracts_end_reason CHECK (end_reason IS NULL OR end_reason IN (${sqlList(codesOf(END_REASONS))})),
        ADD CONSTRAINT contracts_csp CHECK (csp IS NULL OR csp IN (${sqlList(codesOf(CSP_CATEGORIES))})),
        ADD CONSTRAINT contracts_share CHECK (part_time_share > 0 AND part_time_share <= 1),
        ADD CONSTRAINT contracts_dates CHECK (end_date IS NULL OR end_date >= start_date),
        ADD CONSTRAINT contracts_end_needs_reason CHECK ((end_date IS NULL) = (end_reason IS NULL)),
        ADD CONSTRAINT contracts_no_overlap EXCLUDE USING gist (
          employee_id WITH =, daterange(start_date, end_date, '[]') WITH &&
        ) WHERE (superseded_at IS NULL)
    `)
    this.schema.raw(`
      CREATE OR REPLACE FUNCTION hr_contracts_append_only() RETURNS trigger AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'Le registre du personnel est indélébile : un contrat ne peut pas être supprimé'
            USING ERRCODE = 'check_violation';
        END IF;
        IF (NEW.organisation_id, NEW.employee_id, NEW.contract_type, NEW.job_title, NEW.job_reference_id,
            NEW.qualification, NEW.csp, NEW.classification_level, NEW.part_time_share, NEW.site,
            NEW.start_date, NEW.supersedes_id, NEW.authorisation_date)
           IS DISTINCT FROM
           (OLD.organisation_id, OLD.employee_id, OLD.contract_type, OLD.job_title, OLD.job_reference_id,
            OLD.qualification, OLD.csp, OLD.classification_level, OLD.part_time_share, OLD.site,
            OLD.start_date, OLD.supersedes_id, OLD.authorisation_date) THEN
          RAISE EXCEPTION 'Le registre du personnel est indélébile : corrigez un contrat par un nouveau contrat'
            USING ERRCODE = 'check_violation';
        END IF;
        IF OLD.end_date IS NOT NULL AND (NEW.end_date, NEW.end_reason) IS DISTINCT FROM (OLD.end_date, OLD.end_reason) THEN
          RAISE EXCEPTION 'La fin de ce contrat est déjà enregistrée : corrigez-la par un nouveau contrat'
            USING ERRCODE = 'check_violation';
        END IF;
        IF OLD.superseded_at IS NOT NULL AND NEW.superseded_at IS DISTINCT FROM OLD.superseded_at THEN
          RAISE EXCEPTION 'Contrat déjà remplacé' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql;
      CREATE TRIGGER contracts_append_only BEFORE UPDATE OR DELETE ON contracts
        FOR EACH ROW EXECUTE FUNCTION hr_contracts_append_only();
    `)

    this.schema.createTable('internships', (table) => {
      tenantRow(table)
      table.string('surname', 120).notNullable()
      table.string('first_names', 200).notNullable()
      table.string('sex', 1).nullable()
      table.date('birth_date').nullable()
      table.string('school', 200).nullable()
      table.string('tutor_name', 200).notNullable()
      table.string('place', 200).notNullable()
      table.date('start_date').notNullable()
      table.date('end_date').notNullable()
      table.timestamp('anonymised_at', { useTz: true }).nullable()
      versionStamps(table, this)
      table.index(['organisation_id', 'start_date'])
    })
    this.schema.raw(
      `ALTER TABLE internships ADD CONSTRAINT internships_dates CHECK (end_date >= start_date)`
    )

    this.schema.createTable('salary_events', (table) => {
      tenantRow(table)
      table.integer('employee_id').notNullable().references('employees.id')
      table.date('effective_date').notNullable()
      table.string('kind', 20).notNullable()
      table.decimal('gross_annual_fte', 15, 2).notNullable()
      table.string('comment', 255).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['organisation_id', 'employee_id', 'effective_date'])
    })
    this.schema.raw(`
      ALTER TABLE salary_events
        ADD CONSTRAINT salary_events_kind CHECK (kind IN (${sqlList(codesOf(SALARY_EVENT_KINDS))})),
        ADD CONSTRAINT salary_events_positive CHECK (gross_annual_fte > 0);
      CREATE OR REPLACE FUNCTION hr_salary_events_append_only() RETURNS trigger AS $$
      BEGIN
        RAISE EXCEPTION 'L''historique des salaires est indélébile : ajoutez un nouvel événement'
          USING ERRCODE = 'check_violation';
      END $$ LANGUAGE plpgsql;
      CREATE TRIGGER salary_events_append_only BEFORE UPDATE OR DELETE ON salary_events
        FOR EACH ROW EXECUTE FUNCTION hr_salary_events_append_only();
    `)

    this.schema.createTable('leaves', (table) => {
      tenantRow(table)
      table.integer('employee_id').notNullable().references('employees.id')
      table.string('kind', 20).notNullable()
      table.date('start_date').notNullable()
      table.date('end_date').notNullable()
      versionStamps(table, this)
      table.index(['organisation_id', 'employee_id'])
    })
    this.schema.raw(`
      ALTER TABLE leaves
        ADD CONSTRAINT leaves_kind CHECK (kind IN (${sqlList(codesOf(LEAVE_KINDS))})),
        ADD CONSTRAINT leaves_dates CHECK (end_date >= start_date)
    `)

    this.schema.createTable('training_actions', (table) => {
      tenantRow(table)
      table.string('title', 200).notNullable()
      table.string('provider', 200).nullable()
      table.string('kind', 20).notNullable().defaultTo('plan')
      versionStamps(table, this)
      table.index(['organisation_id', 'title'])
    })
    this.schema.raw(
      `ALTER TABLE training_actions ADD CONSTRAINT training_actions_kind CHECK (kind IN (${sqlList(codesOf(TRAINING_KINDS))}))`
    )

    this.schema.createTable('training_sessions', (table) => {
      tenantRow(table)
      table.integer('training_action_id').notNullable().references('training_actions.id')
      table.date('start_date').notNullable()
      table.date('end_date').notNullable()
      table.string('place', 200).nullable()
      versionStamps(table, this)
      table.index(['organisation_id', 'start_date'])
    })
    this.schema.raw(
      `ALTER TABLE training_sessions ADD CONSTRAINT training_sessions_dates CHECK (end_date >= start_date)`
    )

    this.schema.createTable('training_participants', (table) => {
      tenantRow(table)
      table.integer('training_session_id').notNullable().references('training_sessions.id')
      table.integer('employee_id').notNullable().references('employees.id')
      table.decimal('hours', 7, 2).notNullable()
      table.decimal('days', 6, 2).notNullable()
      versionStamps(table, this)
      table.index(['organisation_id', 'employee_id'])
      table.unique(['training_session_id', 'employee_id'])
    })
    this.schema.raw(
      `ALTER TABLE training_participants ADD CONSTRAINT training_participants_positive CHECK (hours >= 0 AND days >= 0)`
    )

    this.schema.createTable('training_cost_lines', (table) => {
      tenantRow(table)
      table.integer('training_action_id').notNullable().references('training_actions.id')
      table.integer('training_session_id').nullable().references('training_sessions.id')
      table.string('kind', 20).notNullable()
      table.date('incurred_on').notNullable()
      table.decimal('amount', 15, 2).notNullable()
      versionStamps(table, this)
      table.index(['organisation_id', 'incurred_on'])
    })
    this.schema.raw(
      `ALTER TABLE training_cost_lines ADD CONSTRAINT training_cost_lines_kind CHECK (kind IN (${sqlList(codesOf(TRAINING_COST_KINDS))}))`
    )

    this.schema.createTable('training_financing_lines', (table) => {
      tenantRow(table)
      table.integer('training_action_id').notNullable().references('training_actions.id')
      table.string('funder', 20).notNullable()
      table.string('mode', 30).nullable()
      table.date('requested_on').notNullable()
      table.decimal('amount_expected', 15, 2).notNullable()
      table.decimal('amount_received', 15, 2).notNullable().defaultTo('0')
      table.date('received_on').nullable()
      versionStamps(table, this)
      table.index(['organisation_id', 'requested_on'])
    })
    this.schema.raw(`
      ALTER TABLE training_financing_lines
        ADD CONSTRAINT training_financing_funder CHECK (funder IN (${sqlList(codesOf(TRAINING_FUNDERS))})),
        ADD CONSTRAINT training_financing_mode CHECK (
          (funder = 'uniformation' AND mode IN (${sqlList(codesOf(TRAINING_FUNDING_MODES))}))
          OR (funder <> 'uniformation' AND mode IS NULL))
    `)

    this.schema.createTable('time_allocations', (table) => {
      tenantRow(table)
      table.integer('employee_id').notNullable().references('employees.id')
      // FK to programmes (activity domain, range 0500) added below when that table exists.
      table.integer('programme_id').notNullable()
      table.date('month').notNullable()
      table.decimal('share', 5, 4).notNullable()
      versionStamps(table, this)
      table.unique(['employee_id', 'programme_id', 'month'])
      table.index(['organisation_id', 'month'])
    })
    this.schema.raw(`
      ALTER TABLE time_allocations
        ADD CONSTRAINT time_allocations_share CHECK (share > 0 AND share <= 1),
        ADD CONSTRAINT time_allocations_month CHECK (month = date_trunc('month', month)::date);
      -- Shares are fractions of the contract's working time: their sum for one employee and
      -- one month never exceeds 100 %, and the employee must be under contract that month.
      CREATE OR REPLACE FUNCTION hr_time_allocations_cap() RETURNS trigger AS $$
      DECLARE total numeric;
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('time_allocations'), NEW.employee_id);
        SELECT COALESCE(SUM(share), 0) + NEW.share INTO total FROM time_allocations
          WHERE employee_id = NEW.employee_id AND month = NEW.month AND id IS DISTINCT FROM NEW.id;
        IF total > 1 THEN
          RAISE EXCEPTION 'Temps affecté supérieur à 100 %% du temps contractuel (% %%)', round(total * 100, 2)
            USING ERRCODE = 'check_violation';
        END IF;
        IF NOT EXISTS (SELECT 1 FROM contracts c WHERE c.employee_id = NEW.employee_id
            AND c.superseded_at IS NULL AND c.start_date <= (NEW.month + interval '1 month' - interval '1 day')::date
            AND (c.end_date IS NULL OR c.end_date >= NEW.month)) THEN
          RAISE EXCEPTION 'Aucun contrat en cours ce mois-là' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql;
      CREATE TRIGGER time_allocations_cap BEFORE INSERT OR UPDATE ON time_allocations
        FOR EACH ROW EXECUTE FUNCTION hr_time_allocations_cap();
      DO $$ BEGIN
        IF to_regclass('programmes') IS NOT NULL THEN
          ALTER TABLE time_allocations ADD CONSTRAINT time_allocations_programme_fk
            FOREIGN KEY (programme_id) REFERENCES programmes(id);
        END IF;
      END $$;
    `)
  }

  async down() {
    for (const table of [
      'time_allocations',
      'training_financing_lines',
      'training_cost_lines',
      'training_participants',
      'training_sessions',
      'training_actions',
      'leaves',
      'salary_events',
      'internships',
      'contracts',
      'employees',
      'job_references',
      'hr_settings',
    ]) {
      this.schema.dropTableIfExists(table)
    }
    this.schema.raw('DROP FUNCTION IF EXISTS hr_time_allocations_cap() CASCADE')
    this.schema.raw('DROP FUNCTION IF EXISTS hr_salary_events_append_only() CASCADE')
    this.schema.raw('DROP FUNCTION IF EXISTS hr_contracts_append_only() CASCADE')
  }
}
