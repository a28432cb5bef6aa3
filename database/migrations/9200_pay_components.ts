import { BaseSchema } from '@adonisjs/lucid/schema'
import { createdAt, tenantRow } from '#database/sql/columns'
import { codeCheck, foreignKey, ownKey } from '#database/sql/tenant_keys'
import { PAY_COMPONENT_KINDS, PAY_COMPONENT_SOURCES } from '#vocabulary/hr'

/**
 * Pay components (issue #15, fed from the DSN by issue #19): what an employee was paid for a
 * period, by kind (base, bonuses, benefits in kind, overtime...), so that the equality index
 * counts the remuneration the law defines (C. trav. L3221-3). Append-only like the salary
 * history: a component is never deleted nor changed; it is cancelled once, with a reason, and
 * a correction is a new row. Tenant keys are composite from the start (ADR 8).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('pay_components', (table) => {
      tenantRow(table)
      table.integer('employee_id').notNullable()
      table.string('kind', 30).notNullable()
      // The period the amount pays for (a month from the DSN, a year for an annual bonus).
      table.date('period_start').notNullable()
      table.date('period_end').notNullable()
      table.decimal('amount', 15, 2).notNullable()
      table.string('source', 10).notNullable().defaultTo('saisie')
      // The import (staff list, DSN) that wrote the row: a replacing DSN cancels its rows.
      table.integer('import_id').nullable()
      table.string('comment', 255).nullable()
      table.timestamp('cancelled_at', { useTz: true }).nullable()
      table.string('cancel_reason', 255).nullable()
      createdAt(table, this)
      table.index(['organisation_id', 'employee_id', 'period_start'])
      table.index(['organisation_id', 'period_start'])
    })
    this.schema.raw(`
      ALTER TABLE pay_components
        ${ownKey('pay_components')},
        ${foreignKey('pay_components_employee_fk', 'employee_id', 'employees')},
        ${foreignKey('pay_components_import_fk', 'import_id', 'imports')},
        ${codeCheck('pay_components_kind', 'kind', PAY_COMPONENT_KINDS)},
        ${codeCheck('pay_components_source', 'source', PAY_COMPONENT_SOURCES)},
        ADD CONSTRAINT pay_components_period CHECK (period_end >= period_start),
        ADD CONSTRAINT pay_components_amount CHECK (amount <> 0),
        ADD CONSTRAINT pay_components_cancel_reason CHECK (
          (cancelled_at IS NULL) = (cancel_reason IS NULL)
          AND (cancel_reason IS NULL OR length(btrim(cancel_reason)) > 0));
      CREATE OR REPLACE FUNCTION hr_pay_components_append_only() RETURNS trigger AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'Les éléments de paie sont indélébiles : annulez l''élément avec un motif'
            USING ERRCODE = 'check_violation';
        END IF;
        IF OLD.cancelled_at IS NOT NULL THEN
          RAISE EXCEPTION 'Cet élément de paie est déjà annulé' USING ERRCODE = 'check_violation';
        END IF;
        IF (NEW.organisation_id, NEW.employee_id, NEW.kind, NEW.period_start, NEW.period_end,
            NEW.amount, NEW.source, NEW.import_id, NEW.comment, NEW.created_at)
           IS DISTINCT FROM
           (OLD.organisation_id, OLD.employee_id, OLD.kind, OLD.period_start, OLD.period_end,
            OLD.amount, OLD.source, OLD.import_id, OLD.comment, OLD.created_at) THEN
          RAISE EXCEPTION 'Les éléments de paie sont indélébiles : annulez l''élément et saisissez-le à nouveau'
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql;
      CREATE TRIGGER pay_components_append_only BEFORE UPDATE OR DELETE ON pay_components
        FOR EACH ROW EXECUTE FUNCTION hr_pay_components_append_only();
    `)
  }

  async down() {
    this.schema.dropTableIfExists('pay_components')
    this.schema.raw('DROP FUNCTION IF EXISTS hr_pay_components_append_only() CASCADE')
  }
}
