import type { Decimal } from 'decimal.js'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { Report } from '#support/report'
import { col } from '#support/spreadsheet/columns'
import type { ColumnSpec } from '#support/spreadsheet/writer'
import { ActivityValuesReport, type ActivityValues } from '#reports/activity/activity_values'
import {
  KeyFigures,
  type Cell,
  type KeyFiguresReport,
  type KeyTable,
} from '#reports/activity/key_figures'
import BilanSocialReport, { type BilanSocial, type CountRow } from '#reports/hr/bilan_social'
import TrainingReportBuilder, { type DaysRow, type TrainingReport } from '#reports/hr/training'
import EqualityIndexReport from '#reports/hr/equality_index'
import Composition from '#reports/governance/composition'
import {
  BalanceSheet,
  IncomeStatement,
  StatementNotFound,
  type StatementReport,
  type StatementRow,
} from '#reports/accounting/statements'
import { YearEndPositions } from '#reports/grants/year_end'
import { ANNUAL_REPORT_CODE } from '#reference/statement_layouts'
import { PARIS_ZONE } from '#support/french_format'

export type RowClass = 'heading' | 'total' | 'subtotal' | 'area' | null

/** One table of the annual report: what the page, the print view, the .docx and the .xlsx read. */
export interface AnnualTable {
  /** Stable key: the sheet, the anchor and the tests name the table with it. */
  key: string
  title: string
  columns: ColumnSpec[]
  rows: Array<Record<string, Cell>>
  rowClass: RowClass[]
  note?: string
}

/** A part of the report, with the printed report's heading. */
export interface AnnualSection {
  key: string
  title: string
  tables: AnnualTable[]
  /** Why the section has no table for the year (no fiscal year, no register...). */
  missing: string | null
}

export interface AnnualReportResult {
  year: number
  organisationName: string
  sections: AnnualSection[]
  /** Every table in the report's order (sections flattened). */
  tables: AnnualTable[]
  empty: boolean
}

type Rows = AnnualTable['rows']

const section = (key: string, title: string, tables: AnnualTable[], whenEmpty: string) => ({
  key,
  title,
  tables,
  missing: tables.length ? null : whenEmpty,
})

function fromKeyTable(table: KeyTable): AnnualTable {
  return {
    key: table.key,
    title: table.title,
    columns: table.columns,
    rows: table.rows,
    rowClass: table.rowClass ?? table.rows.map(() => null),
    note: table.note,
  }
}

/** Card labels name their year ("Salariés au 31/12/2023"): N-1 is found under the same name. */
const cardName = (label: string, year: number) => label.replaceAll(String(year), 'N')

/** The key figures with their N-1 value, read from the previous year's key figures. */
function keyFiguresTable(current: KeyFiguresReport, previous: KeyFiguresReport): AnnualTable {
  const year = current.year
  const before = new Map(previous.cards.map((card) => [cardName(card.label, year - 1), card.value]))
  const rows = current.cards.map((card) => ({
    label: card.label,
    value: card.value,
    previous: before.get(cardName(card.label, year)) ?? null,
    evolution: card.evolution,
  }))
  return {
    key: 'chiffres-cles',
    title: `Chiffres clés ${year}`,
    columns: [
      col.text('Chiffre clé', 'label', 56),
      col.number(String(year), 'value', 0),
      col.number(String(year - 1), 'previous', 0),
      col.percent('Évolution', 'evolution', 0),
    ],
    rows,
    rowClass: rows.map(() => null),
  }
}

const ACTIVITY_GROUPS: Array<{ key: string; title: string; tables: string[] }> = [
  {
    key: 'activite',
    title: 'Les chiffres clés de l’activité',
    tables: ['contacts-canal', 'services-theme', 'services-type'],
  },
  { key: 'territoires', title: 'L’accueil des publics', tables: ['territoires'] },
  {
    key: 'emploi-formation',
    title: 'Les entrées en emploi, formation et immersion',
    tables: ['resultats', 'secteurs'],
  },
  {
    key: 'public',
    title: 'Le public accueilli',
    tables: [
      'age',
      'age-premier-accueil',
      'niveau-valide',
      'niveau-atteint',
      'logement',
      'annee-premier-accueil',
    ],
  },
  {
    key: 'dispositifs',
    title: 'Les dispositifs d’accompagnement',
    tables: ['dispositifs', 'chiffres-dispositifs'],
  },
]

