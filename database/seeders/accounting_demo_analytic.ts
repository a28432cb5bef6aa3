import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Rapport2023 } from '#database/seeders/demo'
import {
  splitByWeights,
  type DemoEntry,
  type DemoLine,
} from '#database/seeders/accounting_demo_ledger'
import { DEMO_FUNDERS, fundersWithAccounts } from '#database/seeders/grants'
import { demoTimePlan } from '#database/seeders/demo_time_plan'

/**
 * Analytic dimensions of the demo ledger (issue #14): the programme and the territory put on
 * the 2023 lines the annual report attributes, before the entries are validated (a validated
 * line never changes). The conventions are not put on the lines: the grants step attributes
 * every revenue, cost, deferral and receivable line to its convention through the allocation
 * overlay (grant_line_allocations), which the analytic filters read.
 *
 * - Staff costs: the pay lines (641x, 645x) of the demo's advisers are split per programme with
 *   their time of the month, from the plan the HR step records in time_allocations
 *   (demo_time_plan.ts): adviser n of the register is the ledger employee S00n; each adviser
 *   works from one antenna.
 * - Direct costs: the supplier invoices of the accounts a programme buys for itself (supplies,
 *   seminars, fees, publicity, travel, receptions) go to the programmes the funders finance and
 *   to an antenna, in turn.
 * - Revenue: each funder's 74x lines carry the first programme the funder finances; Rennes
 *   Métropole's carry its antenna.
 * No amount changes: a split line's parts add up to it to the cent.
 */

/** Charge accounts whose invoices are bought for one programme. */
const DIRECT_ACCOUNTS = new Set(['6064', '6185', '6226', '6231', '6251', '6256', '6257'])

export interface DemoAnalytics {
  /** Per ledger employee of an adviser (S001…): position in the plan, months, programme shares. */
  advisers: Map<
    string,
    { index: number; months: Set<number>; shares: Array<{ programmeId: number; weight: number }> }
  >
  /** Programmes some funder finances, in turn for the direct costs. */
  fundedProgrammes: number[]
  /** Antennas, in turn (weighted by the young people they follow). */
  antennaCycle: number[]
  /** A revenue account (74x) to its funder's first programme and, for a local funder, antenna. */
  revenue: Map<string, { programmeId: number | null; territoryId: number | null }>
}

/** Reads the organisation's programmes, antennas and funder accounts (activity step, chart). */
export async function demoAnalytics(
  trx: TransactionClientContract,
  organisationId: number,
  rapport: Rapport2023
): Promise<DemoAnalytics> {
  const programmes: Array<{ id: number; code: string }> = await trx
    .from('programmes')
    .where('organisation_id', organisationId)
    .orderBy('position')
    .orderBy('id')
    .select('id', 'code')
  const antennas: Array<{ id: number; name: string }> = await trx
    .from('territories')
    .where({ organisation_id: organisationId, kind: 'antenna' })
    .orderBy('position')
    .select('id', 'name')
  const chart = await trx
    .from('accounts')
    .where('organisation_id', organisationId)
    .whereLike('number', '74%')
    .whereRaw('length(number) >= 5')
    .orderBy('number')
    .select('number', 'label')
  const idOf = new Map(programmes.map((p) => [p.code, p.id]))
  const antennaId = new Map(antennas.map((a) => [a.name, a.id]))
  const revenue = new Map<string, { programmeId: number | null; territoryId: number | null }>()
  for (const funder of fundersWithAccounts(chart)) {
    if (!funder.account) continue
    const code = funder.programmes?.find((c) => idOf.has(c))
    revenue.set(funder.account, {
      programmeId: code ? idOf.get(code)! : null,
      territoryId: funder.key === 'rm' ? (antennaId.get('Rennes Métropole') ?? null) : null,
    })
  }
  const funded = new Set(DEMO_FUNDERS.flatMap((f) => f.programmes ?? []))
  const territories: Array<{ antenna: string; jeunes_accompagnes: number }> =
    rapport.activity.territories
  const weights = territories.map((t) => ({
    id: antennaId.get(t.antenna),
    // One turn in the cycle per thousand young people followed, at least one.
    turns: Math.max(1, Math.round(t.jeunes_accompagnes / 1000)),
  }))
  return {
    advisers: new Map(
      demoTimePlan(
        rapport,
        programmes.map((p) => p.code)
      ).map((adviser, index) => [
        adviser.aux,
        {
          index,
          months: new Set(adviser.months),
          shares: adviser.shares.map((s) => ({
            programmeId: idOf.get(s.code)!,
            weight: Number(s.share),
          })),
        },
      ])
    ),
    fundedProgrammes: programmes.filter((p) => funded.has(p.code)).map((p) => p.id),
    antennaCycle: weights.flatMap((w) => (w.id ? Array<number>(w.turns).fill(w.id) : [])),
    revenue,
  }
}

const isPay = (account: string) => account.startsWith('641') || account.startsWith('645')

/** The demo's 2023 entries with programme and territory on the lines the report attributes. */
export function attributeDemoLedger(entries: DemoEntry[], analytics: DemoAnalytics): DemoEntry[] {
  const { advisers, fundedProgrammes, antennaCycle, revenue } = analytics
  const antenna = (n: number) =>
    antennaCycle.length ? antennaCycle[n % antennaCycle.length] : null
  let invoice = 0
  return entries.map((entry) => {
    if (entry.year !== 2023 || entry.journal === 'AN') return entry
    const month = Number(entry.date.slice(5, 7))
    const lines = entry.lines.flatMap((line): DemoLine[] => {
      if (entry.journal === 'SA' && isPay(line.account) && line.aux?.startsWith('S')) {
        const adviser = advisers.get(line.aux)
        if (!adviser?.months.has(month)) return [line]
        const weights = adviser.shares.map((s) => s.weight)
        const debits = splitByWeights(line.debit, weights)
        const credits = splitByWeights(line.credit, weights)
        return adviser.shares
          .map(({ programmeId }, i) => ({
            ...line,
            debit: debits[i],
            credit: credits[i],
            programmeId,
            territoryId: antenna(adviser.index),
          }))
          .filter((part) => part.debit !== 0 || part.credit !== 0)
      }
      if (line.account.startsWith('74')) {
        const dims = revenue.get(line.account)
        return dims ? [{ ...line, ...dims }] : [line]
      }
      if (entry.journal === 'AC' && DIRECT_ACCOUNTS.has(line.account) && fundedProgrammes.length)
        return [
          {
            ...line,
            programmeId: fundedProgrammes[invoice % fundedProgrammes.length],
            territoryId: antenna(invoice),
          },
        ]
      return [line]
    })
    if (entry.journal === 'AC' && entry.lines.some((l) => DIRECT_ACCOUNTS.has(l.account))) invoice++
    return { ...entry, lines }
  })
}
