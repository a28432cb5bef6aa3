import { BaseSchema } from '@adonisjs/lucid/schema'
import { ONE_TIME_LINK_PURPOSES } from '#vocabulary/core'
import { codesOf, sqlList } from '#vocabulary/labels'

/** The purposes of this migration: 'invitation' came with migration 8400. */
const FIRST_PURPOSES = codesOf(ONE_TIME_LINK_PURPOSES).filter((purpose) => purpose !== 'invitation')

/**
 * Starting a real organisation (issue #13):
 * - `organisations.siren` becomes unique (NULL allowed: organisations created before it, tests)
 *   and nine digits when present; the Luhn checksum is checked by the action that creates one.
 * - `one_time_links`: single-use links sent to a user (welcome: choose a first password;
 *   reset: later). Only the SHA-256 of the random token is stored; a link is usable once,
 *   before `expires_at`. A tenant table: its user reference is composite (ADR 8).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(
      'CREATE UNIQUE INDEX organisations_siren_unique ON organisations (siren) WHERE siren IS NOT NULL'
    )
    this.schema.raw(
      "ALTER TABLE organisations ADD CONSTRAINT organisations_siren_digits CHECK (siren ~ '^[0-9]{9}$')"
    )

    this.schema.createTable('one_time_links', (table) => {
      table.increments('id')
      table.integer('organisation_id').notNullable().references('organisations.id')
      table.integer('user_id').notNullable()
      table.string('purpose', 16).notNullable()
      table.string('token_hash', 64).notNullable().index()
      table.timestamp('expires_at', { useTz: true }).notNullable()
      table.timestamp('used_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
    })
    this.schema.raw(`
      ALTER TABLE one_time_links
        ADD CONSTRAINT one_time_links_user_id_foreign FOREIGN KEY (organisation_id, user_id)
          REFERENCES users (organisation_id, id) ON DELETE CASCADE,
        ADD CONSTRAINT one_time_links_purpose_known CHECK (purpose IN (${sqlList(FIRST_PURPOSES)})),
        ADD CONSTRAINT one_time_links_token_hash_hex CHECK (token_hash ~ '^[0-9a-f]{64}$')`)
  }

  async down() {
    this.schema.dropTableIfExists('one_time_links')
    this.schema.raw(
      'ALTER TABLE organisations DROP CONSTRAINT IF EXISTS organisations_siren_digits'
    )
    this.schema.raw('DROP INDEX IF EXISTS organisations_siren_unique')
  }
}
