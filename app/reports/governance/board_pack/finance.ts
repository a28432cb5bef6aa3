import type { Decimal } from 'decimal.js'
import { DateTime } from 'luxon'
import { BalanceSheet, IncomeStatement, type StatementReport } from '#reports/accounting/statements'
import { GrantsDashboard } from '#reports/grants/dashboard'
import { AWAITED_MONTHS, AwaitedFunding } from '#reports/grants/awaited'
import { ReportingDeadlines } from '#reports/grants/deadlines'
import { YearEndPositions } from '#reports/grants/year_end'
import { col } from '#support/spreadsheet/columns'
import { sumMoney } from '#support/money'
import { fiscalYearTitle } from '#support/french_format'
import type { PackBlock, PackRowClass } from '#reports/governance/board_pack/blocks'
import type { PackContext } from '#reports/governance/board_pack/context'

const rowClassOf = (row: StatementReport['rows'][number]): PackRowClass =>
  row.kind === 'heading' || row.kind === 'total' || row.kind === 'subtotal'
    ? row.kind
    : row.ofWhich
      ? 'detail'
      : null

/** A statement's lines beside N-1, as the statements pages lay them out. */
function statementTable(title: string, report: StatementReport): PackBlock {
  const previous = report.previousYear?.label ?? 'N-1'
  return {
    kind: 'table',
    title,
    columns: [
      col.text('Rubrique', 'label', 60),
      col.money(report.fiscalYear.label, 'current'),
      col.money(previous, 'previous'),
    ],
    rows: report.rows.map((row) => ({
      label: row.ofWhich ? `dont ${row.label.replace(/^dont\s+/i, '')}` : row.label,
      current: row.kind === 'heading' ? null : row.current,
      previous: row.kind === 'heading' ? null : row.previous,
    })),
    rowClass: report.rows.map(rowClassOf),
  }
}

const missingYear = (what: string): PackBlock[] => [
  {
    kind: 'text',
    text: `${what} : aucun exercice comptable achevé avant la séance n’est enregistré.`,
  },
]

export async function incomeStatementSection({ tenant, year }: PackContext): Promise<PackBlock[]> {
  if (!year) return missingYear('Compte de résultat')
  const report = await new IncomeStatement(tenant, { fiscalYearId: year.id }).build()
  const line = (code: string) => report.rows.find((row) => row.code === code)
  const figures = [
    ['Total des produits', line('TP')],
    ['Total des charges', line('TC')],
  ] as const
  return [
    {
      kind: 'figures',
      items: [
        ...figures
          .filter(([, row]) => row)
          .map(([label, row]) => ({
            label: `${label} ${report.fiscalYear.label}`,
            value: row!.current,
            type: 'money' as const,
          })),
        {
          label: `Résultat ${report.fiscalYear.label} (excédent + / déficit −)`,
          value: report.result.current,
          type: 'money',
        },
        {
          label: `Résultat ${report.previousYear?.label ?? 'N-1'}`,
          value: report.result.previous,
          type: 'money',
        },
      ],
    },
    statementTable(`Compte de résultat ${report.fiscalYear.label} et N-1`, report),
  ]
}

export async function balanceSheetSection({ tenant, year }: PackContext): Promise<PackBlock[]> {
  if (!year) return missingYear('Bilan')
  const report = await new BalanceSheet(tenant, { fiscalYearId: year.id }).build()
  const totals = BalanceSheet.totals(report)
  return [
    {
      kind: 'figures',
      items: [
        { label: `Total du bilan ${report.fiscalYear.label}`, value: totals.actif, type: 'money' },
        {
          label: `Total du bilan ${report.previousYear?.label ?? 'N-1'}`,
          value: totals.previousActif,
          type: 'money',
        },
      ],
    },
    statementTable(`Bilan au ${fiscalYearEnd(report)} (net) et N-1`, report),
  ]
}

const fiscalYearEnd = (report: StatementReport) =>
  DateTime.fromISO(report.fiscalYear.endDate).toFormat('dd/MM/yyyy')

/**
 * The income statement's totals and subtotals, realised in N against N's budget, with the
 * budget of N+1 beside them (as the board portal and the annual report set them).
 */
export async function budgetSection({ tenant, year }: PackContext): Promise<PackBlock[]> {
  if (!year) return missingYear('Budget et réalisé')
  const own = await new IncomeStatement(tenant, { fiscalYearId: year.id }).build()
  const next = await new IncomeStatement(tenant, {
    fiscalYearId: year.id,
    budgetYear: year.endYear + 1,
  }).build()
  if (!own.budget && !next.budget) {
    return [
      {
        kind: 'text',
        text: `Aucun budget n’est enregistré pour ${fiscalYearTitle(year.label)} ni pour l’exercice suivant.`,
      },
    ]
  }
  const rows = own.rows.filter((row) => row.kind === 'total' || row.kind === 'subtotal')
  const nextBudget = new Map(next.rows.map((row) => [row.code, row.budget]))
  const realised = `Réalisé ${own.fiscalYear.label}`
  return [
    {
      kind: 'table',
      title: [realised, own.budget?.label, next.budget?.label].filter(Boolean).join(', '),
      columns: [
        col.text('Poste', 'label', 44),
        col.money(realised, 'current'),
        ...(own.budget
          ? [col.money(own.budget.label, 'budget'), col.percent('Écart', 'variance')]
          : []),
        ...(next.budget ? [col.money(next.budget.label, 'next')] : []),
      ],
      rows: rows.map((row) => ({
        label: row.label,
        current: row.current,
        budget: row.budget,
        variance: row.variancePercent,
        next: nextBudget.get(row.code) ?? null,
      })),
      rowClass: rows.map(rowClassOf),
    },
  ]
}

