import { BaseSchema } from '@adonisjs/lucid/schema'
import { COST_NATURES } from '#vocabulary/grants'
import { codesOf, sqlList } from '#vocabulary/labels'

/**
 * The cost budget of a convention (issue #14), entered by finance: one line per cost nature
 * (COST_NATURES, families of charge accounts) or per programme, each with its amount, compared
 * on the convention's page with the costs attributed to it. A line is keyed by exactly one of
 * its nature or its programme, once per convention. Tenant keys are composite from the start
 * (ADR 8); the lines go with their convention.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('grant_budget_lines', (table) => {
      table.increments('id')
      table.integer('organisation_id').notNullable().references('organisations.id')
      table.integer('grant_id').notNullable()
      table.string('nature', 20).nullable()
      table.integer('programme_id').nullable()
      table.decimal('amount', 15, 2).notNullable()
      table.integer('version').notNullable().defaultTo(1)
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).nullable()
      table.index(['organisation_id', 'grant_id'])
    })
    this.schema.raw(`
      ALTER TABLE grant_budget_lines
        ADD CONSTRAINT grant_budget_lines_organisation_id_id_unique UNIQUE (organisation_id, id),
        ADD CONSTRAINT grant_budget_lines_grant_fk FOREIGN KEY (organisation_id, grant_id)
          REFERENCES grants (organisation_id, id) ON DELETE CASCADE,
        ADD CONSTRAINT grant_budget_lines_programme_fk FOREIGN KEY (organisation_id, programme_id)
          REFERENCES programmes (organisation_id, id),
        ADD CONSTRAINT grant_budget_lines_nature_known CHECK (nature IN (${sqlList(codesOf(COST_NATURES))})),
        ADD CONSTRAINT grant_budget_lines_one_key CHECK ((nature IS NULL) <> (programme_id IS NULL)),
        ADD CONSTRAINT grant_budget_lines_amount_positive CHECK (amount >= 0),
        ADD CONSTRAINT grant_budget_lines_nature_unique UNIQUE (organisation_id, grant_id, nature),
        ADD CONSTRAINT grant_budget_lines_programme_unique UNIQUE (organisation_id, grant_id, programme_id);
      CREATE INDEX grant_budget_lines_programme ON grant_budget_lines (organisation_id, programme_id)
        WHERE programme_id IS NOT NULL;
    `)
  }

  async down() {
    this.schema.dropTableIfExists('grant_budget_lines')
  }
}
