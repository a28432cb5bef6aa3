import { column } from '@adonisjs/lucid/orm'
import type { Decimal } from 'decimal.js'
import { toMoney } from './money.js'

/**
 * Lucid column for PostgreSQL `numeric`: node-pg hands us the exact string, we keep it exact.
 * Values are read as Money decimals (`toMoney`), so that every computation on them uses the
 * application's Decimal configuration. Writing accepts a Decimal (or a string of digits) and
 * never a JS number.
 */
export function decimalColumn(options: Parameters<typeof column>[0] = {}) {
  return column({
    ...options,
    prepare: (value: Decimal | string | null | undefined) =>
      value === null || value === undefined ? value : toMoney(value).toFixed(),
    consume: (value: string | null) => (value === null ? null : toMoney(value)),
  })
}
