import { Decimal } from 'decimal.js'
import { toMoney, type MoneyInput, ZERO } from '#support/money'
import type { ColumnSpec } from '#support/spreadsheet/writer'
import {
  ActivityValuesReport,
  type ActivityValues,
  type ValueCell,
} from '#reports/activity/activity_values'
import { ActivityYear } from '#reports/activity/activity_year'
import { evolution } from '#reports/activity/evolution'
import { Report } from '#support/report'
import { StaffAndBudgetFigures, type StaffAndBudget } from '#reports/activity/staff_and_budget'
import { yearName } from '#reports/accounting/allocation_resolutions'
import { PROGRAMME_LEVELS } from '#vocabulary/activity'
import { labelOf } from '#vocabulary/labels'

export type Cell = string | number | Decimal | boolean | null

export interface KeyTable {
  key: string
  title: string
  columns: ColumnSpec[]
  rows: Array<Record<string, Cell>>
  /** Index of rows shown as total / area (indented) lines. */
  rowClass?: Array<'total' | 'subtotal' | 'area' | null>
  chart?: {
    type: 'bar' | 'doughnut'
    labelKey: string
    valueKey: string
    label: string
    /** A second series: the same figure of year N-1 (drawn grey and hatched). */
    previousKey?: string
    previousLabel?: string
  }
  note?: string
}

export interface KeyFiguresReport {
  year: number
  empty: boolean
  cards: Array<{ label: string; value: Decimal | null; unit: string; evolution: Decimal | null }>
  tables: KeyTable[]
}

const text = (key: string, header: string, width = 40): ColumnSpec => ({
  key,
  header,
  type: 'text',
  width,
})
const int = (key: string, header: string): ColumnSpec => ({ key, header, type: 'integer' })
const pct = (key: string, header: string, decimals = 0): ColumnSpec => ({
  key,
  header,
  type: 'percent',
  decimals,
})

const share = (part: Decimal | null, total: Decimal | null) =>
  part && total && !total.isZero() ? part.div(total) : null

/**
 * The "chiffres clés" of a year (the latest year with values by default), computed from the
 * stored indicator values: shares and evolutions N/N-1 are derived here, never stored.
 */
export class KeyFigures extends Report<{ year?: number }, KeyFiguresReport> {
  async build() {
    const year = await new ActivityYear(this.tenant, { year: this.params.year }).build()
    const [values, staffAndBudget] = await Promise.all([
      new ActivityValuesReport(this.tenant, { year }).build(),
      new StaffAndBudgetFigures(this.tenant, { year }).build(),
    ])
    return keyFigures(values, staffAndBudget)
  }
}

/**
 * « Salariés » and « budget » come from the register and the ledger (#reports/activity/
 * staff_and_budget), never from typed indicator values: a card for each, when there is a register
 * or a fiscal year to read.
 */
function registerAndLedgerCards({ year, staff, budget }: StaffAndBudget) {
  const cards: KeyFiguresReport['cards'] = []
  if (staff) {
    cards.push({
      label: `Salariés au 31/12/${year} (registre du personnel)`,
      value: toMoney(staff.headcount),
      unit: 'count',
      evolution: evolution(toMoney(staff.headcount), toMoney(staff.previousHeadcount)),
    })
    cards.push({
      label: `Équivalents temps plein au 31/12/${year}`,
      value: staff.fte,
      unit: 'fte',
      evolution: evolution(staff.fte, staff.previousFte),
    })
  }
  if (budget) {
    cards.push({
      label: `Budget : total des charges de l’exercice ${yearName(budget.fiscalYear)} (comptabilité)`,
      value: budget.charges,
      unit: 'eur',
      evolution: evolution(budget.charges, budget.previousCharges),
    })
  }
  return cards
}

