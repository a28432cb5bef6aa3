import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Decimal } from 'decimal.js'
import IndicatorValue from '#models/activity/indicator_value'
import Indicator from '#models/activity/indicator'
import { recordAudit } from '#support/audit'
import { RuleError } from '#support/domain_errors'
import { lockRow } from '#support/optimistic_lock'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'

/**
 * Corrects one stored indicator value by hand: the value changes, its cell (year, indicator,
 * programme, territory, modality) stays; the row becomes a manual entry by the user. Audited.
 */
export default class CorrectIndicatorValue {
  static handle(
    tenant: Tenant,
    input: { id: number; value: Decimal },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) => {
      const row = await lockRow(IndicatorValue, input.id, t)
      const indicator = await Indicator.findOrFail(row.indicatorId, { client: t })
      const problem = indicator.valueProblem(input.value.toNumber())
      if (problem) throw new RuleError(`Valeur refusée : ${problem}.`, { field: 'value' })
      const before = { value: row.value.toFixed(2), source: row.source, userId: row.userId }
      row.merge({ value: input.value, source: 'manual', userId: tenant.userId })
      await row.save()
      await recordAudit(row, 'activity', 'update', before, {
        value: row.value.toFixed(2),
        source: row.source,
        userId: row.userId,
      })
      return row
    })
  }
}
