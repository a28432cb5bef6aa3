import { LedgerChoices } from '#reports/accounting/fiscal_years'
import { NotFoundError } from '#support/domain_errors'
import type { Tenant } from '#support/request_context'

/**
 * The fiscal year of `?annee=`: the one ending in that calendar year, as the statements read
 * it. A year the organisation has no fiscal year for is a 404 (JSON, French message).
 */
export async function fiscalYearOf(tenant: Tenant, year: number) {
  const { years } = await new LedgerChoices(tenant, {}).build()
  const found = years.find((y) => y.end_date.startsWith(`${year}-`))
  if (!found) {
    throw new NotFoundError(
      `Exercice ${year} introuvable : aucun exercice ne se termine en ${year}.`
    )
  }
  return found
}
