import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Decimal } from 'decimal.js'
import { DateTime } from 'luxon'
import { Money, roundCents, sumMoney, toMoney } from '#support/money'
import { recordEvent } from '#support/audit'

/**
 * The demo conventions' payment schedules (issues #14 and #18), after the conventions and their
 * receipts (`seedGrants`):
 *
 * - 2023: one instalment per receipt, expected some weeks before it was received (each funder
 *   family's usual delay), and the receipt matched to it (grant_receipt_allocations, as the
 *   receipt form writes them): every 2023 instalment is fully paid, so the conventions' awaited
 *   and overdue positions of 2023 and the receivables are unchanged, and each funder has an
 *   observed payment delay for the cash-flow forecast.
 * - 2024: the conventions' 2024 split on each funder family's usual calendar, nothing received
 *   (the demo has no 2024 ledger). What a convention received in 2023 beyond its 2023 revenue
 *   (deferred income) was an advance on 2024: it is deducted, so that the schedule never exceeds
 *   the amount awarded. The FSE+ convention keeps its own calendar (advance, balance after the
 *   control of service done).
 */

interface Calendar {
  /** Days between the expected date and the receipt (the family's usual delay). */
  delay: number
  /** Spread of that delay from one convention to the next (0, 1 or 2 steps more). */
  step: number
  /** 2024 instalments: expected date, kind, share of the 2024 split (the last takes the rest), label. */
  plan: Array<[string, 'advance' | 'instalment' | 'balance', Decimal.Value, string]>
}

const STATE: Calendar = {
  delay: 42,
  step: 7,
  plan: [
    ['2024-04-30', 'advance', '0.5', 'Avance 2024 (50 %)'],
    ['2024-09-30', 'instalment', '0.3', 'Acompte 2024 (30 %)'],
    ['2025-05-31', 'balance', '0.2', 'Solde 2024 après bilan (20 %)'],
  ],
}

const monthly: Calendar['plan'] = Array.from({ length: 12 }, (_, i) => [
  DateTime.fromObject({ year: 2024, month: i + 1 })
    .endOf('month')
    .toISODate()!,
  'instalment',
  toMoney(1).div(12),
  `Aide mensuelle ${String(i + 1).padStart(2, '0')}/2024`,
])

/** A local authority's calendar: a 70 % advance, the balance once the year's report is in. */
function advanceThenBalance(
  payer: Pick<Calendar, 'delay' | 'step'>,
  advanceOn: string,
  balanceOn: string
): Calendar {
  return {
    ...payer,
    plan: [
      [advanceOn, 'advance', '0.7', 'Avance 2024 (70 %)'],
      [balanceOn, 'balance', '0.3', 'Solde 2024 après bilan (30 %)'],
    ],
  }
}

const CALENDARS: Record<string, Calendar> = {
  etat_dreets: STATE,
  pic: { ...STATE, delay: 35 },
  contrat_de_ville: { ...STATE, delay: 56 },
  autre_public: { ...STATE, delay: 28 },
  france_travail: {
    delay: 21,
    step: 5,
    plan: [
      ['2024-03-31', 'instalment', '0.25', 'Versement trimestriel T1 2024'],
      ['2024-06-30', 'instalment', '0.25', 'Versement trimestriel T2 2024'],
      ['2024-09-30', 'instalment', '0.25', 'Versement trimestriel T3 2024'],
      ['2024-12-31', 'balance', '0.25', 'Versement trimestriel T4 2024'],
    ],
  },
  region: advanceThenBalance({ delay: 63, step: 10 }, '2024-05-31', '2025-06-30'),
  departement: advanceThenBalance({ delay: 35, step: 7 }, '2024-03-31', '2025-03-31'),
  metropole: advanceThenBalance({ delay: 30, step: 7 }, '2024-04-30', '2025-04-30'),
  epci: {
    delay: 45,
    step: 7,
    plan: [['2024-06-30', 'balance', '1', 'Subvention annuelle 2024']],
  },
  fse: { delay: 75, step: 14, plan: [] },
  feder: { delay: 90, step: 14, plan: [] },
  contrats_aides: { delay: 12, step: 3, plan: monthly },
}

