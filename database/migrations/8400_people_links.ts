import { BaseSchema } from '@adonisjs/lucid/schema'
import { ONE_TIME_LINK_PURPOSES } from '#vocabulary/core'
import { codesOf, sqlList } from '#vocabulary/labels'

/**
 * People (issue #13): invitations, password resets, forced password change.
 * - `one_time_links.purpose` also takes 'invitation' (an admin invites a person, 48 h) and
 *   'reset' (a forgotten password, 1 h);
 * - `one_time_links.revoked_at`: a link replaced by a newer one of the same user (an invitation
 *   sent again, a second reset request) is refused, with its own message. At most one live link
 *   per user and purpose;
 * - `users.must_change_password`: set when an admin chooses a user's password; the user is sent
 *   to the password page until they choose their own.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('users', (table) => {
      table.boolean('must_change_password').notNullable().defaultTo(false)
    })
    this.schema.alterTable('one_time_links', (table) => {
      table.timestamp('revoked_at', { useTz: true }).nullable()
    })
    this.schema.raw(`
      ALTER TABLE one_time_links
        DROP CONSTRAINT one_time_links_purpose_known,
        ADD CONSTRAINT one_time_links_purpose_known
          CHECK (purpose IN (${sqlList(codesOf(ONE_TIME_LINK_PURPOSES))})),
        ADD CONSTRAINT one_time_links_used_or_revoked CHECK (used_at IS NULL OR revoked_at IS NULL)`)
    this.schema.raw(`
      CREATE UNIQUE INDEX one_time_links_one_live ON one_time_links (organisation_id, user_id, purpose)
        WHERE used_at IS NULL AND revoked_at IS NULL`)
  }

  async down() {
    this.schema.raw('DROP INDEX IF EXISTS one_time_links_one_live')
    this.schema.raw("DELETE FROM one_time_links WHERE purpose = 'invitation'")
    this.schema.raw(`
      ALTER TABLE one_time_links
        DROP CONSTRAINT IF EXISTS one_time_links_used_or_revoked,
        DROP CONSTRAINT one_time_links_purpose_known,
        ADD CONSTRAINT one_time_links_purpose_known CHECK (purpose IN ('welcome', 'reset'))`)
    this.schema.alterTable('one_time_links', (table) => {
      table.dropColumn('revoked_at')
    })
    this.schema.alterTable('users', (table) => {
      table.dropColumn('must_change_password')
    })
  }
}
