import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { recordEvent } from '#support/audit'
import { parseEvolution } from '#reports/activity/evolution'

/**
 * A year's published tables, line by line (format documented in docs/imports/rapport-publie.md):
 * domain, table, row, column, numeric value and/or printed text, unit.
 */
export interface PublishedLine {
  domain: string
  table: string
  row: string
  column: string
  value: number | null
  text?: string | null
  unit: 'count' | 'percent' | 'evolution' | 'ratio' | 'eur'
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

/**
 * The statements of the reference file: income statement (N column) and balance sheet (actif:
 * brut, amortissements, net N, net N-1; passif: N, N-1), with their "dont" lines.
 */
function accountingLines(accounts: Record<string, any> | undefined): PublishedLine[] {
  if (!accounts) return []
  const lines: PublishedLine[] = []
  const walk = (table: string, items: any[], columns: string[]) => {
    for (const item of items ?? []) {
      for (const column of columns) {
        if (typeof item[column] === 'number') {
          lines.push({
            domain: 'accounting',
            table,
            row: item.label,
            column,
            value: item[column],
            unit: 'eur',
          })
        }
      }
      if (item.of_which) walk(table, item.of_which, columns)
    }
  }
  const statement = accounts.income_statement
  if (statement) {
    const columns = (statement.columns as string[]).filter((c) => /^\d{4}$/.test(c))
    walk('income_statement', statement.charges, columns)
    walk('income_statement', statement.produits, columns)
    for (const key of [
      'total_charges',
      'excedent',
      'total_produits',
      'deficit',
      'total_compte_de_resultat',
    ]) {
      for (const column of columns) {
        const value = statement[key]?.[column]
        if (typeof value === 'number')
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
  }
  for (const side of ['actif', 'passif']) {
    const part = accounts.balance_sheet?.[side]
    if (!part) continue
    const columns = part.columns as string[]
    for (const [key, content] of Object.entries(part as Record<string, any>)) {
      if (key === 'columns') continue
      if (Array.isArray(content)) walk(`balance_sheet.${side}`, content, columns)
      else {
        for (const column of columns) {
          if (typeof content?.[column] === 'number') {
            lines.push({
              domain: 'accounting',
              table: `balance_sheet.${side}`,
              row: key,
              column,
              value: content[column],
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
export function publishedValuesFromRapport(rapport: Record<string, any>): PublishedLine[] {
  return [
    ...activityLines(rapport),
    ...accountingLines(rapport.accounts),
    ...hrLines(rapport.hr, rapport.organisation?.year),
  ]
}

/** Keeps the printed numbers of the sex split (F, H, total) and of the N-1 total. */
const HR_COUNT_COLUMN = /^(F|H|total|total_\d{4})$/

/**
 * The HR tables of the reference (bilan social and training), rows as printed. Sub-items of a
 * printed line ("coûts annexes" and their detail) become "Parent / detail" rows, so that a
 * printed total can be compared with its printed parts.
 */
function hrLines(hr: Record<string, any> | undefined, year: number | undefined): PublishedLine[] {
  if (!hr) return []
  const lines: PublishedLine[] = []
  const push = (
    table: string,
    row: string,
    column: string,
    value: number | null,
    unit: PublishedLine['unit'],
    text?: string | null
  ) => lines.push({ domain: 'hr', table, row, column, value, unit, text: text ?? null })
  const countTable = (table: string, rows: any[] | undefined, labelKey: string) => {
    for (const item of rows ?? []) {
      for (const [column, value] of Object.entries(item as Record<string, unknown>)) {
        if (typeof value === 'number' && HR_COUNT_COLUMN.test(column))
          push(table, item[labelKey], column, value, 'count')
        else if (column === 'evolution' && typeof value === 'string')
          push(table, item[labelKey], column, percentText(value), 'evolution', value)
      }
    }
  }
  countTable('headcount_by_contract', hr.headcount_by_contract?.rows, 'contract')
  countTable('headcount_by_job_reference', hr.headcount_by_job_reference?.rows, 'job')
  countTable('hires', hr.hires?.rows, 'contract')
  countTable('departures', hr.departures?.rows, 'reason')
  for (const [rowYear, figures] of Object.entries(
    (hr.average_seniority_years ?? {}) as Record<string, Record<string, number>>
  )) {
    for (const [column, value] of Object.entries(figures))
      push('average_seniority_years', rowYear, column, value, 'ratio')
  }
  for (const [band, value] of Object.entries((hr.seniority_bands_percent ?? {}) as object)) {
    if (typeof value === 'number') push('seniority_bands', band, 'percent', value, 'percent')
  }
  if (typeof hr.gender_equality_index?.score === 'number')
    push('gender_equality_index', 'score', 'value', hr.gender_equality_index.score, 'count')

  const training = hr.training ?? {}
  countTable('training.days_by_contract', training.days_by_contract, 'contract')
  countTable('training.days_by_job_reference', training.days_by_job_reference, 'job')
  countTable('training.employees_trained_by_age', training.employees_trained_by_age, 'age')
  const cost = training[`plan_cost_${year}`] ?? training.plan_cost
  for (const [key, value] of Object.entries((cost ?? {}) as Record<string, unknown>)) {
    if (typeof value === 'number') push('training.plan_cost', key, 'value', value, 'eur')
    else if (key.endsWith('_detail') && value && typeof value === 'object') {
      const parent = key.replace(/_detail$/, '')
      for (const [part, amount] of Object.entries(value as Record<string, unknown>))
        if (typeof amount === 'number')
          push('training.plan_cost', `${parent} / ${part}`, 'value', amount, 'eur')
    }
  }
  const refunds = training[`opco_refunds_${year}`] ?? training.opco_refunds
  for (const item of refunds?.rows ?? [])
    push('training.opco_refunds', item.mode, 'amount', item.amount, 'eur')
  if (typeof refunds?.total === 'number')
    push('training.opco_refunds', 'TOTAL', 'amount', refunds.total, 'eur')
  return lines
}

function activityLines(rapport: Record<string, any>): PublishedLine[] {
  const activity = rapport.activity
  const lines: PublishedLine[] = []
  const push = (
    table: string,
    row: string,
    column: string,
    value: number | null,
    unit: PublishedLine['unit'],
    text?: string | null
  ) => lines.push({ domain: 'activity', table, row, column, value, unit, text: text ?? null })
  const evo = (table: string, row: string, column: string, text: string | null | undefined) => {
    if (text !== null && text !== undefined)
      push(table, row, column, percentText(text), 'evolution', text)
  }

  for (const [key, value] of Object.entries(activity.key_figures as Record<string, number>)) {
    push(
      'key_figures',
      key,
      'value',
      value,
      key === 'budget_eur' ? 'eur' : key === 'contacts_per_young_person' ? 'ratio' : 'count'
    )
  }
  evo('public', 'jeunes_accompagnes', 'evolution', activity.public.jeunes_accompagnes_evolution)
  evo('public', 'primo_accueillis', 'evolution', activity.public.primo_accueillis_evolution)
  const shares: Array<[string, Record<string, number>]> = [
    ['contacts_by_channel', activity.contacts_by_channel_percent],
    ['services_by_theme', activity.services_by_theme_percent],
    ['services_by_type', activity.services_by_type_percent],
    ['top_sectors', activity.outcomes.top_sectors_percent],
  ]
  for (const [table, values] of shares) {
    for (const [row, value] of Object.entries(values)) push(table, row, 'percent', value, 'percent')
  }
  for (const t of activity.territories) {
    push('territories', t.antenna, 'jeunes_accompagnes', t.jeunes_accompagnes, 'count')
    evo('territories', t.antenna, 'evolution', t.evolution)
    push('territories', t.antenna, 'premiers_accueils', t.premiers_accueils, 'count')
    evo('territories', t.antenna, 'premiers_accueils_evolution', t.premiers_accueils_evolution)
    for (const [name, count, evolutionText] of t.areas) {
      push('territory_areas', `${t.antenna} / ${name}`, 'jeunes_accompagnes', count, 'count')
      evo('territory_areas', `${t.antenna} / ${name}`, 'evolution', evolutionText)
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
    for (const [row, count, percent] of activity.public[table]) {
      push(table, row, 'count', count, 'count')
      push(table, row, 'percent', percentText(percent), 'percent', percent)
    }
  }
  const out = activity.outcomes
  for (const [key, value] of Object.entries(out as Record<string, unknown>)) {
    if (typeof value === 'number')
      push('outcomes', key.replace(/_evolution$/, ''), 'value', value, 'count')
    else if (typeof value === 'string' && key.endsWith('_evolution'))
      evo('outcomes', key.replace(/_evolution$/, ''), 'evolution', value)
  }
  for (const [year, value] of Object.entries(out.cdd_interim as Record<string, number>)) {
    push('cdd_interim', year, 'value', value, 'count')
  }
  for (const row of activity.programmes.rows) {
    push('programmes', row.name, 'beneficiaries', row.beneficiaries, 'count')
    evo('programmes', row.name, 'evolution', row.evolution)
  }
  for (const [page, figures] of Object.entries(
    activity.programme_details as Record<string, Record<string, number>>
  )) {
    for (const [key, value] of Object.entries(figures))
      push('programme_details', `${page} / ${key}`, 'value', value, 'ratio')
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
      value: line.value,
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

const UNITS = new Set(['count', 'percent', 'evolution', 'ratio', 'eur'])

/**
 * Reads a published report in the JSON format of docs/imports/rapport-publie.md. Returns the
 * document, or the list of French problems (nothing is stored when there is one).
 */
export function parsePublishedJson(
  text: string,
  currentYear: number
): { document?: PublishedDocument; errors: string[] } {
  let raw: any
  try {
    raw = JSON.parse(text)
  } catch {
    return { errors: ['fichier JSON illisible'] }
  }
  const errors: string[] = []
  const year = raw?.year
  if (!Number.isInteger(year) || year < 2000 || year > currentYear)
    errors.push(`année absente ou invalide : ${year}`)
  if (typeof raw?.title !== 'string' || !raw.title.trim()) errors.push('titre (title) manquant')
  if (!Array.isArray(raw?.values) || raw.values.length === 0) errors.push('aucune valeur (values)')
  const values: PublishedLine[] = []
  const seen = new Set<string>()
  for (const [index, line] of (Array.isArray(raw?.values) ? raw.values : []).entries()) {
    const where = `valeur n° ${index + 1}`
    for (const key of ['domain', 'table', 'row', 'column']) {
      if (typeof line?.[key] !== 'string' || !line[key].trim())
        errors.push(`${where} : « ${key} » manquant`)
    }
    if (!UNITS.has(line?.unit)) errors.push(`${where} : unité inconnue « ${line?.unit} »`)
    if (line?.value !== null && line?.value !== undefined && typeof line.value !== 'number')
      errors.push(`${where} : valeur non numérique`)
    if ((line?.value === null || line?.value === undefined) && !line?.text)
      errors.push(`${where} : ni valeur ni texte`)
    const key = [line?.domain, line?.table, line?.row, line?.column].join('|')
    if (seen.has(key)) errors.push(`${where} : ligne en double (${key})`)
    seen.add(key)
    values.push({
      domain: line?.domain,
      table: line?.table,
      row: line?.row,
      column: line?.column,
      value: line?.value ?? null,
      text: line?.text ?? null,
      unit: line?.unit,
    })
  }
  if (errors.length) return { errors }
  return {
    document: { year, title: raw.title, sourceFile: raw.source_file ?? null, values },
    errors,
  }
}
