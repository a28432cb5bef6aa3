import { BaseSchema } from '@adonisjs/lucid/schema'
import { ROLES } from '#vocabulary/core'
import { sqlList } from '#vocabulary/labels'

/**
 * Memberships and the network (issue #13, docs/adr/0009-memberships-and-network.md).
 *
 * - `memberships`: a person (a `users` row, the account of their home organisation) belongs to
 *   an organisation with roles there. Backfilled with every user's home organisation; a trigger
 *   keeps the home membership equal to `users.roles` / `users.is_active`, so that every path
 *   that writes users (admin pages, organisation:create, seeders, tests) needs no change. Other
 *   organisations' memberships are written by their admins (AddMember / RemoveMember).
 * - The 22 "who did it" references of tenant tables (`audit_events.user_id`, `entries.created_by`,
 *   ...) pointed at `users (organisation_id, id)`, which only a home organisation satisfies: they
 *   now reference `memberships (organisation_id, user_id)` under the same names, same ON DELETE
 *   behaviour and same comments (ADR 8), so a person acting for a second organisation is
 *   recorded there, and a row still cannot name someone who never belonged to its organisation.
 *   `one_time_links.user_id` keeps pointing at `users`: a link opens an account, not a
 *   membership.
 * - `organisations.is_active` / `deactivated_at`: the instance administrator deactivates an
 *   organisation; its members cannot act for it any more.
 * - `users.is_instance_admin`: the instance administrator's flag (not a role of an organisation).
 * - `network_members`: an organisation (the row's owner, `organisation_id`) is a member of a
 *   network (a regional association, itself an organisation); `sharing_agreed_at` is set by the
 *   member's admin when it agrees that the network reads its consolidated figures.
 * - The roles CHECKs know the 'network' role.
 */

/** The references of tenant tables to the user who acted, as 8000 left them: reviewed list. */
const ACTOR_KEYS = `
access_tokens access_tokens_user_id_foreign
audit_events audit_events_user_id_foreign
budgets budgets_approved_by_foreign
criterion_assessments criterion_assessments_owner_id_foreign
criterion_status_changes criterion_status_changes_user_id_foreign
entries entries_created_by_foreign
entries entries_validated_by_foreign
evidence_files evidence_files_uploaded_by_foreign
evidence_links evidence_links_created_by_foreign
fiscal_year_closings fiscal_year_closings_closed_by_foreign
fiscal_year_closings fiscal_year_closings_reopened_by_foreign
fiscal_years fiscal_years_closed_by_foreign
grant_amendments grant_amendments_user_id_foreign
grant_documents grant_documents_user_id_foreign
grant_events grant_events_user_id_foreign
imports imports_user_id_foreign
indicator_values indicator_values_user_id_foreign
published_reports published_reports_user_id_foreign
reconciliation_runs reconciliation_runs_user_id_foreign
result_allocations result_allocations_posted_by_foreign
strategic_actions strategic_actions_owner_id_foreign
working_group_members working_group_members_user_id_foreign
`
  .trim()
  .split('\n')
  .map((line) => {
    const [child, name] = line.trim().split(/\s+/)
    return { child, name }
  })

const TO_USERS = /REFERENCES users\s*\(organisation_id, id\)/
const TO_MEMBERSHIPS = /REFERENCES memberships\s*\(organisation_id, user_id\)/

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`

interface KeyRow {
  child: string
  name: string
  definition: string
  comment: string | null
}

export default class extends BaseSchema {
  private async actorKeys(): Promise<KeyRow[]> {
    const { rows } = (await this.db.rawQuery(
      `SELECT ch.relname AS child, con.conname AS name, pg_get_constraintdef(con.oid) AS definition,
              obj_description(con.oid, 'pg_constraint') AS comment
         FROM pg_constraint con JOIN pg_class ch ON ch.oid = con.conrelid
        WHERE con.contype = 'f' AND ch.relnamespace = 'public'::regnamespace
          AND con.conname IN (${ACTOR_KEYS.map((key) => quote(key.name)).join(', ')})`
    )) as { rows: KeyRow[] }
    const found = new Map(rows.map((row) => [`${row.child}.${row.name}`, row]))
    const missing = ACTOR_KEYS.filter((key) => !found.has(`${key.child}.${key.name}`))
    if (missing.length > 0) {
      throw new Error(
        `Memberships: foreign keys not found: ${missing.map((k) => `${k.child}.${k.name}`).join(', ')}`
      )
    }
    return ACTOR_KEYS.map((key) => found.get(`${key.child}.${key.name}`)!)
  }

  /** Drops and re-adds a key under its name with another definition, keeping its comment. */
  private rewrite(key: KeyRow, definition: string) {
    this.schema.raw(
      `ALTER TABLE ${key.child} DROP CONSTRAINT ${key.name}, ADD CONSTRAINT ${key.name} ${definition}`
    )
    if (key.comment !== null) {
      this.schema.raw(`COMMENT ON CONSTRAINT ${key.name} ON ${key.child} IS ${quote(key.comment)}`)
    }
  }

  async up() {
    this.schema.alterTable('organisations', (table) => {
      table.boolean('is_active').notNullable().defaultTo(true)
      table.timestamp('deactivated_at', { useTz: true }).nullable()
    })
    this.schema.raw(
      `ALTER TABLE organisations ADD CONSTRAINT organisations_deactivation_dated
         CHECK (is_active OR deactivated_at IS NOT NULL)`
    )

    this.schema.alterTable('users', (table) => {
      table.boolean('is_instance_admin').notNullable().defaultTo(false)
    })
    this.schema.raw(`
      ALTER TABLE users DROP CONSTRAINT users_roles_known,
        ADD CONSTRAINT users_roles_known CHECK (roles <@ ARRAY[${sqlList(ROLES)}]::text[])`)

    this.schema.createTable('memberships', (table) => {
      table.increments('id')
      table.integer('organisation_id').notNullable().references('organisations.id')
      table.integer('user_id').notNullable().references('users.id').onDelete('CASCADE')
      table.specificType('roles', 'text[]').notNullable().defaultTo('{}')
      table.boolean('is_active').notNullable().defaultTo(true)
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).nullable()
      table.unique(['organisation_id', 'user_id'])
      table.index(['user_id'])
    })
    this.schema.raw(
      `ALTER TABLE memberships ADD CONSTRAINT memberships_roles_known
         CHECK (roles <@ ARRAY[${sqlList(ROLES)}]::text[])`
    )
    this.schema.raw(`
      INSERT INTO memberships (organisation_id, user_id, roles, is_active, created_at)
      SELECT organisation_id, id, roles, is_active, created_at FROM users`)

    // The home membership follows the user row, whatever path wrote it.
    this.schema.raw(`
