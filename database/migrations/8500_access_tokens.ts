import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Personal access tokens of the JSON API (issue #13, `/api/v1`).
 *
 * A token belongs to one user in one organisation: the tenant of every API call it makes. Only
 * the SHA-256 of its secret is stored (`hash`); the value is shown once, when it is created.
 * `roles` are the roles its owner held there when it was created: a call gets the roles the
 * owner holds now AND held then, so a token never gains what its owner gains later. A revoked
 * token keeps its row (`revoked_at`), so the account page can show what was revoked and when.
 * A tenant table: its user reference is composite (ADR 8), deleting the user deletes its tokens;
 * migration 8600 points it at the membership `(organisation_id, user_id)` instead, so a person
 * may hold tokens for each organisation they belong to.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('access_tokens', (table) => {
      table.increments('id')
      table.integer('organisation_id').notNullable().references('organisations.id')
      table.integer('user_id').notNullable()
      table.string('name', 100).notNullable()
      table.string('hash', 64).notNullable()
      table.specificType('roles', 'text[]').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('last_used_at', { useTz: true }).nullable()
      table.timestamp('expires_at', { useTz: true }).nullable()
      table.timestamp('revoked_at', { useTz: true }).nullable()
      table.index(['organisation_id', 'user_id'])
    })
    this.schema.raw(`
      ALTER TABLE access_tokens
        ADD CONSTRAINT access_tokens_user_id_foreign FOREIGN KEY (organisation_id, user_id)
          REFERENCES users (organisation_id, id) ON DELETE CASCADE,
        ADD CONSTRAINT access_tokens_hash_hex CHECK (hash ~ '^[0-9a-f]{64}$'),
        ADD CONSTRAINT access_tokens_roles_given CHECK (cardinality(roles) > 0),
        ADD CONSTRAINT access_tokens_name_given CHECK (length(btrim(name)) > 0)`)
  }

  async down() {
    this.schema.dropTableIfExists('access_tokens')
  }
}
