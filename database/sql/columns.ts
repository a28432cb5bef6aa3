import type { BaseSchema } from '@adonisjs/lucid/schema'

/** The table builder `createTable` hands to its callback. */
export type TableBuilder = Parameters<Parameters<BaseSchema['schema']['createTable']>[1]>[0]

/** The first columns of an organisation's table: its id and the organisation it belongs to. */
export function tenantRow(table: TableBuilder) {
  table.increments('id')
  table.integer('organisation_id').notNullable().references('organisations.id')
}

/** The last columns of a row people edit: its version (optimistic lock) and timestamps. */
export function versionStamps(table: TableBuilder, schema: BaseSchema) {
  table.integer('version').notNullable().defaultTo(1)
  table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(schema.now())
  table.timestamp('updated_at', { useTz: true }).nullable()
}
