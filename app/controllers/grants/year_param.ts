import type { HttpContext } from '@adonisjs/core/http'
import { pageYear } from '#http/year_choice'

/** The year posted in `annee` (2000–2100); by default the last closed year. */
export function yearOf(input: unknown) {
  const year = Number(input)
  return Number.isInteger(year) && year >= 2000 && year <= 2100
    ? year
    : new Date().getFullYear() - 1
}

/** The year of a grants page: ?annee=, else the latest year with conventions or receipts. */
export function grantsYear(ctx: HttpContext) {
  return pageYear(ctx, 'grants')
}