CREATE FUNCTION users_home_membership() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO memberships (organisation_id, user_id, roles, is_active)
  VALUES (NEW.organisation_id, NEW.id, NEW.roles, NEW.is_active)
  ON CONFLICT (organisation_id, user_id) DO UPDATE
    SET roles = EXCLUDED.roles, is_active = EXCLUDED.is_active, updated_at = now()
    WHERE memberships.roles IS DISTINCT FROM EXCLUDED.roles
       OR memberships.is_active IS DISTINCT FROM EXCLUDED.is_active;
  RETURN NULL;
END $$`)
    this.schema.raw(`
CREATE TRIGGER users_home_membership AFTER INSERT OR UPDATE OF organisation_id, roles, is_active
  ON users FOR EACH ROW EXECUTE FUNCTION users_home_membership()`)

    for (const key of await this.actorKeys()) {
      if (!TO_USERS.test(key.definition)) {
        throw new Error(`Memberships: ${key.child}.${key.name} is not composite: ${key.definition}`)
      }
      this.rewrite(
        key,
        key.definition.replace(TO_USERS, 'REFERENCES memberships (organisation_id, user_id)')
      )
    }

    this.schema.createTable('network_members', (table) => {
      table.increments('id')
      // The member organisation: the row is its own (it agrees, or withdraws).
      table.integer('organisation_id').notNullable().references('organisations.id')
      table.integer('network_organisation_id').notNullable().references('organisations.id')
      table.timestamp('sharing_agreed_at', { useTz: true }).nullable()
      table.integer('sharing_agreed_by').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).nullable()
      table.unique(['organisation_id', 'network_organisation_id'])
      table.index(['network_organisation_id'])
    })
    this.schema.raw(`
      ALTER TABLE network_members
        ADD CONSTRAINT network_members_sharing_agreed_by_foreign
          FOREIGN KEY (organisation_id, sharing_agreed_by)
          REFERENCES memberships (organisation_id, user_id) ON DELETE SET NULL (sharing_agreed_by),
        ADD CONSTRAINT network_members_not_itself CHECK (organisation_id <> network_organisation_id)`)
  }

  async down() {
    this.schema.dropTableIfExists('network_members')
    for (const key of await this.actorKeys()) {
      this.rewrite(
        key,
        key.definition.replace(TO_MEMBERSHIPS, 'REFERENCES users (organisation_id, id)')
      )
    }
    this.schema.raw('DROP TRIGGER IF EXISTS users_home_membership ON users')
    this.schema.raw('DROP FUNCTION IF EXISTS users_home_membership()')
    this.schema.dropTableIfExists('memberships')
    this.schema.raw(`UPDATE users SET roles = array_remove(roles, 'network')`)
    this.schema.raw(`
      ALTER TABLE users DROP CONSTRAINT users_roles_known,
        ADD CONSTRAINT users_roles_known CHECK (roles <@ ARRAY[${sqlList(ROLES.filter((role) => role !== 'network'))}]::text[])`)
    this.schema.alterTable('users', (table) => {
      table.dropColumn('is_instance_admin')
    })
    this.schema.raw(
      'ALTER TABLE organisations DROP CONSTRAINT IF EXISTS organisations_deactivation_dated'
    )
    this.schema.alterTable('organisations', (table) => {
      table.dropColumn('deactivated_at')
      table.dropColumn('is_active')
    })
  }
}
