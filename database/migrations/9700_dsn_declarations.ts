import { BaseSchema } from '@adonisjs/lucid/schema'
import { createdAt, tenantRow } from '#database/sql/columns'
import { codeCheck, foreignKey, ownKey } from '#database/sql/tenant_keys'
import { DSN_DECLARATION_STATUSES, DSN_DECLARATION_TYPES } from '#vocabulary/hr'

/**
 * The monthly DSN (issue #19, ADR 17).
 *
 * - `employees.nir`: the social security number (13 characters, without its key) by which the
 *   DSN names a person; personal data read by HR only, removed by the anonymisation.
 * - `dsn_declarations`: one imported monthly declaration (its import, month, establishment,
 *   type, totals). One declaration is in force per month; a replacing one marks the previous
 *   one 'replaced', a cancelling one marks it 'cancelled' (status changes only, never deleted).
 * - `dsn_employee_months`: each person's gross pay and employer contributions of a declaration,
 *   read by the payroll reconciliation and the staff costs.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      ALTER TABLE employees ADD COLUMN nir varchar(13) NULL,
        ADD CONSTRAINT employees_nir_format CHECK (nir ~ '^[12378][0-9]{4}(2A|2B|[0-9]{2})[0-9]{6}$');
      CREATE UNIQUE INDEX employees_nir_unique ON employees (organisation_id, nir) WHERE nir IS NOT NULL;
    `)
    this.schema.createTable('dsn_declarations', (table) => {
      tenantRow(table)
      table.integer('import_id').notNullable()
      table.date('month').notNullable()
      table.string('siret', 14).notNullable()
      table.string('declaration_type', 2).notNullable()
      table.string('status', 10).notNullable().defaultTo('active')
      table.integer('replaces_id').nullable()
      table.integer('headcount').notNullable()
      table.decimal('gross_total', 15, 2).notNullable()
      table.decimal('employer_contributions', 15, 2).notNullable()
      createdAt(table, this)
      table.timestamp('ended_at', { useTz: true }).nullable()
      table.index(['organisation_id', 'month'])
    })
    this.schema.raw(`
      ALTER TABLE dsn_declarations
        ${ownKey('dsn_declarations')},
        ${foreignKey('dsn_declarations_import_fk', 'import_id', 'imports')},
        ${foreignKey('dsn_declarations_replaces_fk', 'replaces_id', 'dsn_declarations')},
        ${codeCheck('dsn_declarations_type', 'declaration_type', DSN_DECLARATION_TYPES)},
        ${codeCheck('dsn_declarations_status', 'status', DSN_DECLARATION_STATUSES)},
        ADD CONSTRAINT dsn_declarations_month CHECK (extract(day FROM month) = 1),
        ADD CONSTRAINT dsn_declarations_ended CHECK ((status = 'active') = (ended_at IS NULL)),
        ADD CONSTRAINT dsn_declarations_siret CHECK (siret ~ '^[0-9]{14}$');
      CREATE UNIQUE INDEX dsn_declarations_one_active ON dsn_declarations (organisation_id, month)
        WHERE status = 'active';
    `)
    this.schema.createTable('dsn_employee_months', (table) => {
      tenantRow(table)
      table.integer('declaration_id').notNullable()
      table.integer('employee_id').notNullable()
      table.date('month').notNullable()
      table.decimal('gross', 15, 2).notNullable()
      table.decimal('employer_contributions', 15, 2).notNullable()
      table.index(['organisation_id', 'month'])
      table.index(['organisation_id', 'employee_id', 'month'])
    })
    this.schema.raw(`
      ALTER TABLE dsn_employee_months
        ${foreignKey('dsn_employee_months_declaration_fk', 'declaration_id', 'dsn_declarations')},
        ${foreignKey('dsn_employee_months_employee_fk', 'employee_id', 'employees')},
        ADD CONSTRAINT dsn_employee_months_once UNIQUE (organisation_id, declaration_id, employee_id);
    `)
  }

  async down() {
    this.schema.dropTableIfExists('dsn_employee_months')
    this.schema.dropTableIfExists('dsn_declarations')
    this.schema.raw(`
      DROP INDEX IF EXISTS employees_nir_unique;
      ALTER TABLE employees DROP CONSTRAINT IF EXISTS employees_nir_format, DROP COLUMN IF EXISTS nir;
    `)
  }
}
