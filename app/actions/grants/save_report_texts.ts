import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import GrantReport from '#models/grants/grant_report'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { assertVersion } from '#support/optimistic_lock'
import type { ReportTextInput } from '#validators/grants'
import { reportPeriod } from '#reports/grants/funder_report'

/** Stores the texts of a convention's execution report for a period (?du=&au=). */
export default class SaveReportTexts {
  static handle(
    _tenant: Tenant,
    input: ReportTextInput & { grantId: number; du?: unknown; au?: unknown },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) => {
      const { grant, from, to } = await reportPeriod(input.grantId, input, t)
      const texts = {
        actionsText: input.actionsText ?? null,
        publicText: input.publicText ?? null,
        principlesText: input.principlesText ?? null,
        publicityText: input.publicityText ?? null,
      }
      const row = await GrantReport.query({ client: t })
        .where('grantId', grant.id)
        .where('periodStart', from)
        .where('periodEnd', to)
        .forUpdate()
        .first()
      if (row) {
        assertVersion(row, input.version)
        row.merge(texts)
        await row.save()
      } else {
        const period = { periodStart: DateTime.fromISO(from), periodEnd: DateTime.fromISO(to) }
        await GrantReport.create({ grantId: grant.id, ...period, ...texts }, { client: t })
      }
      return { from, to }
    })
  }
}
