import type { Decimal } from 'decimal.js'
import { toMoney, ZERO } from '#support/money'
import BilanSocialReport, {
  SENIORITY_BANDS,
  type BilanSocial,
  type CountRow,
} from '#reports/hr/bilan_social'
import TrainingReportBuilder, { type TrainingReport } from '#reports/hr/training'
import EqualityIndexReport from '#reports/hr/equality_index'
import { RECONCILIATION_SETTINGS } from '#reconciliation/settings'
import {
  compare,
  formatCount,
  missing,
  type CheckContext,
  type CheckDefinition,
  type CheckResult,
} from '#reconciliation/types'
import { printedLineResult } from '#reconciliation/published_line'
import type { PageLink } from '#support/page_link'
import { publishedColumn, publishedTable } from '#vocabulary/reconciliation'

/*
 * Published report, beyond activity and statements: the printed HR tables (bilan social,
 * training, equality index) against what the HR reports compute, and a generic comparison of
 * every printed total with its printed parts.
 */

export interface PublishedRow {
  id: number
  domain: string
  table_key: string
  row_key: string
  column_key: string
  value: string | number | null
  text_value: string | null
  unit: string
}

/** What the HR reports give for a printed line; precision null means it must be equal. */
interface Computed {
  value: Decimal | null
  precision: number | null
  why?: string
  link?: PageLink
}

interface HrFigures {
  bilan: BilanSocial
  training: TrainingReport
  equalityIndex: number | null
}

/** A line of any HR table: the sex split, the N-1 total and, when printed, the evolution. */
interface SplitRow {
  label: string
  F: Decimal | number
  H: Decimal | number
  total: Decimal | number
  previousTotal: Decimal | number | null
  evolution?: Decimal | null
}

const normalise = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’']/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()

const none = (why: string): Computed => ({ value: null, precision: null, why })

/** Decimals printed: from the printed text when there is one ("11.7%"), else from the value. */
function printedDecimals(row: PublishedRow) {
  const source = row.text_value ?? (row.value === null ? '' : String(Number(row.value)))
  const match = /[.,](\d+)/.exec(source)
  return match ? match[1].length : 0
}

const counted = (rows: CountRow[]): SplitRow[] =>
  rows.map((r) => ({
    label: r.label,
    ...r.current,
    previousTotal: r.previousTotal,
    evolution: r.evolution,
  }))

function splitValue(rows: SplitRow[], row: PublishedRow, year: number, link: PageLink): Computed {
  const line = rows.find((r) => normalise(r.label) === normalise(row.row_key))
  if (!line) return none(`ligne « ${row.row_key} » absente du calcul de Socle`)
  const column = row.column_key
  if (column === 'F' || column === 'H' || column === 'total')
    return { value: toMoney(line[column]), precision: null, link }
  if (column === `total_${year - 1}`) {
    return line.previousTotal === null
      ? none(`total ${year - 1} non calculé`)
      : { value: toMoney(line.previousTotal), precision: null, link }
  }
  if (column === 'evolution') {
    if (line.evolution === undefined) return none('évolution non calculée')
    if (line.evolution === null) return none(`aucun effectif en ${year - 1}`)
    return { value: line.evolution.times(100), precision: printedDecimals(row), link }
  }
  return none(`colonne « ${publishedColumn(column)} » non calculée`)
}

/** Bounds in years of a printed seniority band: "moins d'un an", "1/3 ans", "+ de 20 ans"... */
function bandBounds(label: string): [number, number] | null {
  const text = normalise(label)
  const numbers = (text.match(/\d+/g) ?? []).map(Number)
  if (text.startsWith('moins')) return [0, numbers[0] ?? 1]
  if (numbers.length === 0) return null
  if (label.trim().startsWith('+') || text.includes('plus')) return [numbers[0], 1000]
  return [Math.min(...numbers), Math.max(...numbers)]
}

const PLAN_COST_GROUPS: Record<string, keyof TrainingReport['costGroups']> = {
  couts_pedagogiques: 'pedagogique',
  couts_annexes: 'annexes',
  couts_salariaux: 'salaire',
  total: 'total',
}

