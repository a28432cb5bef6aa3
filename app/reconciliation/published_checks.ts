import { Decimal } from 'decimal.js'
import { moneyOrZero, toMoney, ZERO } from '#support/money'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { ActivityValues, Selector, ValueCell } from '#reports/activity/activity_values'
import { evolution } from '#reports/activity/evolution'
import {
  DETAIL_LABELS,
  DETAIL_PAGES,
  KEY_FIGURE_INDICATORS,
  OUTCOME_LINES,
  PROGRAMME_CODES,
  PUBLIC_TABLES,
  SHARE_TABLES,
} from '#reference/rapport_layout'
import {
  compare,
  formatCount,
  missing,
  type CheckDefinition,
  type CheckResult,
  type DetailLine,
} from '#reconciliation/types'
import { printedLineResult } from '#reconciliation/published_line'
import { publishedColumn, publishedTable } from '#vocabulary/reconciliation'

interface PublishedRow {
  id: number
  table_key: string
  row_key: string
  column_key: string
  value: string | null
  text_value: string | null
  unit: string
}

/** What Socle computes for a printed line: a count, a share or an evolution in %. */
interface Computed {
  value: Decimal | null
  /** Counts must be equal; shares and evolutions are printed rounded to the unit. */
  kind: 'exact' | 'rounded'
  cells: ValueCell[]
  why?: string
}

const none = (why: string): Computed => ({ value: null, kind: 'exact', cells: [], why })

function exact(
  data: ActivityValues,
  indicator: string,
  selector: Selector = {},
  year = data.year
): Computed {
  const cell = data.cell(indicator, selector, year)
  return cell
    ? { value: cell.value, kind: 'exact', cells: [cell] }
    : none('valeur absente de Socle')
}

function evolutionOf(data: ActivityValues, indicator: string, selector: Selector = {}): Computed {
  const current = data.cell(indicator, selector)
  const previous = data.cell(indicator, selector, data.year - 1)
  if (!current || !previous) return none(`valeur ${current ? data.year - 1 : data.year} absente`)
  const ratio = evolution(current.value, previous.value)
  return { value: ratio ? ratio.times(100) : null, kind: 'rounded', cells: [current, previous] }
}

function shareOf(data: ActivityValues, indicator: string, selector: Selector): Computed {
  const part = data.cell(indicator, selector)
  const total = data.cell(indicator)
  if (!part || !total || total.value.isZero()) return none('part ou total absent')
  return { value: part.value.div(total.value).times(100), kind: 'rounded', cells: [part, total] }
}

function territoryCode(data: ActivityValues, name: string, parentName?: string) {
  const parent = parentName
    ? data.territories.find((t) => t.name === parentName && t.parentId === null)
    : null
  return data.territories.find(
    (t) => t.name === name && (parentName ? t.parentId === parent?.id : t.parentId === null)
  )?.code
}

