import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { RawQueryBindings } from '@adonisjs/lucid/types/querybuilder'
import { Decimal } from 'decimal.js'

export type Client = QueryClientContract

export function dec(value: unknown): Decimal {
  return new Decimal(value === null || value === undefined ? 0 : String(value))
}

export async function rows<T = Record<string, any>>(
  sql: string,
  bindings: Record<string, unknown>,
  client: Client = db.connection()
): Promise<T[]> {
  const result = await client.rawQuery(sql, bindings as RawQueryBindings)
  return result.rows as T[]
}

/** Revenue lines of a convention: its analytic lines on 74x (or on its own revenue account). */
export const REVENUE_LINE = `(l.account_number LIKE '74%' OR (g.revenue_account IS NOT NULL AND l.account_number LIKE g.revenue_account || '%'))`

/** Eligible costs: class 6 except the fonds dédiés charge (689x). */
export const COST_LINE = `(l.account_number LIKE '6%' AND l.account_number NOT LIKE '689%')`