/** The figures of each programme's page of the report (entries, exits, workshops…), N and N-1. */
function programmeFiguresTable(values: ActivityValues): AnnualTable | null {
  const rows: Rows = []
  const rowClass: RowClass[] = []
  for (const programme of values.programmes) {
    const figures = values.modalities('dispositif_chiffre', 'measure', {
      programme: programme.code,
    })
    if (figures.length === 0) continue
    rows.push({ label: programme.name, value: null, previous: null })
    rowClass.push('heading')
    for (const figure of figures) {
      const selector = {
        programme: programme.code,
        breakdown: 'measure',
        modality: figure.modality,
      }
      rows.push({
        label: figure.modality,
        programme: programme.code,
        value: figure.value,
        previous: values.value('dispositif_chiffre', selector, values.year - 1),
      })
      rowClass.push('area')
    }
  }
  if (rows.length === 0) return null
  return {
    key: 'chiffres-dispositifs',
    title: 'Les dispositifs en chiffres',
    columns: [
      col.text('Dispositif et chiffre', 'label', 56),
      col.number(String(values.year), 'value', 1),
      col.number(String(values.year - 1), 'previous', 1),
    ],
    rows,
    rowClass,
  }
}

/** The programmes table names each programme: its code goes with the row (for the checks). */
function withProgrammeCodes(table: AnnualTable, values: ActivityValues): AnnualTable {
  const codes = new Map(values.programmes.map((p) => [p.name, p.code]))
  return {
    ...table,
    rows: table.rows.map((row) => ({ ...row, programme: codes.get(String(row.label)) ?? null })),
  }
}

function activitySections(
  current: KeyFiguresReport,
  previous: KeyFiguresReport,
  values: ActivityValues
) {
  const byKey = new Map(current.tables.map((t) => [t.key, fromKeyTable(t)]))
  const programmes = byKey.get('dispositifs')
  if (programmes) byKey.set('dispositifs', withProgrammeCodes(programmes, values))
  const figures = programmeFiguresTable(values)
  if (figures) byKey.set(figures.key, figures)
  return ACTIVITY_GROUPS.map((group, index) => {
    const tables = group.tables.flatMap((key) => byKey.get(key) ?? [])
    if (index === 0 && current.cards.length) tables.unshift(keyFiguresTable(current, previous))
    return section(
      group.key,
      group.key === 'activite' ? `${group.title} ${current.year}` : group.title,
      tables,
      `Aucune valeur d’activité enregistrée pour ${current.year}.`
    )
  })
}

const rowKind = (kind: CountRow['kind']): RowClass => (kind === 'row' ? null : kind)

function countTable(
  key: string,
  title: string,
  first: string,
  rows: CountRow[],
  year: number,
  withPrevious = true
): AnnualTable {
  return {
    key,
    title,
    columns: [
      col.text(first, 'label', 44),
      col.integer('Femmes', 'F'),
      col.integer('Hommes', 'H'),
      col.integer('Total', 'total'),
      ...(withPrevious
        ? [col.integer(`Total ${year - 1}`, 'previous'), col.percent('Évolution', 'evolution')]
        : []),
    ],
    rows: rows.map((r) => ({
      label: r.label,
      F: r.current.F,
      H: r.current.H,
      total: r.current.total,
      previous: r.previousTotal,
      evolution: r.evolution,
    })),
    rowClass: rows.map((r) => rowKind(r.kind)),
  }
}

const isTotalLabel = (label: string) => /^total/i.test(label.trim())

function hrTables(bilan: BilanSocial, equalityIndex: number | null): AnnualTable[] {
  const year = bilan.year
  const tables: AnnualTable[] = [
    countTable('effectifs', `Effectifs au 31/12/${year}`, 'Contrat', bilan.headcount, year),
    {
      key: 'anciennete-moyenne',
      title: 'Ancienneté moyenne (années)',
      columns: [
        col.text('Année', 'label', 12),
        col.number('Femmes', 'F', 1),
        col.number('Hommes', 'H', 1),
        col.number('Total', 'total', 1),
      ],
      rows: [
        { label: String(year), ...bilan.seniority.current },
        { label: String(year - 1), ...bilan.seniority.previous },
      ],
      rowClass: [null, null],
    },
    {
      key: 'tranches-anciennete',
      title: `Ancienneté de l’effectif total au 31/12/${year}`,
      columns: [
        col.text('Tranche d’ancienneté', 'label', 30),
        col.integer('Effectif', 'count'),
        col.percent('Part', 'share', 0),
      ],
      rows: bilan.seniorityBands.map((b) => ({ label: b.label, count: b.count, share: b.share })),
      rowClass: bilan.seniorityBands.map(() => null),
    },
    countTable(
      'emplois-reperes',
      `Répartition des effectifs au 31/12/${year} par emploi repère`,
      'Emploi repère',
      bilan.jobReferences,
      year,
      false
    ),
    countTable('embauches', 'Embauches', 'Contrat', bilan.hires, year),
    countTable(
      'departs',
      'Départs CDI - CDD (hors contrat alternance et CDD de remplacement)',
      'Motif',
      bilan.departures,
      year
    ),
  ]
  if (equalityIndex !== null) {
    tables.push({
      key: 'index-egalite',
      title: `Index égalité femmes-hommes ${year}`,
      columns: [col.text('Indicateur', 'label', 30), col.integer('Points sur 100', 'value')],
      rows: [{ label: 'Index', value: equalityIndex }],
      rowClass: [null],
    })
  }
  return tables
}

