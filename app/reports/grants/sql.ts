import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { RawQueryBindings } from '@adonisjs/lucid/types/querybuilder'
import type { Decimal } from 'decimal.js'
import { DateTime, type DurationLike } from 'luxon'
import { moneyOrZero, type MoneyInput } from '#support/money'

export type Client = QueryClientContract

export function dec(value: unknown): Decimal {
  return moneyOrZero(value as MoneyInput | null | undefined)
}

/** The rows of a query, typed by the caller after its SELECT (node-pg: numeric as text). */
export async function rows<T>(
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

/** A day (ISO date) and the day `ahead` of it: `today`, or today in Paris by default. */
export function dayAndHorizon(today: DateTime | undefined, ahead: DurationLike) {
  const day = (today ?? DateTime.now().setZone('Europe/Paris')).toISODate()!
  return { day, horizon: DateTime.fromISO(day).plus(ahead).toISODate()! }
}
