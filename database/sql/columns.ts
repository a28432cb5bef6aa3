import type { BaseSchema } from '@adonisjs/lucid/schema'

/** The table builder `createTable` hands to its callback. */
export type TableBuilder = Parameters<Parameters<BaseSchema['schema']['createTable']>[1]>[0]

/** The first columns of an organisation's table: its id and the organisation it belongs to. */
export function tenantRow(table: TableBuilder) {
  table.increments('id')
  table.integer('organisation_id').notNullable().references('organisations.id')
}

/** When the row was written. */
export function createdAt(table: TableBuilder, schema: BaseSchema) {
  table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(schema.now())
}

/** The last columns of a row people edit: its version (optimistic lock) and timestamps. */
export function versionStamps(table: TableBuilder, schema: BaseSchema) {
  table.integer('version').notNullable().defaultTo(1)
  createdAt(table, schema)
  table.timestamp('updated_at', { useTz: true }).nullable()
}

/** Who wrote a row that is never edited (a user, kept as a name once the user is gone), and when. */
export function actorStamp(table: TableBuilder, schema: BaseSchema) {
  table.integer('user_id').nullable().references('users.id').onDelete('SET NULL')
  table.string('actor', 200).notNullable()
  createdAt(table, schema)
}
