import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { recordEvent } from '#support/audit'
import type { Decimal } from 'decimal.js'
import { toMoney } from '#support/money'
import { parseEvolution } from '#reports/activity/evolution'
import { PUBLISHED_UNITS, type PublishedUnit } from '#vocabulary/reconciliation'
import { codesOf } from '#vocabulary/labels'

/**
 * A year's published tables, line by line (format documented in docs/imports/rapport-publie.md):
 * domain, table, row, column, numeric value and/or printed text, unit.
 */
export interface PublishedLine {
  domain: string
  table: string
  row: string
  column: string
  /** A Decimal when read from a file (exact), a number when read from the JSON format. */
  value: Decimal | number | null
  text?: string | null
  unit: PublishedUnit
}

export interface PublishedDocument {
  year: number
  title: string
  sourceFile?: string | null
  values: PublishedLine[]
}

function percentText(text: string | null | undefined): number | null {
  const ratio = parseEvolution(text)
  return ratio === null ? null : ratio.times(100).toNumber()
}

/** A value of a JSON file, read without trusting its shape. */
type Json = string | number | boolean | null | Json[] | { [key: string]: Json }
type JsonObject = { [key: string]: Json }

/** The object at hand, or an empty one when the file has something else there. */
function objectOf(value: Json | undefined): JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {}
}
/** The list at hand, or an empty one. */
function listOf(value: Json | undefined): Json[] {
  return Array.isArray(value) ? value : []
}
function numberOf(value: Json | undefined): number | null {
  return typeof value === 'number' ? value : null
}
function textOf(value: Json | undefined): string | null {
  return typeof value === 'string' ? value : null
}

/**
 * The statements of the reference file: income statement (N column) and balance sheet (actif:
 * brut, amortissements, net N, net N-1; passif: N, N-1), with their "dont" lines.
 */
function accountingLines(accounts: JsonObject): PublishedLine[] {
  const lines: PublishedLine[] = []
  const walk = (table: string, items: Json | undefined, columns: string[]) => {
    for (const item of listOf(items).map(objectOf)) {
      for (const column of columns) {
        const value = numberOf(item[column])
        if (value !== null) {
          lines.push({
            domain: 'accounting',
            table,
            row: String(item.label),
            column,
            value,
            unit: 'eur',
          })
        }
      }
      if (item.of_which) walk(table, item.of_which, columns)
    }
  }
  const statement = objectOf(accounts.income_statement)
  const incomeColumns = listOf(statement.columns)
    .map(String)
    .filter((c) => /^\d{4}$/.test(c))
  walk('income_statement', statement.charges, incomeColumns)
  walk('income_statement', statement.produits, incomeColumns)
  for (const key of [
    'total_charges',
    'excedent',
    'total_produits',
    'deficit',
    'total_compte_de_resultat',
  ]) {
    for (const column of incomeColumns) {
      const value = numberOf(objectOf(statement[key])[column])
      if (value !== null)
        lines.push({
          domain: 'accounting',
          table: 'income_statement',
          row: key,
          column,
          value,
          unit: 'eur',
        })
    }
  }
  for (const side of ['actif', 'passif']) {
    const part = objectOf(objectOf(accounts.balance_sheet)[side])
    const columns = listOf(part.columns).map(String)
    for (const [key, content] of Object.entries(part)) {
      if (key === 'columns') continue
      if (Array.isArray(content)) walk(`balance_sheet.${side}`, content, columns)
      else {
        for (const column of columns) {
          const value = numberOf(objectOf(content)[column])
          if (value !== null) {
            lines.push({
              domain: 'accounting',
              table: `balance_sheet.${side}`,
              row: key,
              column,
              value,
              unit: 'eur',
            })
          }
        }
      }
    }
  }
  return lines
}

/**
 * Converts the layout of the reference report file (rapport-2023.json) into published lines:
 * the activity tables, the statements, and the HR and training tables.
 */