export async function seedGrantSchedules(org: number, trx: TransactionClientContract) {
  const grants: Array<{
    id: number
    category: string
    period_start: string
    awarded: string
    split_2024: string | null
    first_schedule: number | null
  }> = (
    await trx.rawQuery(
      `SELECT g.id, f.category, g.period_start::text AS period_start, g.amount_awarded AS awarded,
              (SELECT y.amount FROM grant_years y WHERE y.grant_id = g.id AND y.year = 2024) AS split_2024,
              (SELECT s.id FROM grant_payment_schedules s WHERE s.grant_id = g.id
                ORDER BY s.expected_on, s.id LIMIT 1) AS first_schedule
         FROM grants g JOIN funders f ON f.id = g.funder_id
        WHERE g.organisation_id = ?
        ORDER BY g.id`,
      [org]
    )
  ).rows
  const receipts: Array<{ id: number; grant_id: number; received_on: string; amount: string }> = (
    await trx.rawQuery(
      `SELECT id, grant_id, received_on::text AS received_on, amount
         FROM grant_receipts WHERE organisation_id = ? ORDER BY grant_id, received_on, id`,
      [org]
    )
  ).rows

  const schedules: Array<Record<string, unknown>> = []
  // What each receipt pays: an instalment already there (FSE+), or the n-th of `schedules`.
  const matches: Array<{ receipt: number; amount: string; schedule?: number; index?: number }> = []
  for (const [position, grant] of grants.entries()) {
    const calendar = CALENDARS[grant.category]
    if (!calendar) continue
    const own = receipts.filter((r) => r.grant_id === grant.id)
    if (grant.first_schedule !== null) {
      for (const r of own)
        matches.push({ receipt: r.id, amount: r.amount, schedule: grant.first_schedule })
      continue
    }
    const delay = calendar.delay + (position % 3) * calendar.step
    const start = DateTime.fromISO(grant.period_start)
    own.forEach((receipt, index) => {
      const expected = DateTime.fromISO(receipt.received_on).minus({ days: delay })
      const last = index === own.length - 1 && !grant.split_2024
      matches.push({ receipt: receipt.id, amount: receipt.amount, index: schedules.length })
      schedules.push({
        organisation_id: org,
        grant_id: grant.id,
        kind: last ? 'balance' : index === 0 ? 'advance' : 'instalment',
        label: own.length === 1 ? 'Versement 2023' : `Versement 2023 n° ${index + 1}`,
        expected_on: (expected < start ? start : expected).toISODate(),
        amount: receipt.amount,
      })
    })
    if (!grant.split_2024) continue
    const received = sumMoney(own.map((r) => r.amount))
    const total = Money.min(grant.split_2024, toMoney(grant.awarded).minus(received))
    let rest = total
    calendar.plan.forEach(([expectedOn, kind, share, label], index) => {
      const amount = index === calendar.plan.length - 1 ? rest : roundCents(total.times(share))
      rest = rest.minus(amount)
      schedules.push({
        organisation_id: org,
        grant_id: grant.id,
        kind,
        label,
        expected_on: expectedOn,
        amount: amount.toFixed(2),
      })
    })
  }

  const ids: Array<{ id: number }> = await trx
    .table('grant_payment_schedules')
    .multiInsert(schedules)
    .returning('id')
  await trx.table('grant_receipt_allocations').multiInsert(
    matches.map((m) => ({
      organisation_id: org,
      receipt_id: m.receipt,
      schedule_id: m.schedule ?? ids[m.index!].id,
      amount: m.amount,
      source: 'form',
    }))
  )
  await recordEvent({
    domain: 'grants',
    action: 'create',
    subjectType: 'grant_payment_schedules',
    summary: `Démo : ${schedules.length} échéances de versement 2023-2024, ${matches.length} versements rapprochés de leur échéance`,
    organisationId: org,
    trx,
  })
}