/** Finds what Socle computes for one printed line of the activity tables. */
function resolve(data: ActivityValues, row: PublishedRow): Computed {
  const { table_key: table, row_key: key, column_key: column } = row
  switch (table) {
    case 'key_figures': {
      if (key === 'contacts_per_young_person') {
        const interviews = data.cell('entretiens_individuels_collectifs')
        const young = data.cell('jeunes_accompagnes')
        if (!interviews || !young) return none('entretiens ou jeunes accompagnés absents')
        return {
          value: interviews.value.div(young.value),
          kind: 'rounded',
          cells: [interviews, young],
        }
      }
      if (key === 'plateforme_mobilite_beneficiaires') {
        return exact(data, 'beneficiaires_dispositif', { programme: 'PLATEFORME_MOBILITE' })
      }
      const indicator = KEY_FIGURE_INDICATORS[key]
      return indicator ? exact(data, indicator) : none(`chiffre clé inconnu de Socle : ${key}`)
    }
    case 'public':
      return evolutionOf(data, key)
    case 'territories':
    case 'territory_areas': {
      const [antenna, area] = table === 'territories' ? [key, undefined] : key.split(' / ')
      const code = area ? territoryCode(data, area, antenna) : territoryCode(data, antenna)
      if (!code) return none(`territoire inconnu : ${key}`)
      const indicator = column.startsWith('premiers_accueils')
        ? 'primo_accueillis'
        : 'jeunes_accompagnes'
      return column.endsWith('evolution')
        ? evolutionOf(data, indicator, { territory: code })
        : exact(data, indicator, { territory: code })
    }
    case 'programmes': {
      const code = PROGRAMME_CODES[key] ?? data.programmes.find((p) => p.name === key)?.code
      if (!code) return none(`dispositif inconnu : ${key}`)
      return column === 'evolution'
        ? evolutionOf(data, 'beneficiaires_dispositif', { programme: code })
        : exact(data, 'beneficiaires_dispositif', { programme: code })
    }
    case 'programme_details': {
      const [page, figure] = key.split(' / ')
      const detail = DETAIL_PAGES[page]
      if (!detail) return none(`page de dispositif inconnue : ${page}`)
      return exact(data, 'dispositif_chiffre', {
        programme: detail.code,
        breakdown: 'measure',
        modality: DETAIL_LABELS[figure] ?? figure,
      })
    }
    case 'outcomes': {
      const target = OUTCOME_LINES[key]
      if (!target) return none(`résultat inconnu de Socle : ${key}`)
      const selector = { breakdown: target.breakdown, modality: target.modality }
      return column === 'evolution'
        ? evolutionOf(data, target.indicator, selector)
        : exact(data, target.indicator, selector)
    }
    case 'cdd_interim':
      return exact(data, 'cdd_interim', {}, Number(key))
    default: {
      if (SHARE_TABLES[table]) {
        const indicator = SHARE_TABLES[table]
        const breakdown = data.cells.find(
          (c) => c.indicator === indicator && c.breakdown
        )?.breakdown
        return exact(data, indicator, { breakdown, modality: key })
      }
      const spec = PUBLIC_TABLES[table]
      if (!spec) return none(`tableau inconnu : ${table}`)
      if (key === 'Total général') {
        return column === 'count'
          ? exact(data, spec.indicator)
          : { value: toMoney(100), kind: 'rounded', cells: [] }
      }
      const selector = { breakdown: spec.breakdown, modality: key }
      return column === 'count'
        ? exact(data, spec.indicator, selector)
        : shareOf(data, spec.indicator, selector)
    }
  }
}

function detailLines(cells: ValueCell[]): DetailLine[] {
  return cells.map((cell) => ({
    label: `${cell.year} · ${[cell.indicatorLabel, cell.programmeName, cell.territoryName, cell.modality].filter(Boolean).join(' · ')}`,
    value: cell.value.toNumber(),
    source: cell.importId ? `import n° ${cell.importId}` : (cell.sourceFile ?? cell.source),
    link: { route: 'activity.values', qs: { annee: cell.year, indicateur: cell.indicator } },
  }))
}

function lineResult(row: PublishedRow, computed: Computed): CheckResult {
  // Counts must be equal; shares and evolutions are printed to the unit.
  const precision = computed.kind === 'exact' ? null : 0
  return printedLineResult('activity', row, { ...computed, precision }, () =>
    detailLines(computed.cells)
  )
}

/** Printed shares of a counted table should add up to 100 %, give or take the roundings. */
function printedSharesResult(table: string, rows: PublishedRow[]): CheckResult {
  const checkId = `published.activity:${table}:total_des_pourcentages`
  const parts = rows.filter(
    (r) => r.column_key === 'percent' && r.row_key !== 'Total général' && r.value !== null
  )
  const sum = parts.reduce((s, r) => s.plus(r.value as string), ZERO)
  const tolerance = toMoney(parts.length).times(0.5)
  const { status, difference } = compare(100, sum, tolerance)
  return {
    checkId,
    title: `Publié · ${PUBLIC_TABLES[table]?.label ?? table} : total des pourcentages imprimés`,
    status,
    expected: 100,
    actual: sum,
    difference,
    tolerance,
    unit: 'percent',
    explanation:
      status === 'ok'
        ? null
        : status === 'rounding'
          ? `Les pourcentages imprimés totalisent ${formatCount(sum)} % : chacun est arrondi à l'unité.`
          : `Les pourcentages imprimés totalisent ${formatCount(sum)} %.`,
    details: parts.map((r) => ({
      label: r.row_key,
      value: Number(r.value),
      source: `valeur publiée n° ${r.id}`,
    })),
  }
}

const normalise = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’']/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()

const ROMAN: Record<string, string> = { I: 'i', II: 'ii', III: 'iii', IV: 'iv' }

