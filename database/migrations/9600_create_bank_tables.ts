import { BaseSchema } from '@adonisjs/lucid/schema'
import { MATCH_ORIGINS, STATEMENT_FORMATS } from '#vocabulary/bank'
import { codesOf, sqlList } from '#vocabulary/labels'

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
      table.increments('id')
      table.integer('organisation_id').notNullable().references('organisations.id')
      table.integer('account_id').notNullable()
      table.text('name').notNullable()
      table.text('iban').notNullable()
      table.text('bic').nullable()
      table.specificType('currency', 'char(3)').notNullable().defaultTo('EUR')
      table.jsonb('csv_mapping').nullable()
      table.integer('version').notNullable().defaultTo(1)
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).nullable()
    })
    this.schema.createTable('bank_statements', (table) => {
      table.increments('id')
      table.integer('organisation_id').notNullable().references('organisations.id')
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
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
    })
    this.schema.createTable('bank_operations', (table) => {
      table.increments('id')
      table.integer('organisation_id').notNullable().references('organisations.id')
      table.integer('bank_account_id').notNullable()
      table.integer('statement_id').notNullable()
      table.date('booking_date').notNullable()
      table.date('value_date').nullable()
      table.text('label').notNullable()
      table.decimal('amount', 15, 2).notNullable()
      table.text('reference').nullable()
      table.text('counterparty').nullable()
      table.text('dedup_key').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
    })
    this.schema.createTable('bank_matches', (table) => {
      table.increments('id')
      table.integer('organisation_id').notNullable().references('organisations.id')
      table.integer('bank_account_id').notNullable()
      table.text('origin').notNullable()
      table.integer('user_id').nullable()
      table.text('note').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
    })
    this.schema.createTable('bank_match_items', (table) => {
      table.increments('id')
      table.integer('organisation_id').notNullable().references('organisations.id')
      table.integer('match_id').notNullable()
      table.integer('bank_operation_id').nullable()
      table.bigInteger('entry_line_id').nullable()
      table.integer('grant_receipt_id').nullable()
      table.integer('grant_payment_schedule_id').nullable()
      table.decimal('amount', 15, 2).notNullable()
      table.boolean('active').notNullable().defaultTo(true)
    })
    this.schema.createTable('bank_unmatchings', (table) => {
      table.increments('id')
      table.integer('organisation_id').notNullable().references('organisations.id')
      table.integer('match_id').notNullable()
      table.integer('user_id').nullable()
      table.text('reason').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
    })
    // Who matched or unmatched: a member of the organisation (ADR 9), composite like every actor.
    this.schema.raw(`
      ALTER TABLE bank_matches
        ADD CONSTRAINT bank_matches_user_id_foreign FOREIGN KEY (organisation_id, user_id)
          REFERENCES memberships (organisation_id, user_id) ON DELETE SET NULL (user_id);
      ALTER TABLE bank_unmatchings
        ADD CONSTRAINT bank_unmatchings_user_id_foreign FOREIGN KEY (organisation_id, user_id)
          REFERENCES memberships (organisation_id, user_id) ON DELETE SET NULL (user_id)`)
    this.schema.raw(`
      ALTER TABLE bank_accounts
        ADD CONSTRAINT bank_accounts_organisation_id_id_unique UNIQUE (organisation_id, id),
        ADD CONSTRAINT bank_accounts_iban_unique UNIQUE (organisation_id, iban),
        ADD CONSTRAINT bank_accounts_account_fk FOREIGN KEY (organisation_id, account_id)
          REFERENCES accounts (organisation_id, id),
        ADD CONSTRAINT bank_accounts_currency_known CHECK (currency ~ '^[A-Z]{3}$'),
        ADD CONSTRAINT bank_accounts_iban_shape CHECK (iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}$');
      CREATE INDEX bank_accounts_account ON bank_accounts (organisation_id, account_id);

      ALTER TABLE bank_statements
        ADD CONSTRAINT bank_statements_organisation_id_id_unique UNIQUE (organisation_id, id),
        ADD CONSTRAINT bank_statements_bank_account_fk FOREIGN KEY (organisation_id, bank_account_id)
          REFERENCES bank_accounts (organisation_id, id),
        ADD CONSTRAINT bank_statements_import_fk FOREIGN KEY (organisation_id, import_id)
          REFERENCES imports (organisation_id, id) ON DELETE SET NULL (import_id),
        ADD CONSTRAINT bank_statements_format_known CHECK (format IN (${sqlList(codesOf(STATEMENT_FORMATS))})),
        ADD CONSTRAINT bank_statements_dates_ordered CHECK (closing_date >= opening_date),
        ADD CONSTRAINT bank_statements_counts_positive CHECK (operations_count >= 0 AND skipped_count >= 0);
      CREATE INDEX bank_statements_account_closing
        ON bank_statements (organisation_id, bank_account_id, closing_date);

      ALTER TABLE bank_operations
        ADD CONSTRAINT bank_operations_organisation_id_id_unique UNIQUE (organisation_id, id),
        ADD CONSTRAINT bank_operations_dedup_unique UNIQUE (organisation_id, bank_account_id, dedup_key),
        ADD CONSTRAINT bank_operations_bank_account_fk FOREIGN KEY (organisation_id, bank_account_id)
          REFERENCES bank_accounts (organisation_id, id),
        ADD CONSTRAINT bank_operations_statement_fk FOREIGN KEY (organisation_id, statement_id)
          REFERENCES bank_statements (organisation_id, id),
        ADD CONSTRAINT bank_operations_amount_not_zero CHECK (amount <> 0);
      CREATE INDEX bank_operations_account_date
        ON bank_operations (organisation_id, bank_account_id, booking_date);
      CREATE INDEX bank_operations_statement ON bank_operations (organisation_id, statement_id);

      ALTER TABLE bank_matches
        ADD CONSTRAINT bank_matches_organisation_id_id_unique UNIQUE (organisation_id, id),
        ADD CONSTRAINT bank_matches_bank_account_fk FOREIGN KEY (organisation_id, bank_account_id)
          REFERENCES bank_accounts (organisation_id, id),
        ADD CONSTRAINT bank_matches_origin_known CHECK (origin IN (${sqlList(codesOf(MATCH_ORIGINS))}));
      CREATE INDEX bank_matches_account ON bank_matches (organisation_id, bank_account_id);

      ALTER TABLE bank_match_items
        ADD CONSTRAINT bank_match_items_match_fk FOREIGN KEY (organisation_id, match_id)
          REFERENCES bank_matches (organisation_id, id),
        ADD CONSTRAINT bank_match_items_operation_fk FOREIGN KEY (organisation_id, bank_operation_id)
          REFERENCES bank_operations (organisation_id, id),
        ADD CONSTRAINT bank_match_items_entry_line_fk FOREIGN KEY (organisation_id, entry_line_id)
          REFERENCES entry_lines (organisation_id, id),
        ADD CONSTRAINT bank_match_items_receipt_fk FOREIGN KEY (organisation_id, grant_receipt_id)
          REFERENCES grant_receipts (organisation_id, id),
        ADD CONSTRAINT bank_match_items_instalment_fk FOREIGN KEY (organisation_id, grant_payment_schedule_id)
          REFERENCES grant_payment_schedules (organisation_id, id),
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
        ADD CONSTRAINT bank_unmatchings_match_fk FOREIGN KEY (organisation_id, match_id)
          REFERENCES bank_matches (organisation_id, id),
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