/** Finds what the HR reports compute for one printed line. */
function resolveHr(figures: HrFigures, row: PublishedRow, year: number): Computed {
  const { bilan, training } = figures
  const bilanLink: PageLink = { route: 'hr.bilan_social', qs: { annee: year } }
  const trainingLink: PageLink = { route: 'hr.training', qs: { annee: year } }
  const key = row.row_key
  switch (row.table_key) {
    case 'headcount_by_contract':
      return splitValue(counted(bilan.headcount), row, year, bilanLink)
    case 'headcount_by_job_reference':
      return splitValue(counted(bilan.jobReferences), row, year, bilanLink)
    case 'hires':
      return splitValue(counted(bilan.hires), row, year, bilanLink)
    case 'departures':
      return splitValue(counted(bilan.departures), row, year, bilanLink)
    case 'average_seniority_years': {
      const averages =
        key === String(year)
          ? bilan.seniority.current
          : key === String(year - 1)
            ? bilan.seniority.previous
            : null
      const value = averages?.[row.column_key as 'F' | 'H' | 'total']
      if (!value)
        return none(`ancienneté moyenne ${key} / ${publishedColumn(row.column_key)} non calculée`)
      return { value, precision: Math.max(printedDecimals(row), 1), link: bilanLink }
    }
    case 'seniority_bands': {
      const bounds = bandBounds(key)
      const index = bounds
        ? SENIORITY_BANDS.findIndex((b) => b.from === bounds[0] && b.to === bounds[1])
        : -1
      if (index < 0) return none(`tranche d'ancienneté « ${key} » inconnue de Socle`)
      return {
        value: bilan.seniorityBands[index].share.times(100),
        precision: printedDecimals(row),
        link: bilanLink,
      }
    }
    case 'gender_equality_index':
      return figures.equalityIndex === null
        ? none("index non calculable sur l'année")
        : {
            value: toMoney(figures.equalityIndex),
            precision: null,
            link: { route: 'hr.equality', qs: { annee: year } },
          }
    case 'training.days_by_contract':
      return splitValue(training.daysByContract, row, year, trainingLink)
    case 'training.days_by_job_reference':
      return splitValue(training.daysByJob, row, year, trainingLink)
    case 'training.employees_trained_by_age':
      return splitValue(training.trainedByAge, row, year, trainingLink)
    case 'training.plan_cost': {
      const [parent, part] = key.split(' / ')
      const amount = part
        ? training.costs.find((c) => c.kind === part)?.amount
        : PLAN_COST_GROUPS[parent]
          ? training.costGroups[PLAN_COST_GROUPS[parent]]
          : undefined
      return amount === undefined
        ? none(`coût « ${key} » inconnu de Socle`)
        : { value: amount, precision: 0, link: trainingLink }
    }
    case 'training.opco_refunds': {
      if (normalise(key) === 'total')
        return { value: training.refundsTotal, precision: 0, link: trainingLink }
      const refund = training.refunds.find((r) => normalise(r.label) === normalise(key))
      return refund
        ? { value: refund.received, precision: 0, link: trainingLink }
        : none(`mode de financement « ${key} » inconnu de Socle`)
    }
    default:
      return none(`tableau inconnu : ${row.table_key}`)
  }
}

/** Compares one printed line: equal, within the last printed digit (rounding), or different. */
export function hrLineResult(row: PublishedRow, computed: Computed): CheckResult {
  return printedLineResult('hr', row, computed, (value) => [
    { label: 'Calculé par Socle', value: value.toNumber(), link: computed.link ?? null },
  ])
}

const isTotal = (label: string) => /^total( general)?$/.test(normalise(label))
const isSubtotal = (label: string) => normalise(label).startsWith('sous total')
const isChild = (label: string) => label.includes(' / ')
const ADDITIVE = new Set(['count', 'eur'])

/**
 * Every printed total against its printed parts, whatever the table (rules of
 * docs/imports/rapport-publie.md): a "Parent / detail" row is a part of its parent row; a
 * "Sous-total" row sums the rows since the previous sub-total; a "TOTAL" row sums the rows
 * that are neither totals nor details; column "total" sums columns F and H; percentages of a
 * table without a total row sum to 100. Euros printed to the euro allow half a euro per
 * figure; counts must be equal.
 */
