import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Progressive login backoff per account, for browsers that never logged into it (see
 * app/support/login_throttle.ts): how many attempts failed in a row and when the last one was.
 * A successful login from such a browser deletes the row; rows quiet for a day are purged.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('login_backoffs', (table) => {
      // The e-mail as typed, trimmed and lower-cased: unknown addresses are throttled too.
      table.string('account', 254).primary()
      table.integer('failures').notNullable()
      table.timestamp('last_failed_at', { useTz: true }).notNullable().index()
    })
    this.schema.raw(
      'ALTER TABLE login_backoffs ADD CONSTRAINT login_backoffs_failures_positive CHECK (failures > 0)'
    )
  }

  async down() {
    this.schema.dropTableIfExists('login_backoffs')
  }
}
