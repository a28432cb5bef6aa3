import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Analytic overlay of the grants on the ledger. A validated ledger line is never changed, so a
 * line booked without its convention (imported, or posted before the convention existed) is
 * attributed here, in whole or in part, instead of on entry_lines.grant_id. The view
 * grant_ledger_lines unites both sources; every grants report reads it.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('grant_line_allocations', (table) => {
      table.increments('id')
      table.integer('organisation_id').notNullable().references('organisations.id')
      table.bigint('entry_line_id').notNullable().references('entry_lines.id').onDelete('CASCADE')
      table.integer('grant_id').notNullable().references('grants.id').onDelete('RESTRICT')
      table.decimal('amount', 15, 2).notNullable()
      table.string('source', 30).notNullable().defaultTo('manual')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['organisation_id', 'grant_id'])
      table.index(['entry_line_id'])
    })
    this.schema.raw(`
      ALTER TABLE grant_line_allocations ADD CONSTRAINT grant_line_allocations_amount_positive CHECK (amount > 0);

      CREATE OR REPLACE FUNCTION grant_line_allocations_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        bad record;
      BEGIN
        SELECT l.id, greatest(l.debit, l.credit) AS line_amount, l.grant_id, sum(a.amount) AS allocated,
               bool_or(a.organisation_id <> l.organisation_id) AS foreign_org
          INTO bad
          FROM entry_lines l JOIN grant_line_allocations a ON a.entry_line_id = l.id
         WHERE l.id IN (SELECT entry_line_id FROM new_rows)
         GROUP BY l.id
        HAVING sum(a.amount) > greatest(l.debit, l.credit) OR l.grant_id IS NOT NULL
            OR bool_or(a.organisation_id <> l.organisation_id)
         LIMIT 1;
        IF FOUND THEN
          IF bad.foreign_org THEN
            RAISE EXCEPTION 'Ligne d''écriture % : elle appartient à une autre organisation.', bad.id USING ERRCODE = 'P0001';
          ELSIF bad.grant_id IS NOT NULL THEN
            RAISE EXCEPTION 'Ligne d''écriture % : elle porte déjà une convention dans le grand livre.', bad.id USING ERRCODE = 'P0001';
          END IF;
          RAISE EXCEPTION 'Ligne d''écriture % : la part attribuée aux conventions (% €) dépasse son montant (% €).',
            bad.id, bad.allocated, bad.line_amount USING ERRCODE = 'P0001';
        END IF;
        RETURN NULL;
      END $$;

      CREATE TRIGGER grant_line_allocations_insert AFTER INSERT ON grant_line_allocations
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION grant_line_allocations_guard();
      CREATE TRIGGER grant_line_allocations_update AFTER UPDATE ON grant_line_allocations
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION grant_line_allocations_guard();

      CREATE OR REPLACE VIEW grant_ledger_lines AS
        SELECT l.id AS entry_line_id, l.organisation_id, l.entry_id, l.grant_id, l.account_number,
               l.entry_date, l.debit, l.credit, 'ledger'::text AS source
          FROM entry_lines l WHERE l.grant_id IS NOT NULL
        UNION ALL
        SELECT l.id, l.organisation_id, l.entry_id, a.grant_id, l.account_number, l.entry_date,
               CASE WHEN l.debit > 0 THEN a.amount ELSE 0 END,
               CASE WHEN l.credit > 0 THEN a.amount ELSE 0 END, 'allocation'::text
          FROM grant_line_allocations a JOIN entry_lines l ON l.id = a.entry_line_id;
    `)
  }

  async down() {
    this.schema.raw(`
      DROP VIEW IF EXISTS grant_ledger_lines;
      DROP TABLE IF EXISTS grant_line_allocations CASCADE;
      DROP FUNCTION IF EXISTS grant_line_allocations_guard() CASCADE;
    `)
  }
}
