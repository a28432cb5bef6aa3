import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The people an organisation's forms may name (issue #13, ADR 9): its members, whatever their
 * home organisation, with the name of their account. A view over `memberships` (the row's
 * organisation) and `users` (the account, maybe of another organisation), read through the
 * `OrganisationPerson` model, which the tenant scope filters by `organisation_id` like any
 * tenant table: the people pickers and the names of owners, uploaders and group members read it,
 * so a member from elsewhere is listed and named, and a person who never belonged is neither.
 * `is_active`: the membership and the account are both active (who may be chosen now); former
 * members stay readable by their id, so what they did keeps their name.
 * No `id` column: the person's key is `user_id` (what the references of tenant tables hold).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE VIEW organisation_people AS
      SELECT m.organisation_id, m.user_id, u.full_name, (m.is_active AND u.is_active) AS is_active
        FROM memberships m JOIN users u ON u.id = m.user_id`)
  }

  async down() {
    this.schema.raw('DROP VIEW IF EXISTS organisation_people')
  }
}
