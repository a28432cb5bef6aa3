import type { Database } from '@adonisjs/lucid/database'
import { actingAs } from '#support/request_context'
import { seedStatementLayouts } from '#actions/accounting/seed_statement_layouts'
import {
  ensureAccounts,
  insertValidatedEntries,
  journalIds,
  type BulkEntry,
} from '#actions/accounting/bulk_entries'
import { DEMO_ACCOUNTS, prng } from '#database/seeders/accounting_demo_ledger'
import { IncomeStatement, BalanceSheet, balancesQuery } from '#reports/accounting/statements'

const cents = (value: number) =>
  `${Math.floor(value / 100)}.${String(value % 100).padStart(2, '0')}`

/**
 * Compte de résultat + bilan over a 1,000,000-line ledger (BENCH_SCALE shrinks it) against the
 * raw SQL aggregate computing the same sums (balance per fiscal year and account), measured in the
 * same run: read from the figures kept for the ledger's version (target ≤ 0.2x, ADR 12), and
 * recomputed, the first read after a change of the ledger (target ≤ 1.5x).
 */
export default async function (ctx: { db: Database; organisationId: number }) {
  const { db } = ctx
  const scale = Number(process.env.BENCH_SCALE ?? 1)
  const target = Math.max(
    1000,
    Math.round(1_000_000 * (Number.isFinite(scale) && scale > 0 ? scale : 1))
  )
  const [org] = await db
    .table('organisations')
    .insert({
      name: 'Bench états financiers',
      slug: `bench-statements-${process.pid}-${Date.now()}`,
    })
    .returning('id')
  const organisationId = org.id as number
  const accounts = Object.keys(DEMO_ACCOUNTS).filter((n) => !['110', '119', '129'].includes(n))
  const { years } = await db.transaction(async (trx) => {
    await seedStatementLayouts(organisationId, trx)
    await ensureAccounts(trx, organisationId, DEMO_ACCOUNTS)
    await journalIds(trx, organisationId, { OD: 'Opérations diverses' })
    const ids: number[] = []
    for (const year of [2022, 2023]) {
      const [fy] = await trx
        .table('fiscal_years')
        .insert({
          organisation_id: organisationId,
          label: `Exercice ${year}`,
          start_date: `${year}-01-01`,
          end_date: `${year}-12-31`,
        })
        .returning('id')
      ids.push(fy.id)
    }
    return { years: ids }
  })

  const rng = prng(42)
  const generateStart = performance.now()
  let lines = 0
  await actingAs({ organisationId, userId: null, label: 'bench' }, async () => {
    while (lines < target) {
      const batch: BulkEntry[] = []
      for (let i = 0; i < 20_000 && lines < target; i++) {
        const year = lines < target / 2 ? 0 : 1
        const n = 2 + Math.floor(rng() * 4)
        const amounts = Array.from({ length: n - 1 }, () => 100 + Math.floor(rng() * 500_000))
        const total = amounts.reduce((a, b) => a + b, 0)
        const month = 1 + Math.floor(rng() * 12)
        batch.push({
          journalCode: 'OD',
          fiscalYearId: years[year],
          date: `${2022 + year}-${String(month).padStart(2, '0')}-15`,
          label: `Écriture de test ${lines}`,
          lines: [
            ...amounts.map((a) => ({
              accountNumber: accounts[Math.floor(rng() * accounts.length)],
              debit: cents(a),
              credit: '0.00',
            })),
            {
              accountNumber: accounts[Math.floor(rng() * accounts.length)],
              debit: '0.00',
              credit: cents(total),
            },
          ],
        })
        lines += n
      }
      await db.transaction((trx) => insertValidatedEntries(trx, organisationId, batch, 'bench'))
    }
  })
  const generateSeconds = (performance.now() - generateStart) / 1000
  await db.rawQuery('ANALYZE entries; ANALYZE entry_lines')

  /** Best of 3 after a warm-up, in seconds; `timed` when fn returns its own time in ms. */
  const best = async (fn: () => Promise<unknown>, timed = false) => {
    await fn()
    let min = Infinity
    for (let i = 0; i < 3; i++) {
      const start = performance.now()
      const own = await fn()
      min = Math.min(min, timed ? (own as number) : performance.now() - start)
    }
    return min / 1000
  }
  const tenant = { organisationId, userId: null, label: 'bench' }
  const statements = async () => {
    await new IncomeStatement(tenant, { year: 2023 }).build()
    await new BalanceSheet(tenant, { year: 2023 }).build()
  }
  // Read: the statements kept for the ledger's version (one version query each).
  const app = await best(statements)
  // Recomputed: the first read after each change of the ledger (a journal added and removed).
  const recomputed = await best(async () => {
    await db.table('journals').insert({ organisation_id: organisationId, code: 'ZZ', label: 'x' })
    await db.from('journals').where({ organisation_id: organisationId, code: 'ZZ' }).delete()
    const start = performance.now()
    await statements()
    return performance.now() - start
  }, true)
  const raw = await best(async () => {
    await db.rawQuery(balancesQuery('6'), [organisationId, years, '6'] as any)
    await db.rawQuery(balancesQuery(null), [organisationId, years] as any)
  })
  const count = lines.toLocaleString('fr-FR')
  return [
    {
      name: `Compte de résultat + bilan sur ${count} lignes, lus (gardés par version du grand livre) vs agrégat SQL brut ; génération ${generateSeconds.toFixed(1)} s`,
      value: app * 1000,
      baseline: raw * 1000,
      ratio: app / raw,
      unit: 'ms',
      target: 0.2,
    },
    {
      name: `Compte de résultat + bilan sur ${count} lignes, recalculés après un changement du grand livre vs agrégat SQL brut`,
      value: recomputed * 1000,
      baseline: raw * 1000,
      ratio: recomputed / raw,
      unit: 'ms',
      target: 1.5,
    },
  ]
}