const NOT_COUNTED = new Set(['refused', 'cancelled'])

/**
 * Awarded by funder, recognised in N, awaited and overdue at the meeting's day, reports
 * overdue, and the fonds dédiés of N (grants' dashboard, awaited, deadlines and year end).
 */
export async function grantsSection({ tenant, day, year }: PackContext): Promise<PackBlock[]> {
  const [dashboard, awaited, deadlines] = await Promise.all([
    new GrantsDashboard(tenant, { today: day }).build(),
    new AwaitedFunding(tenant, { today: day }).build(),
    new ReportingDeadlines(tenant, { today: day }).build(),
  ])
  const byFunder = new Map<string, { funder: string; count: number; awarded: Decimal[] }>()
  for (const row of dashboard.byFunder.filter((r) => !NOT_COUNTED.has(r.status))) {
    const entry = byFunder.get(row.funder) ?? { funder: row.funder, count: 0, awarded: [] }
    entry.count += row.count
    entry.awarded.push(row.awarded)
    byFunder.set(row.funder, entry)
  }
  const funders = [...byFunder.values()].map((entry) => ({
    funder: entry.funder,
    count: entry.count,
    awarded: sumMoney(entry.awarded),
  }))
  const yearEnd = year ? await new YearEndPositions(tenant, { year: year.endYear }).build() : null
  const blocks: PackBlock[] = [
    {
      kind: 'figures',
      items: [
        {
          label: 'Montant accordé (conventions hors refusées et annulées)',
          value: sumMoney(funders.map((f) => f.awarded)),
          type: 'money',
        },
        ...(yearEnd
          ? [
              {
                label: `Subventions reconnues en produits ${year!.label}`,
                value: yearEnd.totals.recognised,
                type: 'money' as const,
              },
            ]
          : []),
        { label: 'Reste à recevoir sur conventions', value: dashboard.totalAwaited, type: 'money' },
        {
          label: `Versements attendus sous ${AWAITED_MONTHS} mois`,
          value: awaited.awaited.amount,
          type: 'money',
        },
        {
          label: `Versements en retard (${awaited.overdue.count} échéance(s))`,
          value: awaited.overdue.amount,
          type: 'money',
        },
        {
          label: 'Bilans et demandes de solde en retard',
          value: deadlines.overdue.length,
          type: 'integer',
        },
      ],
    },
    {
      kind: 'table',
      title: 'Montants accordés par financeur',
      columns: [
        col.text('Financeur', 'funder', 40),
        col.integer('Conventions', 'count'),
        col.money('Accordé', 'awarded'),
      ],
      rows: funders,
    },
    {
      kind: 'chart',
      title: 'Montants accordés par financeur (€)',
      labels: funders.map((f) => f.funder),
      series: [{ label: 'Accordé', values: funders.map((f) => f.awarded.round().toNumber()) }],
    },
  ]
  if (deadlines.overdue.length) {
    blocks.push({
      kind: 'table',
      title: 'Bilans et demandes de solde en retard',
      columns: [
        col.text('Convention', 'reference', 18),
        col.text('Financeur', 'funder', 28),
        col.text('Échéance', 'label', 30),
        col.date('Date due', 'dueOn'),
        col.integer('Jours de retard', 'daysLate'),
      ],
      rows: deadlines.overdue.map((d) => ({
        reference: d.reference,
        funder: d.funder,
        label: d.label,
        dueOn: d.dueOn,
        daysLate: d.daysLate,
      })),
    })
  }
  if (yearEnd) {
    const totals = yearEnd.totals
    blocks.push({
      kind: 'table',
      title: `Fonds dédiés ${year!.label}`,
      columns: [col.text('Mouvement', 'label', 44), col.money('Montant', 'amount')],
      rows: [
        { label: 'Fonds dédiés à l’ouverture', amount: totals.openingDedicated },
        { label: 'Engagements à réaliser (dotations)', amount: totals.newDedicated },
        { label: 'Reprises (fonds utilisés)', amount: totals.usedDedicated },
        { label: 'Fonds dédiés à la clôture', amount: totals.closingDedicated },
      ],
      rowClass: [null, null, null, 'total'],
    })
  }
  return blocks
}