/** A printed statement line's row in Socle's statement: by label, or by the total's name. */
function statementRow(
  rows: Array<{ label: string; section: string }>,
  key: string,
  side: string | null
) {
  const inSide = side ? rows.filter((r) => r.section === side) : rows
  const wanted = normalise(key)
  const byLabel = inSide.find((r) => normalise(r.label) === wanted)
  if (byLabel) return byLabel
  const total = /^total_(I|II|III|IV)$/.exec(key)
  if (total) return inSide.find((r) => normalise(r.label).startsWith(`total ${ROMAN[total[1]]} `))
  const aliases: Record<string, string> = {
    total_general: 'total general',
    total_charges: 'total des charges',
    total_produits: 'total des produits',
    excedent: 'excedent',
    deficit: 'deficit',
    total_compte_de_resultat: 'total compte de resultat',
    situation_nette: 'situation nette',
    subventions_investissement: 'subventions d investissement',
    produits_constates_d_avance: 'produits constates d avance',
  }
  const alias = aliases[key]
  if (!alias) return undefined
  return (
    inSide.find((r) => normalise(r.label) === alias) ??
    inSide.find((r) => normalise(r.label).startsWith(alias))
  )
}

/** Printed euros are rounded to the euro: equal once rounded is ok, within 1 € is rounding. */
function euroResult(
  row: PublishedRow,
  computed: Decimal | null,
  why: string | null,
  label: string
): CheckResult {
  const checkId = `published.accounting:${row.table_key}:${row.row_key}:${row.column_key}`
  const title = `Publié · ${label} · ${row.row_key} · ${publishedColumn(row.column_key)}`
  if (row.value === null) return missing(checkId, title, 'Valeur publiée non numérique.')
  if (computed === null) return missing(checkId, title, why ?? 'Socle ne calcule pas ce chiffre.')
  const printed = toMoney(row.value)
  const difference = computed.minus(printed)
  const status = computed.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).eq(printed)
    ? 'ok'
    : difference.abs().lte(1)
      ? 'rounding'
      : 'discrepancy'
  return {
    checkId,
    title,
    status,
    expected: printed,
    actual: computed,
    difference,
    tolerance: 1,
    unit: 'eur',
    explanation:
      status === 'ok'
        ? null
        : `Imprimé ${formatCount(printed)} €, calculé ${formatCount(computed)} €${status === 'rounding' ? ' : arrondi à l’euro' : ''}.`,
    details: [
      {
        label: 'Valeur imprimée',
        value: printed.toNumber(),
        source: `valeur publiée n° ${row.id}`,
      },
    ],
  }
}