export function partsVsTotal(rows: PublishedRow[]): CheckResult[] {
  const results: CheckResult[] = []
  const tables = new Map<string, PublishedRow[]>()
  for (const row of rows) {
    const key = `${row.domain}\u0000${row.table_key}`
    if (!tables.has(key)) tables.set(key, [])
    tables.get(key)!.push(row)
  }
  const relation = (
    id: string,
    title: string,
    total: PublishedRow,
    parts: PublishedRow[]
  ): CheckResult => {
    const expected = toMoney(total.value!)
    const actual = parts.reduce((s, p) => s.plus(p.value!), ZERO)
    const tolerance = total.unit === 'eur' ? toMoney(parts.length + 1).times(0.5) : 0
    const { status, difference } = compare(expected, actual, tolerance)
    const unit = total.unit === 'eur' ? ' €' : ''
    return {
      checkId: `published.parts_vs_total:${total.domain}:${total.table_key}:${id}`,
      title,
      status,
      expected,
      actual,
      difference,
      tolerance,
      unit: total.unit,
      explanation:
        status === 'ok'
          ? null
          : `Les ${parts.length} parties imprimées totalisent ${formatCount(actual)}${unit} pour ${formatCount(expected)}${unit} imprimé${status === 'rounding' ? ' : arrondis' : ` (écart ${formatCount(difference)}${unit})`}.`,
      details: [total, ...parts].map((r) => ({
        label: `${r.row_key} · ${publishedColumn(r.column_key)}`,
        value: Number(r.value),
        source: `valeur publiée n° ${r.id}`,
      })),
    }
  }
  for (const tableRows of tables.values()) {
    const table = tableRows[0].table_key
    const numeric = tableRows.filter((r) => r.value !== null)
    const columns = [...new Set(numeric.map((r) => r.column_key))]
    for (const column of columns) {
      const cells = numeric.filter((r) => r.column_key === column)
      if (cells[0] && cells[0].unit === 'percent') {
        if (cells.some((r) => isTotal(r.row_key)) || cells.length < 2) continue
        const sum = cells.reduce((s, r) => s.plus(r.value!), ZERO)
        const tolerance = toMoney(cells.length).times(0.5)
        const { status, difference } = compare(100, sum, tolerance)
        results.push({
          checkId: `published.parts_vs_total:${cells[0].domain}:${table}:${column}:total_des_pourcentages`,
          title: `Publié · ${publishedTable(table)} : total des pourcentages imprimés`,
          status,
          expected: 100,
          actual: sum,
          difference,
          tolerance,
          unit: 'percent',
          explanation:
            status === 'ok'
              ? null
              : `Les pourcentages imprimés totalisent ${formatCount(sum)} %${status === 'rounding' ? " : chacun est arrondi à l'unité" : ''}.`,
          details: cells.map((r) => ({
            label: r.row_key,
            value: Number(r.value),
            source: `valeur publiée n° ${r.id}`,
          })),
        })
        continue
      }
      if (!cells.every((r) => ADDITIVE.has(r.unit))) continue
      for (const parent of cells.filter((r) => !isChild(r.row_key))) {
        const children = cells.filter((r) => r.row_key.startsWith(`${parent.row_key} / `))
        if (children.length > 0)
          results.push(
            relation(
              `${parent.row_key}:${column}:detail`,
              `Publié · ${publishedTable(table)} · ${parent.row_key} (${publishedColumn(column)}) = somme de son détail`,
              parent,
              children
            )
          )
      }
      let pending: PublishedRow[] = []
      const plain: PublishedRow[] = []
      for (const cell of cells) {
        if (isChild(cell.row_key)) continue
        if (isSubtotal(cell.row_key)) {
          if (pending.length)
            results.push(
              relation(
                `${cell.row_key}:${column}`,
                `Publié · ${publishedTable(table)} · ${cell.row_key} (${publishedColumn(column)}) = somme des lignes`,
                cell,
                pending
              )
            )
          pending = []
        } else if (isTotal(cell.row_key)) {
          if (plain.length)
            results.push(
              relation(
                `${cell.row_key}:${column}`,
                `Publié · ${publishedTable(table)} · ${cell.row_key} (${publishedColumn(column)}) = somme des lignes`,
                cell,
                plain
              )
            )
        } else {
          pending.push(cell)
          plain.push(cell)
        }
      }
    }
    // Column "total" = F + H, row by row.
    for (const total of numeric.filter((r) => r.column_key === 'total' && ADDITIVE.has(r.unit))) {
      const parts = numeric.filter(
        (r) => r.row_key === total.row_key && (r.column_key === 'F' || r.column_key === 'H')
      )
      if (parts.length === 2)
        results.push(
          relation(
            `${total.row_key}:F+H`,
            `Publié · ${publishedTable(table)} · ${total.row_key} : total = femmes + hommes`,
            total,
            parts
          )
        )
    }
  }
  return results
}

