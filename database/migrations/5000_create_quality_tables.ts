import { BaseSchema } from '@adonisjs/lucid/schema'
import {
  ACTION_STATUSES,
  ASSESSMENT_STATUSES,
  AXIS_KINDS,
  EVIDENCE_LINK_KINDS,
} from '#vocabulary/quality'
import { codesOf, sqlList } from '#vocabulary/labels'

export default class extends BaseSchema {
  async up() {
    const organisation = (table: import('knex').Knex.CreateTableBuilder) =>
      table.integer('organisation_id').notNullable().references('organisations.id')
    const timestamps = (table: import('knex').Knex.CreateTableBuilder) => {
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).nullable()
    }

    // A referential is data: each import of a new edition keeps the older ones and their
    // assessments; exactly one edition per organisation is current.
    this.schema.createTable('referentials', (table) => {
      table.increments('id')
      organisation(table)
      table.string('name', 200).notNullable()
      table.integer('edition').notNullable().defaultTo(1)
      table.decimal('threshold_percent', 5, 2).notNullable().defaultTo(80)
      table.date('deadline').nullable()
      table.boolean('allows_not_applicable').notNullable().defaultTo(true)
      table.boolean('is_demo').notNullable().defaultTo(false)
      table.boolean('is_current').notNullable().defaultTo(true)
      table.string('imported_from', 255).nullable()
      table.integer('import_id').nullable().references('imports.id').onDelete('SET NULL')
      table.integer('version').notNullable().defaultTo(1)
      timestamps(table)
      table.unique(['organisation_id', 'name', 'edition'])
    })
    this.schema.raw(
      `ALTER TABLE referentials ADD CONSTRAINT referentials_threshold_range CHECK (threshold_percent > 0 AND threshold_percent <= 100)`
    )
    this.schema.raw(
      `ALTER TABLE referentials ADD CONSTRAINT referentials_edition_positive CHECK (edition >= 1)`
    )
    this.schema.raw(
      `CREATE UNIQUE INDEX referentials_one_current ON referentials (organisation_id) WHERE is_current`
    )

    this.schema.createTable('referential_themes', (table) => {
      table.increments('id')
      organisation(table)
      table
        .integer('referential_id')
        .notNullable()
        .references('referentials.id')
        .onDelete('CASCADE')
      table.integer('position').notNullable()
      table.string('name', 200).notNullable()
      table.unique(['referential_id', 'name'])
      table.index(['organisation_id', 'referential_id'])
    })

    this.schema.createTable('criteria', (table) => {
      table.increments('id')
      organisation(table)
      table
        .integer('referential_id')
        .notNullable()
        .references('referentials.id')
        .onDelete('CASCADE')
      table
        .integer('theme_id')
        .notNullable()
        .references('referential_themes.id')
        .onDelete('CASCADE')
      table.integer('position').notNullable()
      table.string('code', 30).notNullable()
      table.string('title', 300).notNullable()
      table.text('text').nullable()
      table.text('expected_evidence').nullable()
      table.unique(['referential_id', 'code'])
      table.index(['organisation_id', 'referential_id'])
    })

    // One assessment per criterion: the live state; its history is criterion_status_changes.
    this.schema.createTable('criterion_assessments', (table) => {
      table.increments('id')
      organisation(table)
      table
        .integer('criterion_id')
        .notNullable()
        .unique()
        .references('criteria.id')
        .onDelete('CASCADE')
      table.string('status', 20).notNullable().defaultTo('to_do')
      table.integer('owner_id').nullable().references('users.id').onDelete('SET NULL')
      table.date('due_date').nullable()
      table.text('comment').nullable()
      table.timestamp('validated_at', { useTz: true }).nullable()
      table.integer('version').notNullable().defaultTo(1)
      timestamps(table)
      table.index(['organisation_id', 'status'])
    })
    this.schema.raw(
      `ALTER TABLE criterion_assessments ADD CONSTRAINT criterion_assessments_status_known CHECK (status IN (${sqlList(codesOf(ASSESSMENT_STATUSES))}))`
    )
    // "Not applicable" only where the referential allows it, whatever writes the row.
    this.schema.raw(`
      CREATE OR REPLACE FUNCTION quality_check_not_applicable() RETURNS trigger AS $$
      BEGIN
        IF NEW.status = 'not_applicable' AND NOT EXISTS (
          SELECT 1 FROM criteria c JOIN referentials r ON r.id = c.referential_id
          WHERE c.id = NEW.criterion_id AND r.allows_not_applicable
        ) THEN
          RAISE EXCEPTION 'quality: this referential does not allow "not applicable" criteria'
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`)
    this.schema.raw(`
      CREATE TRIGGER criterion_assessments_not_applicable
      BEFORE INSERT OR UPDATE OF status ON criterion_assessments
      FOR EACH ROW EXECUTE FUNCTION quality_check_not_applicable()`)