function daysTable(key: string, title: string, first: string, rows: DaysRow[], year: number) {
  const withPrevious = rows.some((r) => r.previousTotal !== null)
  return {
    key,
    title,
    columns: [
      col.text(first, 'label', 40),
      col.number('Femmes', 'F', 1),
      col.number('Hommes', 'H', 1),
      col.number('Total', 'total', 1),
      ...(withPrevious ? [col.number(`Total ${year - 1}`, 'previous', 1)] : []),
    ],
    rows: rows.map((r) => ({
      label: r.label,
      F: r.F,
      H: r.H,
      total: r.total,
      previous: r.previousTotal,
    })),
    rowClass: rows.map((r) => (isTotalLabel(r.label) ? 'total' : null)),
  } satisfies AnnualTable
}

function trainingTables(training: TrainingReport): AnnualTable[] {
  const year = training.year
  const costs: Rows = [
    { label: 'Coûts pédagogiques', amount: training.costGroups.pedagogique },
    { label: 'Coûts annexes', amount: training.costGroups.annexes },
    ...training.costs
      .filter((c) => !['pedagogique', 'salaire'].includes(c.kind))
      .map((c) => ({
        label: `dont ${c.label.replace(/^Frais annexes : /, '')}`,
        key: c.kind,
        amount: c.amount,
      })),
    { label: 'Coûts salariaux', amount: training.costGroups.salaire },
    { label: 'Coût total', amount: training.costGroups.total },
  ]
  const refunds: Rows = [
    ...training.refunds.map((r) => ({ label: r.label, amount: r.received })),
    { label: 'Total', amount: training.refundsTotal },
  ]
  return [
    daysTable(
      'jours-formation-contrat',
      'Nombre de jours de formation par type de contrat',
      'Contrat',
      training.daysByContract,
      year
    ),
    {
      key: 'salaries-formes-age',
      title: 'Nombre de salariés formés par tranche d’âge',
      columns: [
        col.text('Tranche d’âge', 'label', 20),
        col.integer('Femmes', 'F'),
        col.integer('Hommes', 'H'),
        col.integer('Total', 'total'),
        col.integer(`Total ${year - 1}`, 'previous'),
      ],
      rows: training.trainedByAge.map((r) => ({
        label: r.label,
        F: r.F,
        H: r.H,
        total: r.total,
        previous: r.previousTotal,
      })),
      rowClass: training.trainedByAge.map((r) => (isTotalLabel(r.label) ? 'total' : null)),
    },
    {
      key: 'cout-plan',
      title: `Coût du plan de développement des compétences ${year}`,
      columns: [col.text('Poste', 'label', 36), col.money('Montant', 'amount')],
      rows: costs,
      rowClass: costs.map((r) =>
        String(r.label).startsWith('dont') ? 'area' : r.label === 'Coût total' ? 'total' : null
      ),
    },
    {
      key: 'remboursements-opco',
      title: `Remboursements de l’OPCO ${year}`,
      columns: [col.text('Mode de financement', 'label', 36), col.money('Montant reçu', 'amount')],
      rows: refunds,
      rowClass: refunds.map((_, i) => (i === refunds.length - 1 ? 'total' : null)),
    },
    daysTable(
      'jours-formation-emploi',
      'Nombre de jours de formation par emploi repère',
      'Emploi repère',
      training.daysByJob,
      year
    ),
  ]
}

