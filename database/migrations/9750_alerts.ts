import { BaseSchema } from '@adonisjs/lucid/schema'
import { createdAt, tenantRow, versionStamps } from '#database/sql/columns'
import { codeCheck, foreignKey, memberKey, ownKey } from '#database/sql/tenant_keys'
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
      tenantRow(table)
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
      createdAt(table, this)
      table.timestamp('updated_at', { useTz: true }).nullable()
    })
    this.schema.createTable('alert_dismissals', (table) => {
      tenantRow(table)
      table.integer('alert_id').notNullable()
      table.integer('user_id').notNullable()
      createdAt(table, this)
    })
    this.schema.createTable('alert_preferences', (table) => {
      tenantRow(table)
      table.integer('user_id').notNullable()
      table.string('frequency', 10).notNullable()
      versionStamps(table, this)
    })
    this.schema.createTable('alert_digests', (table) => {
      tenantRow(table)
      table.integer('user_id').notNullable()
      table.string('frequency', 10).notNullable()
      table.date('period_start').notNullable()
      table.integer('alert_count').notNullable()
      table.timestamp('sent_at', { useTz: true }).notNullable().defaultTo(this.now())
    })
    this.schema.createTable('alert_runs', (table) => {
      tenantRow(table)
      table.date('today').notNullable()
      table.integer('opened').notNullable()
      table.integer('kept').notNullable()
      table.integer('resolved').notNullable()
      table.integer('digests').notNullable()
      createdAt(table, this)
    })
    this.schema.raw(`
      ALTER TABLE alerts
        ${ownKey('alerts')},
        ADD CONSTRAINT alerts_subject_unique UNIQUE (organisation_id, kind, subject_key),
        ${codeCheck('alerts_kind_known', 'kind', ALERT_KINDS)},
        ADD CONSTRAINT alerts_roles_known CHECK (roles <@ ARRAY[${sqlList(ROLES)}]::text[]),
        ${memberKey('alerts_user_fk', 'user_id')};
      -- The header counter and the list read the open alerts of one organisation.
      CREATE INDEX alerts_open ON alerts (organisation_id, due_on) WHERE resolved_at IS NULL;

      ALTER TABLE alert_dismissals
        ${foreignKey('alert_dismissals_alert_fk', 'alert_id', 'alerts', ' ON DELETE CASCADE')},
        ${memberKey('alert_dismissals_member_fk', 'user_id')},
        ADD CONSTRAINT alert_dismissals_once UNIQUE (organisation_id, user_id, alert_id);

      ALTER TABLE alert_preferences
        ${memberKey('alert_preferences_member_fk', 'user_id')},
        ADD CONSTRAINT alert_preferences_once UNIQUE (organisation_id, user_id),
        ADD CONSTRAINT alert_preferences_frequency_known
          CHECK (frequency IN (${sqlList(codesOf(DIGEST_FREQUENCIES))}));

      ALTER TABLE alert_digests
        ${memberKey('alert_digests_member_fk', 'user_id')},
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
