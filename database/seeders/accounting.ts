import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Organisation from '#models/core/organisation'
import {
  detailsOf,
  type Rapport2023,
  type ReportLine,
  type ReportStatement,
} from '#database/seeders/demo'
import { ZERO } from '#support/money'
import { recordEvent } from '#support/audit'
import {
  ensureAccounts,
  insertValidatedEntries,
  journalIds,
  type BulkEntry,
} from '#actions/accounting/bulk_entries'
import { seedStatementLayouts } from '#actions/accounting/seed_statement_layouts'
import { seedChartOfAccounts } from '#actions/accounting/seed_chart_of_accounts'
import { closeFiscalYear, postAllocation, saveAllocation } from '#actions/accounting/year_end'
import { DEMO_ASSEMBLIES, seedDemoAssembly } from '#database/seeders/governance'
import {
  buildDemoLedger,
  DEMO_ACCOUNTS,
  DEMO_JOURNALS,
  type DemoEntry,
} from '#database/seeders/accounting_demo_ledger'
import { attributeDemoLedger, demoAnalytics } from '#database/seeders/accounting_demo_analytic'

const cents = (value: number) => {
  const sign = value < 0 ? '-' : ''
  const abs = Math.abs(value)
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/**
 * Budget 2024 of the report, by line of the annual-report layout (leaf lines only). The funder
 * lines (P01 to P05) come from the conventions' 2024 splits (database/seeders/grants.ts).
 */
const BUDGET_LINES: Array<[string, (is: ReportStatement) => number | null]> = [
  ['C01', (is) => find(is.charges, 'Achats')],
  ['C02', (is) => find(is.charges, 'Services extérieurs')],
  ['C03', (is) => find(is.charges, 'Autres services extérieurs')],
  ['C04', (is) => find(is.charges, 'Impôts et taxes')],
  ['C04A', (is) => sub(is.charges, 'Impôts et taxes', 'dont impôts et taxes sur masse salariale')],
  ['C05', (is) => find(is.charges, 'Charges de personnel')],
  ['C06', (is) => find(is.charges, 'Autres charges de gestion courante')],
  [
    'C07A',
    (is) =>
      sub(is.charges, 'Dotations aux amortissements et provisions', 'Dotations aux amortissements'),
  ],
  [
    'C07B',
    (is) => sub(is.charges, 'Dotations aux amortissements et provisions', 'Autres provisions'),
  ],
  [
    'C07C',
    (is) =>
      sub(
        is.charges,
        'Dotations aux amortissements et provisions',
        'Engagements à réaliser (fonds dédiés)'
      ),
  ],
  ['C08', (is) => find(is.charges, 'Charges financières')],
  ['C09', (is) => find(is.charges, 'Charges exceptionnelles')],
  ['P07', (is) => find(is.produits, 'Autres produits')],
  ['P08', (is) => find(is.produits, 'Autres produits de gestion courante')],
  ['P09', (is) => find(is.produits, 'Produits financiers')],
  ['P10', (is) => find(is.produits, 'Produits exceptionnels')],
  ['P11', (is) => find(is.produits, 'Reprises sur amortissements et provisions')],
  ['P12', (is) => find(is.produits, 'Reprise sur fonds dédiés')],
  ['P13', (is) => find(is.produits, 'Transferts de charges')],
]
const item = (list: ReportLine[], label: string) => {
  const found = list.find((x) => x.label === label)
  if (!found) throw new Error(`Ligne absente du rapport : ${label}`)
  return found
}
const find = (list: ReportLine[], label: string) => item(list, label)['2024_budget']
const sub = (list: ReportLine[], parent: string | null, label: string) =>
  (parent === null ? item(list, label) : item(detailsOf(item(list, parent)), label))['2024_budget']

function toBulk(entry: DemoEntry, fiscalYearId: number): BulkEntry {
  return {
    journalCode: entry.journal,
    fiscalYearId,
    date: entry.date,
    label: entry.label,
    pieceRef: entry.pieceRef,
    lines: entry.lines.map((line) => ({
      accountNumber: line.account,
      debit: cents(line.debit),
      credit: cents(line.credit),
      label: line.label ?? entry.label,
      auxNumber: line.aux ?? null,
      auxLabel: line.auxLabel ?? null,
      programmeId: line.programmeId ?? null,
      territoryId: line.territoryId ?? null,
    })),
  }
}

async function ensureFiscalYear(
  trx: TransactionClientContract,
  organisationId: number,
  year: number
) {
  const found = await trx
    .from('fiscal_years')
    .where('organisation_id', organisationId)
    .where('start_date', `${year}-01-01`)
    .first()
  if (found) return found.id as number
  const [row] = await trx
    .table('fiscal_years')
    .insert({
      organisation_id: organisationId,
      label: `Exercice ${year}`,
      start_date: `${year}-01-01`,
      end_date: `${year}-12-31`,
    })
    .returning('id')
  return row.id as number
}

export async function seedAccounting(
  organisation: Organisation,
  rapport: Rapport2023,
  trx: TransactionClientContract
) {
  const organisationId = organisation.id
  await seedStatementLayouts(organisationId, trx)
  // The association chart first, so the demo's sub-accounts attach to their parents by prefix.
  await seedChartOfAccounts(organisationId, trx)
  await ensureAccounts(trx, organisationId, DEMO_ACCOUNTS)
  await journalIds(trx, organisationId, DEMO_JOURNALS)
  const years = new Map<number, number>()
  for (const year of [2022, 2023, 2024])
    years.set(year, await ensureFiscalYear(trx, organisationId, year))

  const built = buildDemoLedger(rapport)
  const ledger = {
    ...built,
    entries: attributeDemoLedger(built.entries, await demoAnalytics(trx, organisationId, rapport)),
  }
  // The general assembly of 20 June 2023 approves 2022 and founds the allocation of its result.
  const decisionDate = DEMO_ASSEMBLIES[2022].day
  const isOpening = (entry: DemoEntry) => entry.year === 2023 && entry.journal === 'AN'
  const isAllocation = (entry: DemoEntry) =>
    entry.year === 2023 && entry.label.startsWith('Affectation du résultat 2022')
  const ordered = ledger.entries
    .map((entry, index) => ({ entry, index }))
    .filter(({ entry }) => !isOpening(entry) && !isAllocation(entry))
    .sort(
      (x, y) =>
        x.entry.date.localeCompare(y.entry.date) ||
        (x.entry.journal === 'AN' ? -1 : y.entry.journal === 'AN' ? 1 : 0) ||
        x.index - y.index
    )
    .map(({ entry }) => toBulk(entry, years.get(entry.year)!))
  const in2022 = ordered.filter((e) => e.fiscalYearId === years.get(2022))
  const before = ordered.filter((e) => e.fiscalYearId === years.get(2023) && e.date < decisionDate)
  const after = ordered.filter((e) => e.fiscalYearId === years.get(2023) && e.date >= decisionDate)

  await insertValidatedEntries(trx, organisationId, in2022, 'démonstration 2022')
  // Closing 2022 generates the à-nouveaux of 2023 (result on 129 until the allocation).
  await closeFiscalYear(
    trx,
    organisationId,
    years.get(2022)!,
    null,
    new Date('2023-03-31T16:00:00Z')
  )
  await insertValidatedEntries(trx, organisationId, before, 'démonstration 2023')
  await saveAllocation(trx, organisationId, years.get(2022)!, {
    resolutionId: await seedDemoAssembly(2022, years.get(2022)!, trx),
    toReserves: ZERO,
  })
  await postAllocation(
    trx,
    organisationId,
    years.get(2022)!,
    null,
    new Date('2023-06-20T18:00:00Z')
  )
  await insertValidatedEntries(trx, organisationId, after, 'démonstration 2023')

  // Budget 2024 (initial, approved) on the annual-report layout.
  const layout = await trx
    .from('statement_layouts')
    .where({ organisation_id: organisationId, code: 'rapport-annuel', kind: 'income_statement' })
    .first()
  const lines = await trx.from('statement_lines').where('layout_id', layout.id).select('id', 'code')
  const lineIds = new Map<string, number>(
    lines.map((r: { code: string; id: number }) => [r.code, r.id])
  )
  const [budget] = await trx
    .table('budgets')
    .insert({
      organisation_id: organisationId,
      fiscal_year_id: years.get(2024)!,
      layout_id: layout.id,
      version_kind: 'initial',
      label: 'Budget prévisionnel 2024',
      status: 'approved',
      approved_at: new Date('2023-12-12T18:00:00Z'),
    })
    .returning('id')
  const budgetRows = BUDGET_LINES.map(([code, pick]) => ({
    code,
    amount: pick(rapport.accounts.income_statement),
  }))
    .filter((row) => row.amount !== null)
    .map((row) => ({
      organisation_id: organisationId,
      budget_id: budget.id,
      statement_line_id: lineIds.get(row.code)!,
      amount: String(row.amount),
    }))
  await trx.table('budget_lines').multiInsert(budgetRows)
  await recordEvent({
    domain: 'accounting',
    action: 'create',
    subjectType: 'budgets',
    subjectId: budget.id,
    summary: 'Budget prévisionnel 2024 (démo)',
    organisationId,
    trx,
  })
}