/** Member bodies by college: the printed report names institutions, never the people. */
function governanceTable(colleges: Awaited<ReturnType<Composition['build']>>['colleges']) {
  const rows = colleges.map((college) => {
    const titulars = college.seats.filter((s) => s.role === 'titular')
    return {
      label: `Collège ${college.number} : ${college.name}`,
      members: [...new Set(titulars.map((s) => s.memberBody))].join(', '),
      maxSeats: college.maxSeats,
      seats: college.titulars,
      votes: college.deliberative ? college.votes : null,
    }
  })
  return {
    key: 'conseil-administration',
    title: 'Composition du conseil d’administration',
    columns: [
      col.text('Collège', 'label', 44),
      col.text('Membres', 'members', 80),
      col.integer('Sièges (maximum)', 'maxSeats'),
      col.integer('Sièges pourvus', 'seats'),
      col.number('Voix délibératives', 'votes', 0),
    ],
    rows,
    rowClass: rows.map(() => null),
    note: 'Collèges sans voix délibérative : voix consultatives.',
  } satisfies AnnualTable
}

/** A "dont" line reads as one, once: some layouts already name theirs "dont …". */
const statementLabel = (row: StatementRow) =>
  row.ofWhich && !/^dont /i.test(row.label) ? `dont ${row.label}` : row.label

const statementClass = (row: StatementRow): RowClass =>
  row.kind === 'line' ? (row.ofWhich ? 'area' : null) : row.kind

function incomeTable(report: StatementReport): AnnualTable {
  const rows = report.rows.filter(
    (r) => r.kind === 'heading' || !r.current.isZero() || !r.previous.isZero()
  )
  return {
    key: 'compte-de-resultat',
    title: 'Compte de résultat',
    columns: [
      col.text('Rubrique', 'label', 60),
      col.money(report.fiscalYear.label, 'current'),
      col.money(report.previousYear?.label ?? 'N-1', 'previous'),
    ],
    rows: rows.map((r) => ({
      label: statementLabel(r),
      key: r.label,
      current: r.kind === 'heading' ? null : r.current,
      previous: r.kind === 'heading' || !report.previousYear ? null : r.previous,
    })),
    rowClass: rows.map(statementClass),
  }
}

function balanceTables(report: StatementReport): AnnualTable[] {
  const shown = (side: string) =>
    report.rows.filter(
      (r) =>
        r.section === side &&
        (r.kind === 'heading' || !r.current.isZero() || !r.previous.isZero() || !r.gross.isZero())
    )
  const actif = shown('actif')
  const passif = shown('passif')
  const previous = report.previousYear?.label ?? 'N-1'
  const amount = (r: StatementRow, value: Decimal) => (r.kind === 'heading' ? null : value)
  return [
    {
      key: 'bilan-actif',
      title: `Bilan — actif au ${report.fiscalYear.endDate.split('-').reverse().join('/')}`,
      columns: [
        col.text('Actif', 'label', 50),
        col.money('Brut', 'gross'),
        col.money('Amortissements et provisions', 'depreciation'),
        col.money(`Net ${report.fiscalYear.label}`, 'current'),
        col.money(`Net ${previous}`, 'previous'),
      ],
      rows: actif.map((r) => ({
        label: statementLabel(r),
        key: r.label,
        gross: amount(r, r.gross),
        depreciation: amount(r, r.depreciation),
        current: amount(r, r.current),
        previous: report.previousYear ? amount(r, r.previous) : null,
      })),
      rowClass: actif.map(statementClass),
    },
    {
      key: 'bilan-passif',
      title: `Bilan — passif au ${report.fiscalYear.endDate.split('-').reverse().join('/')}`,
      columns: [
        col.text('Passif', 'label', 50),
        col.money(report.fiscalYear.label, 'current'),
        col.money(previous, 'previous'),
      ],
      rows: passif.map((r) => ({
        label: statementLabel(r),
        key: r.label,
        current: amount(r, r.current),
        previous: report.previousYear ? amount(r, r.previous) : null,
      })),
      rowClass: passif.map(statementClass),
    },
  ]
}

