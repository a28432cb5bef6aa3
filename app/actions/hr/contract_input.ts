import { DateTime } from 'luxon'
import type { ContractInput } from '#actions/hr/register'
import type { ContractPayload } from '#validators/hr'

/** ISO day of a validated date. */
export const isoDay = (d: Date) => DateTime.fromJSDate(d).toISODate()!

/** A validated contract form as the register's input (ISO dates). */
export function contractInput(payload: ContractPayload): ContractInput {
  return {
    ...payload,
    startDate: isoDay(payload.startDate),
    endDate: payload.endDate ? isoDay(payload.endDate) : null,
  }
}
