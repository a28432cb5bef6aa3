import { column } from '@adonisjs/lucid/orm'
import { Decimal } from 'decimal.js'

/**
 * Lucid column for PostgreSQL `numeric`: node-pg hands us the exact string, we keep it exact.
 * Writing accepts a Decimal (or a string of digits) and never a JS number.
 */
export function decimalColumn(options: Parameters<typeof column>[0] = {}) {
  return column({
    ...options,
    prepare: (value: Decimal | string | null | undefined) =>
      value === null || value === undefined ? value : new Decimal(value).toFixed(),
    consume: (value: string | null) => (value === null ? null : new Decimal(value)),
  })
}