function keyFigures(data: ActivityValues, staffAndBudget: StaffAndBudget): KeyFiguresReport {
  const year = data.year
  const n = (indicator: string, selector = {}) => data.value(indicator, selector)
  const p = (indicator: string, selector = {}) => data.value(indicator, selector, year - 1)
  const evo = (indicator: string, selector = {}) =>
    evolution(n(indicator, selector), p(indicator, selector))

  const cardOf = (indicator: string, label: string, unit = 'count') => ({
    label,
    value: n(indicator),
    unit,
    evolution: evo(indicator),
  })
  const interviews = n('entretiens_individuels_collectifs')
  const young = n('jeunes_accompagnes')
  const cards = [
    cardOf('jeunes_accompagnes', 'Jeunes accompagnés'),
    cardOf('primo_accueillis', 'Primo-accueillis'),
    cardOf('contacts_jeunes', 'Contacts jeunes'),
    cardOf('entretiens_individuels', 'Dont entretiens individuels'),
    cardOf('entretiens_individuels_collectifs', 'Entretiens individuels et collectifs'),
    {
      label: 'Entretiens par jeune accompagné',
      value:
        interviews && young && !young.isZero() ? interviews.div(young).toDecimalPlaces(1) : null,
      unit: 'ratio',
      evolution: null,
    },
    cardOf('jeunes_dispositif_renforce', 'Jeunes accompagnés dans un dispositif renforcé'),
    cardOf('services_proposes', 'Services proposés'),
    cardOf('points_accueil', "Points d'accueil"),
    ...registerAndLedgerCards(staffAndBudget),
    cardOf('entreprises_en_contact', 'Entreprises en contact'),
    cardOf('visites_exploratoire', "Visites de l'Exploratoire"),
    cardOf('gpect_structures_partenaires', 'GPECT : structures partenaires'),
    cardOf('gpect_entreprises', 'GPECT : entreprises'),
    cardOf('gpect_personnes_evenements', 'GPECT : personnes touchées'),
  ].filter((card) => card.value !== null)

  const tables: KeyTable[] = []
  const shareTable = (
    key: string,
    title: string,
    indicator: string,
    breakdown: string,
    header: string
  ) => {
    const rows = data
      .modalities(indicator, breakdown)
      .map((c) => ({ label: c.modality, share: c.value.div(100) }))
    if (rows.length === 0) return
    tables.push({
      key,
      title,
      columns: [text('label', header), pct('share', 'Part')],
      rows,
      chart: { type: 'bar', labelKey: 'label', valueKey: 'share', label: 'Part (%)' },
    })
  }
  shareTable('contacts-canal', 'Contacts par canal', 'part_contacts_canal', 'channel', 'Canal')
  shareTable(
    'services-theme',
    'Services proposés par thème',
    'part_services_theme',
    'theme',
    'Thème'
  )
  shareTable(
    'services-type',
    'Types de service',
    'part_services_type',
    'service_type',
    'Type de service'
  )

  // Territories: each antenna followed by its areas.
  const territoryRows: Array<Record<string, Cell>> = []
  const territoryClass: KeyTable['rowClass'] = []
  for (const antenna of data.antennas()) {
    const sel = { territory: antenna.code }
    if (n('jeunes_accompagnes', sel) === null && n('primo_accueillis', sel) === null) continue
    territoryRows.push({
      label: antenna.name,
      young: n('jeunes_accompagnes', sel),
      youngEvolution: evo('jeunes_accompagnes', sel),
      first: n('primo_accueillis', sel),
      firstEvolution: evo('primo_accueillis', sel),
    })
    territoryClass.push('subtotal')
    for (const area of data.areasOf(antenna)) {
      const areaSel = { territory: area.code }
      if (n('jeunes_accompagnes', areaSel) === null) continue
      territoryRows.push({
        label: area.name,
        young: n('jeunes_accompagnes', areaSel),
        youngEvolution: evo('jeunes_accompagnes', areaSel),
        first: n('primo_accueillis', areaSel),
        firstEvolution: evo('primo_accueillis', areaSel),
      })
      territoryClass.push('area')
    }
  }
  if (territoryRows.length) {
    tables.push({
      key: 'territoires',
      title: 'Jeunes accompagnés et premiers accueils par territoire',
      columns: [
        text('label', 'Territoire'),
        int('young', `Jeunes accompagnés ${year}`),
        pct('youngEvolution', `Évolution ${year - 1}-${year}`),
        int('first', `Premiers accueils ${year}`),
        pct('firstEvolution', `Évolution ${year - 1}-${year}`),
      ],
      rows: territoryRows,
      rowClass: territoryClass,
      note: 'Évolutions calculées à partir des valeurs enregistrées pour les deux années.',
    })
  }

  const programmeRows = data.programmes
    .map((programme) => {
      const sel = { programme: programme.code }
      return {
        level: labelOf(PROGRAMME_LEVELS, programme.level),
        label: programme.name,
        fse: programme.fseCofinanced ? 'FSE+' : '',
        value: n('beneficiaires_dispositif', sel),
        previous: p('beneficiaires_dispositif', sel),
        evolution: evo('beneficiaires_dispositif', sel),
      }
    })
    .filter((row) => row.value !== null)
  if (programmeRows.length) {
    tables.push({
      key: 'dispositifs',
      title: 'Bénéficiaires par dispositif',
      columns: [
        text('level', 'Niveau', 24),
        text('label', 'Dispositif', 48),
        text('fse', 'Cofinancement', 14),
        int('value', `Bénéficiaires ${year}`),
        int('previous', `Bénéficiaires ${year - 1}`),
        pct('evolution', 'Évolution'),
      ],
      rows: programmeRows,
      chart: {
        type: 'bar',
        labelKey: 'label',
        valueKey: 'value',
        label: `Bénéficiaires ${year}`,
        previousKey: 'previous',
        previousLabel: `Bénéficiaires ${year - 1}`,
      },
      note: "Jeunes ayant bénéficié du dispositif dans l'année, quelle que soit leur année d'entrée ; un jeune peut relever de plusieurs dispositifs.",
    })
  }

  const outcomeRows: Array<Record<string, Cell>> = []
  const outcomeClass: KeyTable['rowClass'] = []
  const outcome = (indicator: string, label: string, breakdown: string | null) => {
    if (n(indicator) === null && data.modalities(indicator, breakdown ?? '').length === 0) return
    const parts: ValueCell[] = breakdown ? data.modalities(indicator, breakdown) : []
    const total = n(indicator) ?? parts.reduce((s, c) => s.plus(c.value), ZERO)
    outcomeRows.push({ label, value: total, previous: p(indicator), evolution: evo(indicator) })
    outcomeClass.push('subtotal')
    for (const part of parts) {
      const sel = { breakdown: part.breakdown, modality: part.modality }
      outcomeRows.push({
        label: `dont ${part.modality}`,
        value: part.value,
        previous: p(indicator, sel),
        evolution: evo(indicator, sel),
      })
      outcomeClass.push('area')
    }
  }
  outcome('contrats_signes', 'Contrats de travail signés', 'contract_type')
  outcome('cdd_interim', 'Contrats en intérim', null)
  outcome('entrees_prequalification', 'Entrées en formation préqualifiante', 'funding')
  outcome('entrees_formation_qualifiante', 'Entrées en formation qualifiante', 'funding')
  outcome('immersions', 'Immersions', 'measure')
  outcome('alternance', 'Contrats en alternance', 'contract_type')
  if (outcomeRows.length) {
    tables.push({
      key: 'resultats',
      title: 'Emploi, formation, immersions et alternance',
      columns: [
        text('label', 'Résultat', 44),
        int('value', String(year)),
        int('previous', String(year - 1)),
        pct('evolution', 'Évolution'),
      ],
      rows: outcomeRows,
      rowClass: outcomeClass,
    })
  }
  shareTable(
    'secteurs',
    "Principaux secteurs d'activité des contrats",
    'part_contrats_secteur',
    'sector',
    'Secteur'
  )

  const publicTable = (
    key: string,
    title: string,
    indicator: string,
    breakdown: string,
    header: string,
    chart = true
  ) => {
    const parts = data.modalities(indicator, breakdown)
    if (parts.length === 0) return
    const total = n(indicator)
    const rows: Array<Record<string, Cell>> = parts.map((c) => ({
      label: c.modality,
      count: c.value,
      share: share(c.value, total),
    }))
    rows.push({ label: 'Total général', count: total, share: total ? toMoney(1) : null })
    tables.push({
      key,
      title,
      columns: [text('label', header), int('count', 'Effectif'), pct('share', 'Part')],
      rows,
      rowClass: [...parts.map(() => null), 'total'],
      chart: chart
        ? { type: 'bar', labelKey: 'label', valueKey: 'count', label: 'Effectif' }
        : undefined,
      note: 'Parts calculées sur le total (arrondies à l’unité à l’affichage).',
    })
  }
  publicTable(
    'age',
    'Âge des jeunes accompagnés',
    'jeunes_accompagnes',
    'age_band',
    "Tranche d'âge"
  )
  publicTable(
    'age-premier-accueil',
    'Âge au premier accueil',
    'primo_accueillis',
    'age_band',
    "Tranche d'âge"
  )
  publicTable(
    'niveau-valide',
    'Niveau de formation validé',
    'jeunes_accompagnes',
    'level',
    'Niveau'
  )
  publicTable(
    'niveau-atteint',
    'Niveau de formation atteint',
    'jeunes_accompagnes',
    'attained_level',
    'Niveau'
  )
  publicTable(
    'logement',
    'Logement des jeunes accompagnés',
    'jeunes_accompagnes',
    'housing',
    'Logement'
  )
  publicTable(
    'annee-premier-accueil',
    'Année de premier accueil des jeunes accompagnés',
    'jeunes_accompagnes',
    'first_welcome_year',
    'Année'
  )

  return { year, empty: data.isEmpty, cards, tables }
}

/** Chart data (same numbers as the table) for the canvas data-chart attribute. */
export function chartOf(table: KeyTable) {
  if (!table.chart) return null
  const rows = table.rows.filter((_, i) => table.rowClass?.[i] !== 'total')
  const isShare = table.columns.find((c) => c.key === table.chart!.valueKey)?.type === 'percent'
  const series = (key: string) =>
    rows.map((r) => {
      const v = r[key]
      if (v === null || v === undefined) return 0
      const d = toMoney(v as MoneyInput)
      return isShare
        ? d.times(100).toDecimalPlaces(1, Decimal.ROUND_HALF_UP).toNumber()
        : d.toNumber()
    })
  const { chart } = table
  return {
    type: chart.type,
    labels: rows.map((r) => String(r[chart.labelKey] ?? '')),
    datasets: [
      { label: chart.label, data: series(chart.valueKey) },
      // resources/js/app.js draws role 'previous' grey and hatched: N and N-1 read apart.
      ...(chart.previousKey
        ? [{ label: chart.previousLabel, role: 'previous', data: series(chart.previousKey) }]
        : []),
    ],
  }
}
