import { BaseSchema } from '@adonisjs/lucid/schema'
import { ALERT_KINDS, DIGEST_FREQUENCIES } from '#vocabulary/alerts'
import { ROLES } from '#vocabulary/core'
import { codesOf, sqlList } from '#vocabulary/labels'

/**
 * Alerts before deadlines are missed (issue #17, ADR 14). The alert job keeps one row per
 * organisation, kind and subject (`subject_key`, e.g. `deadline:42`): a rerun updates it, and
 * sets `resolved_at` when the condition no longer holds. The roles that see an alert are
 * stored with it (and, for an import left in preview, the person who started it). A person's
 * "read" is a dismissal row; their digest choice is a preference row; each digest sent is a
 * row, so that a period's digest is never sent twice. Each run is recorded. Tenant keys are
 * composite from the start (ADR 8).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('alerts', (table) => {
      table.increments('id')
      table.integer('organisation_id').notNullable().references('organisations.id')
      table.string('kind', 30).notNullable()
      table.string('subject_key', 80).notNullable()
      table.text('title').notNullable()
      table.text('detail').nullable()
      table.date('due_on').notNullable()
      table.boolean('overdue').notNullable()
      table.string('link_route', 120).notNullable()
      table.jsonb('link_params').notNullable().defaultTo('{}')
      table.specificType('roles', 'text[]').notNullable()
      table.integer('user_id').nullable()
      table.date('first_seen_on').notNullable()
      table.date('last_seen_on').notNullable()
      table.timestamp('resolved_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).nullable()
    })
    this.schema.createTable('alert_dismissals', (table) => {
      table.increments('id')
      table.integer('organisation_id').notNullable().references('organisations.id')
      table.integer('alert_id').notNullable()
      table.integer('user_id').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
    })
    this.schema.createTable('alert_preferences', (table) => {
      table.increments('id')
      table.integer('organisation_id').notNullable().references('organisations.id')
      table.integer('user_id').notNullable()
      table.string('frequency', 10).notNullable()
      table.integer('version').notNullable().defaultTo(1)
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).nullable()
    })
    this.schema.createTable('alert_digests', (table) => {
      table.increments('id')
      table.integer('organisation_id').notNullable().references('organisations.id')
      table.integer('user_id').notNullable()
      table.string('frequency', 10).notNullable()
      table.date('period_start').notNullable()
      table.integer('alert_count').notNullable()
      table.timestamp('sent_at', { useTz: true }).notNullable().defaultTo(this.now())
    })
    this.schema.createTable('alert_runs', (table) => {
      table.increments('id')
      table.integer('organisation_id').notNullable().references('organisations.id')
      table.date('today').notNullable()
      table.integer('opened').notNullable()
      table.integer('kept').notNullable()
      table.integer('resolved').notNullable()
      table.integer('digests').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
    })
    this.schema.raw(`
      ALTER TABLE alerts
        ADD CONSTRAINT alerts_organisation_id_id_unique UNIQUE (organisation_id, id),
        ADD CONSTRAINT alerts_subject_unique UNIQUE (organisation_id, kind, subject_key),
        ADD CONSTRAINT alerts_kind_known CHECK (kind IN (${sqlList(codesOf(ALERT_KINDS))})),
        ADD CONSTRAINT alerts_roles_known CHECK (roles <@ ARRAY[${sqlList(ROLES)}]::text[]),
        ADD CONSTRAINT alerts_user_fk FOREIGN KEY (organisation_id, user_id)
          REFERENCES memberships (organisation_id, user_id);
      -- The header counter and the list read the open alerts of one organisation.
      CREATE INDEX alerts_open ON alerts (organisation_id, due_on) WHERE resolved_at IS NULL;

      ALTER TABLE alert_dismissals
        ADD CONSTRAINT alert_dismissals_alert_fk FOREIGN KEY (organisation_id, alert_id)
          REFERENCES alerts (organisation_id, id) ON DELETE CASCADE,
        ADD CONSTRAINT alert_dismissals_member_fk FOREIGN KEY (organisation_id, user_id)
          REFERENCES memberships (organisation_id, user_id),
        ADD CONSTRAINT alert_dismissals_once UNIQUE (organisation_id, user_id, alert_id);

      ALTER TABLE alert_preferences
        ADD CONSTRAINT alert_preferences_member_fk FOREIGN KEY (organisation_id, user_id)
          REFERENCES memberships (organisation_id, user_id),
        ADD CONSTRAINT alert_preferences_once UNIQUE (organisation_id, user_id),
        ADD CONSTRAINT alert_preferences_frequency_known
          CHECK (frequency IN (${sqlList(codesOf(DIGEST_FREQUENCIES))}));

      ALTER TABLE alert_digests
        ADD CONSTRAINT alert_digests_member_fk FOREIGN KEY (organisation_id, user_id)
          REFERENCES memberships (organisation_id, user_id),
        ADD CONSTRAINT alert_digests_once UNIQUE (organisation_id, user_id, frequency, period_start),
        ADD CONSTRAINT alert_digests_frequency_known
          CHECK (frequency IN (${sqlList(codesOf(DIGEST_FREQUENCIES))})),
        ADD CONSTRAINT alert_digests_count_positive CHECK (alert_count > 0);

      CREATE INDEX alert_runs_latest ON alert_runs (organisation_id, created_at);
    `)
  }

  async down() {
    this.schema.dropTableIfExists('alert_runs')
    this.schema.dropTableIfExists('alert_digests')
    this.schema.dropTableIfExists('alert_preferences')
    this.schema.dropTableIfExists('alert_dismissals')
    this.schema.dropTableIfExists('alerts')
  }
}