function dedicatedFundsTable(
  positions: Awaited<ReturnType<YearEndPositions['build']>>
): AnnualTable | null {
  const moving = positions.positions.filter(
    (p) =>
      !p.openingDedicated.isZero() ||
      !p.newDedicated.isZero() ||
      !p.usedDedicated.isZero() ||
      !p.otherDedicated.isZero() ||
      !p.closingDedicated.isZero()
  )
  if (moving.length === 0) return null
  const t = positions.totals
  const rows: Rows = [
    ...moving.map((p) => ({
      label: `${p.reference} — ${p.title}`,
      funder: p.funder,
      opening: p.openingDedicated,
      added: p.newDedicated,
      used: p.usedDedicated,
      other: p.otherDedicated,
      closing: p.closingDedicated,
    })),
    {
      label: 'Total',
      funder: null,
      opening: t.openingDedicated,
      added: t.newDedicated,
      used: t.usedDedicated,
      other: t.otherDedicated,
      closing: t.closingDedicated,
    },
  ]
  return {
    key: 'fonds-dedies',
    title: 'Fonds dédiés',
    columns: [
      col.text('Convention', 'label', 50),
      col.text('Financeur', 'funder', 30),
      col.money('Début d’exercice', 'opening'),
      col.money('Engagements à réaliser', 'added'),
      col.money('Utilisations', 'used'),
      col.money('Autres mouvements', 'other'),
      col.money('Fin d’exercice', 'closing'),
    ],
    rows,
    rowClass: rows.map((_, i) => (i === rows.length - 1 ? 'total' : null)),
    note: 'Mouvements du compte 194 par convention, tels que la comptabilité les porte.',
  }
}

/** A statement of the year, or null when the year has no fiscal year or no such layout. */
async function statementOrNull(build: () => Promise<StatementReport>) {
  try {
    return await build()
  } catch (error) {
    if (error instanceof StatementNotFound) return null
    throw error
  }
}

/**
 * The annual report (rapport d'activité et financier) of a year, generated from the records:
 * every table of the printed 2023 report, in its order and with its headings (activity key
 * figures, territories, outcomes, public, programmes, governance, bilan social and training,
 * compte de résultat, bilan, fonds dédiés), each with its N-1 figures. Aggregates only: no
 * person's name, no individual pay (the board reads it).
 */
export class AnnualReport extends Report<{ year: number }, AnnualReportResult> {
  async build(): Promise<AnnualReportResult> {
    const { year } = this.params
    const tenant = this.tenant
    const statementParams = { year, layoutCode: ANNUAL_REPORT_CODE }
    const [
      organisation,
      values,
      current,
      previous,
      bilan,
      training,
      equality,
      composition,
      income,
      balance,
      funds,
    ] = await Promise.all([
      db.from('organisations').where('id', tenant.organisationId).select('name').first(),
      new ActivityValuesReport(tenant, { year }).build(),
      new KeyFigures(tenant, { year }).build(),
      new KeyFigures(tenant, { year: year - 1 }).build(),
      new BilanSocialReport(tenant, { year }).build(),
      new TrainingReportBuilder(tenant, { year }).build(),
      new EqualityIndexReport(tenant, { from: `${year}-01-01`, to: `${year}-12-31` }).build(),
      new Composition(tenant, {
        day: DateTime.fromObject({ year, month: 12, day: 31 }, { zone: PARIS_ZONE }),
      }).build(),
      statementOrNull(() => new IncomeStatement(tenant, statementParams).build()),
      statementOrNull(() => new BalanceSheet(tenant, statementParams).build()),
      new YearEndPositions(tenant, { year }).build(),
    ])
    const hasRegister = bilan.headcount.some((r) => r.current.total > 0 || r.previousTotal > 0)
    const hasTraining = training.daysByContract.some((r) => !r.total.isZero())
    const dedicated = dedicatedFundsTable(funds)
    const sections: AnnualSection[] = [
      ...activitySections(current, previous, values),
      section(
        'gouvernance',
        'La gouvernance',
        composition.colleges.length ? [governanceTable(composition.colleges)] : [],
        'Aucun collège enregistré.'
      ),
      section(
        'bilan-social',
        'Bilan social',
        hasRegister ? hrTables(bilan, equality.index) : [],
        `Aucun contrat au registre du personnel pour ${year}.`
      ),
      section(
        'formation',
        'Formation des salariés',
        hasTraining ? trainingTables(training) : [],
        `Aucune session de formation en ${year}.`
      ),
      section(
        'compte-de-resultat',
        'Les comptes de l’association : compte de résultat',
        income ? [incomeTable(income)] : [],
        `Aucun exercice comptable ne se termine en ${year}.`
      ),
      section(
        'bilan',
        'Bilan',
        balance ? balanceTables(balance) : [],
        `Aucun exercice comptable ne se termine en ${year}.`
      ),
      section(
        'fonds-dedies',
        'Fonds dédiés',
        dedicated ? [dedicated] : [],
        `Aucun fonds dédié en ${year}.`
      ),
    ]
    const tables = sections.flatMap((s) => s.tables)
    return {
      year,
      organisationName: organisation?.name ?? '',
      sections,
      tables,
      empty: tables.length === 0,
    }
  }
}