export const publishedChecks: CheckDefinition[] = [
  {
    id: 'published.activity',
    family: 'published',
    domain: 'activity',
    description:
      "Chaque chiffre imprimé des tableaux d'activité du rapport publié est comparé, ligne à ligne, à ce que Socle calcule (effectifs, parts, évolutions N/N-1).",
    inputs: ['published_values (domaine activity)', 'indicator_values N et N-1'],
    tolerance:
      "Effectifs : aucune. Pourcentages et évolutions imprimés à l'unité : 1 point (arrondi).",
    async run(context) {
      const report = await context.client
        .from('published_reports')
        .where({ organisation_id: context.organisationId, year: context.year })
        .first()
      if (!report) {
        return [
          missing(
            this.id,
            `Rapport publié ${context.year}`,
            `Aucun rapport publié n'est enregistré pour ${context.year}.`
          ),
        ]
      }
      const rows: PublishedRow[] = await context.client
        .from('published_values')
        .where({
          organisation_id: context.organisationId,
          report_id: report.id,
          domain: 'activity',
        })
        .orderBy('position')
      const data = await context.activity()
      const results = rows.map((row) => lineResult(row, resolve(data, row)))
      for (const table of Object.keys(PUBLIC_TABLES)) {
        const tableRows = rows.filter((r) => r.table_key === table)
        if (tableRows.length > 0) results.push(printedSharesResult(table, tableRows))
      }
      return results
    },
  },
  {
    id: 'published.accounting',
    family: 'published',
    domain: 'accounting',
    description:
      'Chaque montant imprimé du compte de résultat et du bilan du rapport publié est comparé, ligne à ligne, aux états que Socle calcule (présentation « rapport annuel »).',
    inputs: [
      'published_values (domaine accounting)',
      'états financiers (IncomeStatement, BalanceSheet, présentation rapport-annuel)',
    ],
    tolerance: "1 € : les montants imprimés sont arrondis à l'euro.",
    async run(context) {
      const report = await context.client
        .from('published_reports')
        .where({ organisation_id: context.organisationId, year: context.year })
        .first()
      const rows: PublishedRow[] = report
        ? await context.client
            .from('published_values')
            .where({
              organisation_id: context.organisationId,
              report_id: report.id,
              domain: 'accounting',
            })
            .orderBy('position')
        : []
      if (rows.length === 0) {
        return [
          missing(
            this.id,
            `Rapport publié ${context.year} : états financiers`,
            `Aucun état financier publié pour ${context.year}.`
          ),
        ]
      }
      if (!(await context.hasTables('statement_layouts', 'statement_lines', 'entry_lines'))) {
        return [
          missing(this.id, 'États financiers', 'Les états financiers ne sont pas encore en place.'),
        ]
      }
      const { IncomeStatement, BalanceSheet } = await import('#reports/accounting/statements')
      const client =
        context.client === db ? undefined : (context.client as TransactionClientContract)
      const params = { year: context.year, layoutCode: 'rapport-annuel' }
      const built = async (kind: 'income' | 'balance') => {
        try {
          return kind === 'income'
            ? await new IncomeStatement(context.tenant, params, client).build()
            : await new BalanceSheet(context.tenant, params, client).build()
        } catch (error) {
          return (error as Error).message
        }
      }
      const income = await built('income')
      const balance = await built('balance')
      return rows.map((row) => {
        const isIncome = row.table_key === 'income_statement'
        const statement = isIncome ? income : balance
        const label = isIncome
          ? 'Compte de résultat'
          : row.table_key === 'balance_sheet.actif'
            ? 'Bilan actif'
            : 'Bilan passif'
        if (typeof statement === 'string' || !statement) {
          return euroResult(
            row,
            null,
            `État non calculé : ${statement ?? 'présentation absente'}.`,
            label
          )
        }
        const side = isIncome ? null : row.table_key.split('.')[1]
        const line = statementRow(statement.rows, row.row_key, side) as
          (typeof statement.rows)[number] | undefined
        if (!line)
          return euroResult(
            row,
            null,
            `Ligne « ${row.row_key} » absente de la présentation de Socle.`,
            label
          )
        const year = String(context.year)
        const previous = String(context.year - 1)
        const column = row.column_key
        const value =
          column === year || column === `net_${year}`
            ? line.current
            : column === previous || column === `net_${previous}`
              ? line.previous
              : column === 'brut'
                ? line.gross
                : column === 'amortissements_provisions'
                  ? line.depreciation
                  : null
        return euroResult(
          row,
          value ? toMoney(value) : null,
          `colonne « ${publishedColumn(column)} » non calculée`,
          label
        )
      })
    },
  },
  {
    id: 'published.accounting_result',
    family: 'published',
    domain: 'accounting',
    description:
      "Dans le rapport publié, le résultat du compte de résultat (excédent ou déficit) égale le résultat de l'exercice porté au passif du bilan.",
    inputs: [
      'published_values : compte de résultat (excédent, déficit) et bilan passif (résultat de l’exercice)',
    ],
    tolerance: "1 € : deux montants arrondis à l'euro séparément.",
    async run(context) {
      const title = `Rapport publié ${context.year} : résultat du compte de résultat = résultat du bilan`
      const rows: PublishedRow[] = await context.client
        .from('published_values as v')
        .join('published_reports as r', 'r.id', 'v.report_id')
        .where({
          'r.organisation_id': context.organisationId,
          'r.year': context.year,
          'v.domain': 'accounting',
        })
        .where('v.column_key', String(context.year))
        .select('v.*')
      const find = (table: string, key: string) =>
        rows.find((r) => r.table_key === table && normalise(r.row_key) === key && r.value !== null)
      const surplus = find('income_statement', 'excedent')
      const deficit = find('income_statement', 'deficit')
      const balance = find('balance_sheet.passif', 'resultat de l exercice')
      if ((!surplus && !deficit) || !balance) {
        return [
          missing(this.id, title, 'Le rapport publié ne donne pas le résultat aux deux endroits.'),
        ]
      }
      const fromIncome = moneyOrZero(surplus?.value).minus(deficit?.value ?? 0)
      const fromBalance = toMoney(balance.value as string)
      const difference = fromBalance.minus(fromIncome)
      const status = difference.isZero()
        ? 'ok'
        : difference.abs().lte(1)
          ? 'rounding'
          : 'discrepancy'
      return [
        {
          checkId: this.id,
          title,
          status,
          expected: fromIncome,
          actual: fromBalance,
          difference,
          tolerance: 1,
          unit: 'eur',
          explanation:
            status === 'ok'
              ? null
              : `Compte de résultat ${formatCount(fromIncome)} €, bilan ${formatCount(fromBalance)} €${status === 'rounding' ? ' : arrondis différents' : ''}.`,
          details: [surplus, deficit, balance]
            .filter((r): r is PublishedRow => !!r)
            .map((r) => ({
              label: `${publishedTable(r.table_key)} · ${r.row_key.replaceAll('_', ' ')}`,
              value: Number(r.value),
              source: `valeur publiée n° ${r.id}`,
            })),
        },
      ]
    },
  },
]
