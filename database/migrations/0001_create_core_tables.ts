import { BaseSchema } from '@adonisjs/lucid/schema'
import { IMPORT_STATUSES, ROLES } from '#vocabulary/core'
import { codesOf, sqlList } from '#vocabulary/labels'

/** The roles of this first schema: 'network' came with migration 8600. */
const FIRST_ROLES = ROLES.filter((role) => role !== 'network')
/** Import statuses of this first schema: 'running' came with migration 1600. */
const FIRST_IMPORT_STATUSES = codesOf(IMPORT_STATUSES).filter((status) => status !== 'running')

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('organisations', (table) => {
      table.increments('id')
      table.string('name', 200).notNullable()
      table.string('legal_name', 200).nullable()
      table.string('siren', 9).nullable()
      table.string('slug', 60).notNullable().unique()
      table.string('timezone', 60).notNullable().defaultTo('Europe/Paris')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).nullable()
    })

    this.schema.createTable('users', (table) => {
      table.increments('id')
      table
        .integer('organisation_id')
        .notNullable()
        .references('organisations.id')
        .onDelete('RESTRICT')
      table.string('full_name', 200).notNullable()
      table.string('email', 254).notNullable()
      table.string('password').notNullable()
      table.specificType('roles', 'text[]').notNullable().defaultTo('{}')
      table.boolean('is_active').notNullable().defaultTo(true)
      // Bumped on password change or deactivation: older sessions end at their next request.
      table.integer('session_version').notNullable().defaultTo(1)
      table.timestamp('last_login_at', { useTz: true }).nullable()
      table.integer('version').notNullable().defaultTo(1)
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).nullable()
    })
    this.schema.raw('CREATE UNIQUE INDEX users_email_unique ON users (lower(email))')
    this.schema.raw(
      `ALTER TABLE users ADD CONSTRAINT users_roles_known CHECK (roles <@ ARRAY[${sqlList(FIRST_ROLES)}]::text[])`
    )

    this.schema.createTable('sessions', (table) => {
      table.string('id').primary()
      table.text('data').notNullable()
      table.string('user_id').nullable().index()
      table.timestamp('expires_at', { useTz: true }).notNullable().index()
    })

    this.schema.createTable('rate_limits', (table) => {
      table.string('key', 255).notNullable().primary()
      table.integer('points', 9).notNullable().defaultTo(0)
      table.bigint('expire').unsigned()
    })

    this.schema.createTable('audit_events', (table) => {
      table.bigIncrements('id')
      table.integer('organisation_id').nullable().references('organisations.id')
      table.integer('user_id').nullable().references('users.id').onDelete('SET NULL')
      table.string('actor', 200).notNullable()
      table.string('domain', 40).notNullable()
      table.string('action', 40).notNullable()
      table.string('subject_type', 80).notNullable()
      table.string('subject_id', 80).nullable()
      table.string('summary', 500).nullable()
      table.jsonb('before').nullable()
      table.jsonb('after').nullable()
      table.string('request_id', 80).nullable()
      table.string('ip', 64).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['organisation_id', 'created_at'])
      table.index(['subject_type', 'subject_id'])
    })

    this.schema.createTable('imports', (table) => {
      table.increments('id')
      table.integer('organisation_id').notNullable().references('organisations.id')
      table.integer('user_id').nullable().references('users.id').onDelete('SET NULL')
      table.string('kind', 60).notNullable()
      table.string('file_name', 255).notNullable()
      table.string('sha256', 64).notNullable()
      table.bigint('size_bytes').notNullable()
      table.string('status', 20).notNullable()
      table.integer('rows_total').notNullable().defaultTo(0)
      table.integer('rows_valid').notNullable().defaultTo(0)
      table.integer('rows_rejected').notNullable().defaultTo(0)
      table.jsonb('errors').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('committed_at', { useTz: true }).nullable()
      table.index(['organisation_id', 'kind', 'sha256'])
    })
    this.schema.raw(
      `ALTER TABLE imports ADD CONSTRAINT imports_status_known CHECK (status IN (${sqlList(FIRST_IMPORT_STATUSES)}))`
    )
  }

  async down() {
    for (const table of [
      'imports',
      'audit_events',
      'rate_limits',
      'sessions',
      'users',
      'organisations',
    ]) {
      this.schema.dropTableIfExists(table)
    }
  }
}
