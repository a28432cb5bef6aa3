import { BaseSchema } from '@adonisjs/lucid/schema'
import { createdAt, tenantRow, versionStamps } from '#database/sql/columns'
import { codeCheck, foreignKey, memberKey, ownKey } from '#database/sql/tenant_keys'
import { MATCH_ORIGINS, STATEMENT_FORMATS } from '#vocabulary/bank'

/**
 * Bank statements and bank matching (issue #18, docs/adr/0015-bank-statements.md).
 *
 * - `bank_accounts`: an account at a bank, tied to a 512x account of the chart; its CSV column
 *   mapping is saved with it.
 * - `bank_statements`: one imported statement (CAMT.053, OFX or CSV) with its balances; the
 *   latest bank balance of an account is the closing balance of its latest statement.
 * - `bank_operations`: the operations of the statements, amounts signed from the account's side
 *   (a credit to the account is positive). The same operation imported twice has the same
 *   dedup_key (the bank's reference, else date + amount + label) and is stored once.
 * - `bank_matches` and `bank_match_items`: a match ties bank operations to ledger lines of the
 *   512x account, grant receipts or instalments; `bank_unmatchings` records who undid a match
 *   and why, and the items of an undone match stop being active (one active match per item).
 *
 * Tenant keys are composite from the start (ADR 8).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('bank_accounts', (table) => {
      tenantRow(table)
      table.integer('account_id').notNullable()
      table.text('name').notNullable()
      table.text('iban').notNullable()
      table.text('bic').nullable()
      table.specificType('currency', 'char(3)').notNullable().defaultTo('EUR')
      table.jsonb('csv_mapping').nullable()
      versionStamps(table, this)
    })
    this.schema.createTable('bank_statements', (table) => {
      tenantRow(table)
      table.integer('bank_account_id').notNullable()
      table.integer('import_id').nullable()
      table.text('format').notNullable()
      table.text('reference').notNullable()
      table.date('opening_date').notNullable()
      table.date('closing_date').notNullable()
      table.decimal('opening_balance', 15, 2).notNullable()
      table.decimal('closing_balance', 15, 2).notNullable()
      table.integer('operations_count').notNullable().defaultTo(0)
      table.integer('skipped_count').notNullable().defaultTo(0)
      createdAt(table, this)
    })
    this.schema.createTable('bank_operations', (table) => {
      tenantRow(table)
      table.integer('bank_account_id').notNullable()
      table.integer('statement_id').notNullable()
      table.date('booking_date').notNullable()
      table.date('value_date').nullable()
      table.text('label').notNullable()
      table.decimal('amount', 15, 2).notNullable()
      table.text('reference').nullable()
      table.text('counterparty').nullable()
      table.text('dedup_key').notNullable()
      createdAt(table, this)
    })
    this.schema.createTable('bank_matches', (table) => {
      tenantRow(table)
      table.integer('bank_account_id').notNullable()
      table.text('origin').notNullable()
      table.integer('user_id').nullable()
      table.text('note').nullable()
      createdAt(table, this)
    })
    this.schema.createTable('bank_match_items', (table) => {
      tenantRow(table)
      table.integer('match_id').notNullable()
      table.integer('bank_operation_id').nullable()
      table.bigInteger('entry_line_id').nullable()
      table.integer('grant_receipt_id').nullable()
      table.integer('grant_payment_schedule_id').nullable()
      table.decimal('amount', 15, 2).notNullable()
      table.boolean('active').notNullable().defaultTo(true)
    })
    this.schema.createTable('bank_unmatchings', (table) => {
      tenantRow(table)
      table.integer('match_id').notNullable()
      table.integer('user_id').nullable()
      table.text('reason').notNullable()
      createdAt(table, this)
    })
    // Who matched or unmatched: a member of the organisation (ADR 9), composite like every actor.
    this.schema.raw(`
      ALTER TABLE bank_matches
        ${memberKey('bank_matches_user_id_foreign', 'user_id', ' ON DELETE SET NULL ')}(user_id);
      ALTER TABLE bank_unmatchings
        ${memberKey('bank_unmatchings_user_id_foreign', 'user_id', ' ON DELETE SET NULL ')}(user_id)`)
    this.schema.raw(`
      ALTER TABLE bank_accounts
        ${ownKey('bank_accounts')},
        ADD CONSTRAINT bank_accounts_iban_unique UNIQUE (organisation_id, iban),
        ${foreignKey('bank_accounts_account_fk', 'account_id', 'accounts')},
        ADD CONSTRAINT bank_accounts_currency_known CHECK (currency ~ '^[A-Z]{3}$'),
        ADD CONSTRAINT bank_accounts_iban_shape CHECK (iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}$');
      CREATE INDEX bank_accounts_account ON bank_accounts (organisation_id, account_id);

      ALTER TABLE bank_statements
        ${ownKey('bank_statements')},
        ${foreignKey('bank_statements_bank_account_fk', 'bank_account_id', 'bank_accounts')},
        ${foreignKey('bank_statements_import_fk', 'import_id', 'imports', ' ON DELETE SET NULL ')}(import_id),
        ${codeCheck('bank_statements_format_known', 'format', STATEMENT_FORMATS)},
        ADD CONSTRAINT bank_statements_dates_ordered CHECK (closing_date >= opening_date),
        ADD CONSTRAINT bank_statements_counts_positive CHECK (operations_count >= 0 AND skipped_count >= 0);
      CREATE INDEX bank_statements_account_closing
        ON bank_statements (organisation_id, bank_account_id, closing_date);

      ALTER TABLE bank_operations
        ${ownKey('bank_operations')},
        ADD CONSTRAINT bank_operations_dedup_unique UNIQUE (organisation_id, bank_account_id, dedup_key),
        ${foreignKey('bank_operations_bank_account_fk', 'bank_account_id', 'bank_accounts')},
        ${foreignKey('bank_operations_statement_fk', 'statement_id', 'bank_statements')},
        ADD CONSTRAINT bank_operations_amount_not_zero CHECK (amount <> 0);
      CREATE INDEX bank_operations_account_date
        ON bank_operations (organisation_id, bank_account_id, booking_date);
      CREATE INDEX bank_operations_statement ON bank_operations (organisation_id, statement_id);

      ALTER TABLE bank_matches
        ${ownKey('bank_matches')},
        ${foreignKey('bank_matches_bank_account_fk', 'bank_account_id', 'bank_accounts')},
        ${codeCheck('bank_matches_origin_known', 'origin', MATCH_ORIGINS)};
      CREATE INDEX bank_matches_account ON bank_matches (organisation_id, bank_account_id);

      ALTER TABLE bank_match_items
        ${foreignKey('bank_match_items_match_fk', 'match_id', 'bank_matches')},
        ${foreignKey('bank_match_items_operation_fk', 'bank_operation_id', 'bank_operations')},
        ${foreignKey('bank_match_items_entry_line_fk', 'entry_line_id', 'entry_lines')},
        ${foreignKey('bank_match_items_receipt_fk', 'grant_receipt_id', 'grant_receipts')},
        ${foreignKey('bank_match_items_instalment_fk', 'grant_payment_schedule_id', 'grant_payment_schedules')},
        ADD CONSTRAINT bank_match_items_one_target CHECK (num_nonnulls(
          bank_operation_id, entry_line_id, grant_receipt_id, grant_payment_schedule_id) = 1);
      CREATE INDEX bank_match_items_match ON bank_match_items (organisation_id, match_id);
      CREATE UNIQUE INDEX bank_match_items_operation_once ON bank_match_items (organisation_id, bank_operation_id)
        WHERE active AND bank_operation_id IS NOT NULL;
      CREATE UNIQUE INDEX bank_match_items_entry_line_once ON bank_match_items (organisation_id, entry_line_id)
        WHERE active AND entry_line_id IS NOT NULL;
      CREATE UNIQUE INDEX bank_match_items_receipt_once ON bank_match_items (organisation_id, grant_receipt_id)
        WHERE active AND grant_receipt_id IS NOT NULL;
      CREATE UNIQUE INDEX bank_match_items_instalment_once
        ON bank_match_items (organisation_id, grant_payment_schedule_id)
        WHERE active AND grant_payment_schedule_id IS NOT NULL;

      ALTER TABLE bank_unmatchings
        ${foreignKey('bank_unmatchings_match_fk', 'match_id', 'bank_matches')},
        ADD CONSTRAINT bank_unmatchings_match_once UNIQUE (organisation_id, match_id),
        ADD CONSTRAINT bank_unmatchings_reason_given CHECK (length(btrim(reason)) > 0);
    `)
  }

  async down() {
    for (const table of [
      'bank_unmatchings',
      'bank_match_items',
      'bank_matches',
      'bank_operations',
      'bank_statements',
      'bank_accounts',
    ]) {
      this.schema.dropTableIfExists(table)
    }
  }
}