async function publishedRows(context: CheckContext, domains: string[]) {
  const report = await context.client
    .from('published_reports')
    .where({ organisation_id: context.organisationId, year: context.year })
    .first()
  if (!report) return null
  const rows: PublishedRow[] = await context.client
    .from('published_values')
    .where({ organisation_id: context.organisationId, report_id: report.id })
    .whereIn('domain', domains)
    .orderBy('position')
  return rows
}

export const publishedHrChecks: CheckDefinition[] = [
  {
    id: 'published.hr',
    family: 'published',
    domain: 'hr',
    description:
      "Chaque chiffre imprimé des tableaux RH du rapport publié (effectifs par contrat et par sexe, ancienneté, emplois repères, entrées, sorties, formation, index égalité) est comparé, ligne à ligne, à ce que calculent le bilan social, le rapport de formation et l'index égalité de Socle.",
    inputs: [
      'published_values (domaine hr)',
      'bilan social, rapport de formation, index égalité (rapports RH)',
    ],
    tolerance:
      'Effectifs, jours et index : aucune. Moyennes, parts et évolutions : une unité du dernier chiffre imprimé. Euros : 1 €.',
    async run(context) {
      const title = `Rapport publié ${context.year} : tableaux RH`
      const rows = await publishedRows(context, ['hr'])
      if (!rows || rows.length === 0)
        return [missing(this.id, title, `Aucun tableau RH publié pour ${context.year}.`)]
      const needed = ['contracts', 'employees', 'training_participants', 'training_cost_lines']
      if (!(await context.hasTables(...needed)))
        return [missing(this.id, title, 'Le registre du personnel n’est pas encore en place.')]
      const year = context.year
      const [bilan, training, equality] = await Promise.all([
        new BilanSocialReport(context.tenant, { year }).build(),
        new TrainingReportBuilder(context.tenant, { year }).build(),
        new EqualityIndexReport(context.tenant, {
          from: `${year}-01-01`,
          to: `${year}-12-31`,
        }).build(),
      ])
      const figures = { bilan, training, equalityIndex: equality.index }
      return rows.map((row) => hrLineResult(row, resolveHr(figures, row, year)))
    },
  },
  {
    id: 'published.parts_vs_total',
    family: 'published',
    domain: RECONCILIATION_SETTINGS.publishedPartsDomains.join('+'),
    description:
      'Dans le rapport publié, chaque total imprimé égale la somme de ses parties imprimées (lignes, sous-totaux, détail d’une ligne, femmes + hommes) et les pourcentages d’un tableau totalisent 100 %.',
    inputs: [
      `published_values (domaines ${RECONCILIATION_SETTINGS.publishedPartsDomains.join(', ')})`,
    ],
    tolerance:
      'Effectifs : aucune. Euros arrondis : 0,50 € par chiffre. Pourcentages arrondis : 0,5 point par ligne.',
    async run(context) {
      const rows = await publishedRows(context, RECONCILIATION_SETTINGS.publishedPartsDomains)
      const results = rows ? partsVsTotal(rows) : []
      return results.length
        ? results
        : [
            missing(
              this.id,
              `Rapport publié ${context.year} : totaux et parties`,
              `Aucun tableau publié avec un total pour ${context.year}.`
            ),
          ]
    },
  },
]