export function publishedValuesFromRapport(rapport: JsonObject): PublishedLine[] {
  return [
    ...activityLines(objectOf(rapport.activity)),
    ...accountingLines(objectOf(rapport.accounts)),
    ...hrLines(objectOf(rapport.hr), numberOf(objectOf(rapport.organisation).year)),
  ]
}

/** Keeps the printed numbers of the sex split (F, H, total) and of the N-1 total. */
const HR_COUNT_COLUMN = /^(F|H|total|total_\d{4})$/

/**
 * The HR tables of the reference (bilan social and training), rows as printed. Sub-items of a
 * printed line ("coûts annexes" and their detail) become "Parent / detail" rows, so that a
 * printed total can be compared with its printed parts.
 */
function hrLines(hr: JsonObject, year: number | null): PublishedLine[] {
  const lines: PublishedLine[] = []
  const push = (
    table: string,
    row: string,
    column: string,
    value: number | null,
    unit: PublishedUnit,
    text?: string | null
  ) => lines.push({ domain: 'hr', table, row, column, value, unit, text: text ?? null })
  const countTable = (table: string, rows: Json | undefined, labelKey: string) => {
    for (const item of listOf(rows).map(objectOf)) {
      const label = String(item[labelKey])
      for (const [column, value] of Object.entries(item)) {
        if (typeof value === 'number' && HR_COUNT_COLUMN.test(column))
          push(table, label, column, value, 'count')
        else if (column === 'evolution' && typeof value === 'string')
          push(table, label, column, percentText(value), 'evolution', value)
      }
    }
  }
  const rowsOf = (key: string) => objectOf(hr[key]).rows
  countTable('headcount_by_contract', rowsOf('headcount_by_contract'), 'contract')
  countTable('headcount_by_job_reference', rowsOf('headcount_by_job_reference'), 'job')
  countTable('hires', rowsOf('hires'), 'contract')
  countTable('departures', rowsOf('departures'), 'reason')
  for (const [rowYear, figures] of Object.entries(objectOf(hr.average_seniority_years))) {
    for (const [column, value] of Object.entries(objectOf(figures)))
      push('average_seniority_years', rowYear, column, numberOf(value), 'ratio')
  }
  for (const [band, value] of Object.entries(objectOf(hr.seniority_bands_percent))) {
    if (typeof value === 'number') push('seniority_bands', band, 'percent', value, 'percent')
  }
  const equalityScore = numberOf(objectOf(hr.gender_equality_index).score)
  if (equalityScore !== null)
    push('gender_equality_index', 'score', 'value', equalityScore, 'count')

  const training = objectOf(hr.training)
  countTable('training.days_by_contract', training.days_by_contract, 'contract')
  countTable('training.days_by_job_reference', training.days_by_job_reference, 'job')
  countTable('training.employees_trained_by_age', training.employees_trained_by_age, 'age')
  const cost = objectOf(training[`plan_cost_${year}`] ?? training.plan_cost)
  for (const [key, value] of Object.entries(cost)) {
    if (typeof value === 'number') push('training.plan_cost', key, 'value', value, 'eur')
    else if (key.endsWith('_detail') && value && typeof value === 'object') {
      const parent = key.replace(/_detail$/, '')
      for (const [part, amount] of Object.entries(objectOf(value)))
        if (typeof amount === 'number')
          push('training.plan_cost', `${parent} / ${part}`, 'value', amount, 'eur')
    }
  }
  const refunds = objectOf(training[`opco_refunds_${year}`] ?? training.opco_refunds)
  for (const item of listOf(refunds.rows).map(objectOf))
    push('training.opco_refunds', String(item.mode), 'amount', numberOf(item.amount), 'eur')
  const refundsTotal = numberOf(refunds.total)
  if (refundsTotal !== null) push('training.opco_refunds', 'TOTAL', 'amount', refundsTotal, 'eur')
  return lines
}