    this.schema.createTable('criterion_status_changes', (table) => {
      table.bigIncrements('id')
      organisation(table)
      table.integer('criterion_id').notNullable().references('criteria.id').onDelete('CASCADE')
      table.string('from_status', 20).nullable()
      table.string('to_status', 20).notNullable()
      table.text('comment').nullable()
      table.integer('user_id').nullable().references('users.id').onDelete('SET NULL')
      table.string('actor', 200).notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['organisation_id', 'criterion_id', 'created_at'])
    })
    this.schema.raw(
      `ALTER TABLE criterion_status_changes ADD CONSTRAINT criterion_status_changes_known CHECK (to_status IN (${sqlList(codesOf(ASSESSMENT_STATUSES))}) AND (from_status IS NULL OR from_status IN (${sqlList(codesOf(ASSESSMENT_STATUSES))})))`
    )
    // History is append-only.
    this.schema.raw(`
      CREATE OR REPLACE FUNCTION quality_history_append_only() RETURNS trigger AS $$
      BEGIN
        RAISE EXCEPTION 'quality: status history is append-only' USING ERRCODE = 'restrict_violation';
      END $$ LANGUAGE plpgsql`)
    this.schema.raw(`
      CREATE TRIGGER criterion_status_changes_append_only
      BEFORE UPDATE ON criterion_status_changes
      FOR EACH ROW EXECUTE FUNCTION quality_history_append_only()`)

    this.schema.createTable('evidence_files', (table) => {
      table.increments('id')
      organisation(table)
      table.integer('criterion_id').notNullable().references('criteria.id').onDelete('CASCADE')
      // Generated key on disk; the client's file name is kept for display and download only.
      table.uuid('stored_name').notNullable().unique()
      table.string('original_name', 255).notNullable()
      table.string('mime', 120).notNullable()
      table.bigint('size_bytes').notNullable()
      table.string('sha256', 64).notNullable()
      table.integer('uploaded_by').nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['organisation_id', 'criterion_id'])
    })
    this.schema.raw(
      `ALTER TABLE evidence_files ADD CONSTRAINT evidence_files_size_positive CHECK (size_bytes > 0)`
    )

    this.schema.createTable('evidence_links', (table) => {
      table.increments('id')
      organisation(table)
      table.integer('criterion_id').notNullable().references('criteria.id').onDelete('CASCADE')
      table.string('kind', 30).notNullable()
      table.string('reference', 500).notNullable()
      table.string('label', 300).nullable()
      table.integer('created_by').nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['organisation_id', 'criterion_id'])
    })
    this.schema.raw(
      `ALTER TABLE evidence_links ADD CONSTRAINT evidence_links_kind_known CHECK (kind IN (${sqlList(codesOf(EVIDENCE_LINK_KINDS))}))`
    )
    this.schema.raw(
      `ALTER TABLE evidence_links ADD CONSTRAINT evidence_links_url_scheme CHECK (kind <> 'url' OR reference ~* '^https?://')`
    )

    this.schema.createTable('strategic_plans', (table) => {
      table.increments('id')
      organisation(table)
      table.string('title', 200).notNullable()
      table.integer('start_year').notNullable()
      table.integer('end_year').notNullable()
      // What the plan announces (the 2023 report: ten) may differ from the axes listed (nine).
      table.integer('announced_axes').nullable()
      table.integer('version').notNullable().defaultTo(1)
      timestamps(table)
      table.index(['organisation_id'])
    })
    this.schema.raw(
      `ALTER TABLE strategic_plans ADD CONSTRAINT strategic_plans_years CHECK (end_year >= start_year)`
    )

    this.schema.createTable('strategic_axes', (table) => {
      table.increments('id')
      organisation(table)
      table.integer('plan_id').notNullable().references('strategic_plans.id').onDelete('CASCADE')
      table.string('kind', 20).notNullable()
      table.integer('position').notNullable()
      table.string('title', 300).notNullable()
      table.text('description').nullable()
      table.integer('version').notNullable().defaultTo(1)
      timestamps(table)
      table.index(['organisation_id', 'plan_id'])
    })
    this.schema.raw(
      `ALTER TABLE strategic_axes ADD CONSTRAINT strategic_axes_kind_known CHECK (kind IN (${sqlList(codesOf(AXIS_KINDS))}))`
    )

    this.schema.createTable('working_groups', (table) => {
      table.increments('id')
      organisation(table)
      table.integer('plan_id').notNullable().references('strategic_plans.id').onDelete('CASCADE')
      table.integer('axis_id').nullable().references('strategic_axes.id').onDelete('SET NULL')
      table.string('name', 200).notNullable()
      table.integer('version').notNullable().defaultTo(1)
      timestamps(table)
      table.index(['organisation_id', 'plan_id'])
    })

    this.schema.createTable('working_group_members', (table) => {
      table.increments('id')
      organisation(table)
      table
        .integer('working_group_id')
        .notNullable()
        .references('working_groups.id')
        .onDelete('CASCADE')
      table.integer('user_id').nullable().references('users.id').onDelete('SET NULL')
      table.string('full_name', 200).nullable()
      table.string('role', 100).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['organisation_id', 'working_group_id'])
    })
    this.schema.raw(
      `ALTER TABLE working_group_members ADD CONSTRAINT working_group_members_someone CHECK (user_id IS NOT NULL OR full_name IS NOT NULL)`
    )

    this.schema.createTable('strategic_actions', (table) => {
      table.increments('id')
      organisation(table)
      table.integer('axis_id').notNullable().references('strategic_axes.id').onDelete('CASCADE')
      table.string('title', 300).notNullable()
      table.integer('owner_id').nullable().references('users.id').onDelete('SET NULL')
      table.string('owner_name', 200).nullable()
      table.string('status', 20).notNullable().defaultTo('planned')
      table.date('due_date').nullable()
      table.integer('version').notNullable().defaultTo(1)
      timestamps(table)
      table.index(['organisation_id', 'axis_id'])
    })
    this.schema.raw(
      `ALTER TABLE strategic_actions ADD CONSTRAINT strategic_actions_status_known CHECK (status IN (${sqlList(codesOf(ACTION_STATUSES))}))`
    )

    this.schema.createTable('action_milestones', (table) => {
      table.increments('id')
      organisation(table)
      table
        .integer('action_id')
        .notNullable()
        .references('strategic_actions.id')
        .onDelete('CASCADE')
      table.string('title', 300).notNullable()
      table.date('due_date').nullable()
      table.date('reached_on').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['organisation_id', 'action_id'])
    })

    this.schema.createTable('axis_criteria', (table) => {
      table.increments('id')
      organisation(table)
      table.integer('axis_id').notNullable().references('strategic_axes.id').onDelete('CASCADE')
      table.integer('criterion_id').notNullable().references('criteria.id').onDelete('CASCADE')
      table.unique(['axis_id', 'criterion_id'])
      table.index(['organisation_id', 'criterion_id'])
    })
  }

  async down() {
    for (const table of [
      'axis_criteria',
      'action_milestones',
      'strategic_actions',
      'working_group_members',
      'working_groups',
      'strategic_axes',
      'strategic_plans',
      'evidence_links',
      'evidence_files',
      'criterion_status_changes',
      'criterion_assessments',
      'criteria',
      'referential_themes',
      'referentials',
    ]) {
      this.schema.dropTableIfExists(table)
    }
    this.schema.raw('DROP FUNCTION IF EXISTS quality_history_append_only()')
    this.schema.raw('DROP FUNCTION IF EXISTS quality_check_not_applicable()')
  }
}
