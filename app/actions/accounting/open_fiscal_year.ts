import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import FiscalYear from '#models/accounting/fiscal_year'
import { LedgerError } from '#actions/accounting/errors'
import { underDatabaseRules } from '#support/domain_errors'
import { seedChartOfAccounts } from '#actions/accounting/seed_chart_of_accounts'

export interface NewFiscalYear {
  label: string
  startDate: string
  endDate: string
}

/** Opens a fiscal year (the chart of accounts is seeded with the first one). */
export default class OpenFiscalYear {
  static handle(tenant: Tenant, input: NewFiscalYear, trx?: TransactionClientContract) {
    if (input.endDate < input.startDate)
      throw new LedgerError('La date de fin précède la date de début.')
    return withTransaction(trx, async (t) => {
      await seedChartOfAccounts(tenant.organisationId, t)
      return underDatabaseRules(() =>
        FiscalYear.create(
          {
            organisationId: tenant.organisationId,
            label: input.label,
            startDate: input.startDate as never,
            endDate: input.endDate as never,
            status: 'open',
          },
          { client: t }
        )
      )
    })
  }
}