function activityLines(activity: JsonObject): PublishedLine[] {
  const lines: PublishedLine[] = []
  const push = (
    table: string,
    row: string,
    column: string,
    value: number | null,
    unit: PublishedUnit,
    text?: string | null
  ) => lines.push({ domain: 'activity', table, row, column, value, unit, text: text ?? null })
  const evo = (table: string, row: string, column: string, text: Json | undefined) => {
    if (typeof text === 'string') push(table, row, column, percentText(text), 'evolution', text)
  }

  for (const [key, value] of Object.entries(objectOf(activity.key_figures))) {
    push(
      'key_figures',
      key,
      'value',
      numberOf(value),
      key === 'budget_eur' ? 'eur' : key === 'contacts_per_young_person' ? 'ratio' : 'count'
    )
  }
  const published = objectOf(activity.public)
  evo('public', 'jeunes_accompagnes', 'evolution', published.jeunes_accompagnes_evolution)
  evo('public', 'primo_accueillis', 'evolution', published.primo_accueillis_evolution)
  const out = objectOf(activity.outcomes)
  const shares: Array<[string, Json | undefined]> = [
    ['contacts_by_channel', activity.contacts_by_channel_percent],
    ['services_by_theme', activity.services_by_theme_percent],
    ['services_by_type', activity.services_by_type_percent],
    ['top_sectors', out.top_sectors_percent],
  ]
  for (const [table, values] of shares) {
    for (const [row, value] of Object.entries(objectOf(values)))
      push(table, row, 'percent', numberOf(value), 'percent')
  }
  for (const t of listOf(activity.territories).map(objectOf)) {
    const antenna = String(t.antenna)
    push('territories', antenna, 'jeunes_accompagnes', numberOf(t.jeunes_accompagnes), 'count')
    evo('territories', antenna, 'evolution', t.evolution)
    push('territories', antenna, 'premiers_accueils', numberOf(t.premiers_accueils), 'count')
    evo('territories', antenna, 'premiers_accueils_evolution', t.premiers_accueils_evolution)
    for (const [name, count, evolutionText] of listOf(t.areas).map(listOf)) {
      const row = `${antenna} / ${name}`
      push('territory_areas', row, 'jeunes_accompagnes', numberOf(count), 'count')
      evo('territory_areas', row, 'evolution', evolutionText)
    }
  }
  const publicTables = [
    'age_of_young_people_supported',
    'age_at_first_welcome',
    'validated_level',
    'attained_level',
    'housing',
    'first_welcome_year',
  ]
  for (const table of publicTables) {
    for (const [row, count, percent] of listOf(published[table]).map(listOf)) {
      push(table, String(row), 'count', numberOf(count), 'count')
      push(table, String(row), 'percent', percentText(textOf(percent)), 'percent', textOf(percent))
    }
  }
  for (const [key, value] of Object.entries(out)) {
    if (typeof value === 'number')
      push('outcomes', key.replace(/_evolution$/, ''), 'value', value, 'count')
    else if (typeof value === 'string' && key.endsWith('_evolution'))
      evo('outcomes', key.replace(/_evolution$/, ''), 'evolution', value)
  }
  for (const [year, value] of Object.entries(objectOf(out.cdd_interim))) {
    push('cdd_interim', year, 'value', numberOf(value), 'count')
  }
  for (const row of listOf(objectOf(activity.programmes).rows).map(objectOf)) {
    push('programmes', String(row.name), 'beneficiaries', numberOf(row.beneficiaries), 'count')
    evo('programmes', String(row.name), 'evolution', row.evolution)
  }
  for (const [page, figures] of Object.entries(objectOf(activity.programme_details))) {
    for (const [key, value] of Object.entries(objectOf(figures)))
      push('programme_details', `${page} / ${key}`, 'value', numberOf(value), 'ratio')
  }
  return lines
}

/**
 * Stores the published tables of a year, in the caller's transaction: the lines of each domain
 * present in the document replace that domain's lines; other domains are kept.
 */
export async function storePublishedReport(
  organisationId: number,
  document: PublishedDocument,
  trx: TransactionClientContract,
  userId: number | null = null
) {
  let report = await trx
    .from('published_reports')
    .where({ organisation_id: organisationId, year: document.year })
    .forUpdate()
    .first()
  if (report) {
    await trx
      .from('published_reports')
      .where('id', report.id)
      .update({
        title: document.title,
        source_file: document.sourceFile ?? null,
        user_id: userId,
        updated_at: new Date(),
        version: report.version + 1,
      })
    const domains = [...new Set(document.values.map((line) => line.domain))]
    await trx
      .from('published_values')
      .where('report_id', report.id)
      .whereIn('domain', domains)
      .delete()
  } else {
    ;[report] = await trx
      .table('published_reports')
      .insert({
        organisation_id: organisationId,
        year: document.year,
        title: document.title,
        source_file: document.sourceFile ?? null,
        user_id: userId,
      })
      .returning(['id'])
  }
  const seen = new Set<string>()
  const rows = []
  for (const [position, line] of document.values.entries()) {
    const key = [line.domain, line.table, line.row, line.column].join('\u0000')
    if (seen.has(key)) continue
    seen.add(key)
    rows.push({
      organisation_id: organisationId,
      report_id: report.id,
      domain: line.domain,
      table_key: line.table,
      row_key: line.row,
      column_key: line.column,
      value: line.value === null ? null : toMoney(line.value).toFixed(),
      text_value: line.text ?? null,
      unit: line.unit,
      position,
    })
  }
  for (let i = 0; i < rows.length; i += 500) {
    await trx.table('published_values').multiInsert(rows.slice(i, i + 500))
  }
  await recordEvent({
    domain: 'reconciliation',
    action: 'import',
    subjectType: 'PublishedReport',
    subjectId: report.id,
    summary: `Rapport publié ${document.year} : ${rows.length} valeurs`,
    organisationId,
    trx,
  })
  return report.id as number
}

const UNITS: ReadonlySet<string> = new Set(codesOf(PUBLISHED_UNITS))
const isUnit = (value: Json | undefined): value is PublishedUnit =>
  typeof value === 'string' && UNITS.has(value)

/**
 * Reads a published report in the JSON format of docs/imports/rapport-publie.md. Returns the
 * document, or the list of French problems (nothing is stored when there is one).
 */
export function parsePublishedJson(
  text: string,
  currentYear: number
): { document?: PublishedDocument; errors: string[] } {
  let parsed: Json
  try {
    parsed = JSON.parse(text)
  } catch {
    return { errors: ['fichier JSON illisible'] }
  }
  const raw = objectOf(parsed)
  const errors: string[] = []
  const year = raw.year
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 2000 || year > currentYear)
    errors.push(`année absente ou invalide : ${year}`)
  const title = textOf(raw.title)
  if (!title?.trim()) errors.push('titre (title) manquant')
  if (!Array.isArray(raw.values) || raw.values.length === 0) errors.push('aucune valeur (values)')
  const values: PublishedLine[] = []
  const seen = new Set<string>()
  for (const [index, line] of listOf(raw.values).map(objectOf).entries()) {
    const where = `valeur n° ${index + 1}`
    const [domain, table, row, column] = (['domain', 'table', 'row', 'column'] as const).map(
      (key) => {
        const value = textOf(line[key])
        if (!value?.trim()) errors.push(`${where} : « ${key} » manquant`)
        return value ?? ''
      }
    )
    const unit = line.unit
    if (!isUnit(unit)) errors.push(`${where} : unité inconnue « ${line.unit} »`)
    const value = line.value ?? null
    if (value !== null && typeof value !== 'number') errors.push(`${where} : valeur non numérique`)
    if (value === null && !line.text) errors.push(`${where} : ni valeur ni texte`)
    const key = [line.domain, line.table, line.row, line.column].join('|')
    if (seen.has(key)) errors.push(`${where} : ligne en double (${key})`)
    seen.add(key)
    if (isUnit(unit))
      values.push({
        domain,
        table,
        row,
        column,
        value: numberOf(value),
        text: textOf(line.text ?? null),
        unit,
      })
  }
  if (errors.length || typeof year !== 'number' || title === null) return { errors }
  return {
    document: { year, title, sourceFile: textOf(raw.source_file ?? null), values },
    errors,
  }
}
