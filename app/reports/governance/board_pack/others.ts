import { DateTime } from 'luxon'
import Resolution from '#models/governance/resolution'
import Composition from '#reports/governance/composition'
import { KeyFigures, chartOf, type Cell } from '#reports/activity/key_figures'
import BilanSocialReport from '#reports/hr/bilan_social'
import EqualityIndexReport from '#reports/hr/equality_index'
import { LabellisationScore } from '#reports/quality/labellisation_score'
import { ReconciliationStatus } from '#reports/reconciliation/reconciliation_status'
import { OrganisationLogo } from '#reports/core/organisation_logo'
import { NotFoundError } from '#support/domain_errors'
import { col } from '#support/spreadsheet/columns'
import { formatDate, fiscalYearTitle } from '#support/french_format'
import { toMoney } from '#support/money'
import { SEAT_ROLES } from '#vocabulary/governance'
import { labelOf } from '#vocabulary/labels'
import { PUBLISHED_UNITS } from '#vocabulary/reconciliation'
import type { PackBlock, PackCell, PackFigure } from '#reports/governance/board_pack/blocks'
import type { PackContext } from '#reports/governance/board_pack/context'

/** The logo of the organisation settings as a data URL, or none. */
async function logoOf(context: PackContext) {
  try {
    const logo = await new OrganisationLogo(context.tenant, {}).build()
    if (!/^image\/(png|jpeg)$/.test(logo.contentType)) return null
    return {
      contentType: logo.contentType,
      dataUrl: `data:${logo.contentType};base64,${logo.bytes.toString('base64')}`,
    }
  } catch (error) {
    if (error instanceof NotFoundError) return null
    throw error
  }
}

export async function coverSection(context: PackContext): Promise<PackBlock[]> {
  const { meeting, year } = context
  return [
    {
      kind: 'cover',
      organisation: context.organisation,
      logo: await logoOf(context),
      title: 'Dossier du conseil',
      subtitle: meeting.title,
      date: formatDate(context.day),
      location: meeting.location,
      year: year ? fiscalYearTitle(year.label) : null,
    },
  ]
}

export async function agendaSection({ meeting }: PackContext): Promise<PackBlock[]> {
  const items = (meeting.agenda ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
  const resolutions = await Resolution.query()
    .where('meeting_id', meeting.id)
    .orderBy('position')
    .select('position', 'title')
  return [
    items.length
      ? { kind: 'list', items }
      : { kind: 'text', text: 'L’ordre du jour n’est pas encore saisi.' },
    ...(resolutions.length
      ? [
          {
            kind: 'list' as const,
            title: 'Résolutions soumises au vote',
            items: resolutions.map((r) => `${r.position}. ${r.title}`),
          },
        ]
      : []),
  ]
}

const UNIT_TYPES: Record<string, PackFigure['type']> = {
  eur: 'money',
  fte: 'number',
  ratio: 'number',
  count: 'integer',
}

const packCell = (value: Cell): PackCell =>
  typeof value === 'boolean' ? (value ? 'oui' : 'non') : value

/** The key figures of N and the tables that have a chart, each with its chart. */
export async function activitySection({ tenant, day, year }: PackContext): Promise<PackBlock[]> {
  // Without a fiscal year, the calendar year before the meeting's.
  const report = await new KeyFigures(tenant, { year: year?.endYear ?? day.year - 1 }).build()
  if (report.empty) {
    return [{ kind: 'text', text: `Aucun chiffre d’activité n’est saisi pour ${report.year}.` }]
  }
  const blocks: PackBlock[] = [
    {
      kind: 'figures',
      items: report.cards.map((card) => ({
        label: card.label,
        value: card.value,
        type: UNIT_TYPES[card.unit] ?? 'number',
        decimals: card.unit === 'fte' || card.unit === 'ratio' ? 1 : undefined,
      })),
    },
  ]
  for (const table of report.tables.filter((t) => t.chart)) {
    blocks.push({
      kind: 'table',
      title: table.title,
      columns: table.columns,
      rows: table.rows.map((row) =>
        Object.fromEntries(Object.entries(row).map(([key, value]) => [key, packCell(value)]))
      ),
      rowClass: (table.rowClass ?? []).map((c) => (c === 'area' ? 'detail' : c)),
    })
    const chart = chartOf(table)!
    blocks.push({
      kind: 'chart',
      title: table.title,
      labels: chart.labels,
      series: chart.datasets.map((set) => ({ label: set.label ?? '', values: set.data })),
    })
  }
  return blocks
}

/**
 * Headcount of the bilan social and the equality index's score: aggregates only, never a name
 * nor an individual pay (the board reads hr.aggregates, not hr.personal).
 */
export async function hrSection({ tenant, year }: PackContext): Promise<PackBlock[]> {
  if (!year) return [{ kind: 'text', text: 'Aucun exercice comptable achevé avant la séance.' }]
  const n = year.endYear
  const [bilan, index] = await Promise.all([
    new BilanSocialReport(tenant, { year: n }).build(),
    new EqualityIndexReport(tenant, { from: `${n}-01-01`, to: `${n}-12-31` }).build(),
  ])
  const total = bilan.headcount.find((row) => row.kind === 'total')
  const sum = (rows: typeof bilan.hires) => rows.find((r) => r.kind === 'total')?.current.total ?? 0
  return [
    {
      kind: 'figures',
      items: [
        { label: `Effectif au 31/12/${n}`, value: total?.current.total ?? 0, type: 'integer' },
        {
          label: `Effectif mensuel moyen ${n}`,
          value: bilan.averageMonthlyHeadcount,
          type: 'number',
          decimals: 1,
        },
        { label: `Embauches ${n}`, value: sum(bilan.hires), type: 'integer' },
        { label: `Départs ${n}`, value: sum(bilan.departures), type: 'integer' },
        {
          label: index.calculable
            ? `Index de l’égalité professionnelle ${n} (sur 100)`
            : `Index de l’égalité professionnelle ${n} : non calculable`,
          value: index.index,
          type: 'integer',
        },
      ],
    },
    {
      kind: 'table',
      title: `Effectif au 31/12/${n} par type de contrat (bilan social)`,
      columns: [
        col.text('Contrat', 'label', 36),
        col.integer('Femmes', 'F'),
        col.integer('Hommes', 'H'),
        col.integer(`Total ${n}`, 'total'),
        col.integer(`Total ${n - 1}`, 'previous'),
        col.percent('Évolution', 'evolution', 0),
      ],
      rows: bilan.headcount.map((row) => ({
        label: row.label,
        F: row.current.F,
        H: row.current.H,
        total: row.current.total,
        previous: row.previousTotal,
        evolution: row.evolution,
      })),
      rowClass: bilan.headcount.map((row) => (row.kind === 'row' ? null : row.kind)),
    },
    {
      kind: 'table',
      title: `Index de l’égalité professionnelle ${n} : ${index.points} points sur ${index.maxPoints} calculables`,
      columns: [
        col.text('Indicateur', 'label', 60),
        col.integer('Points', 'points'),
        col.integer('Maximum', 'max'),
      ],
      rows: index.indicators.map((indicator) => ({
        label: indicator.calculable ? indicator.label : `${indicator.label} (non calculable)`,
        points: indicator.calculable ? indicator.points : null,
        max: indicator.max,
      })),
    },
  ]
}

/** Composition on the meeting's day, and the mandates ending within a year of it. */
export async function governanceSection({ tenant, day }: PackContext): Promise<PackBlock[]> {
  const composition = await new Composition(tenant, { day, today: day }).build()
  const within = day.plus({ years: 1 })
  const ending = composition.colleges.flatMap((college) =>
    college.seats
      .filter((seat) => seat.mandateEnd && seat.mandateEnd >= day && seat.mandateEnd <= within)
      .map((seat) => ({ college: `${college.number}. ${college.name}`, seat }))
  )
  ending.sort((a, b) => a.seat.mandateEnd!.toMillis() - b.seat.mandateEnd!.toMillis())
  return [
    {
      kind: 'figures',
      items: [
        { label: 'Sièges pourvus', value: composition.seatCount, type: 'integer' },
        { label: 'Sièges vacants', value: composition.vacancies, type: 'integer' },
        {
          label: 'Voix délibératives',
          value: composition.deliberativeVotes,
          type: 'number',
          decimals: 0,
        },
        { label: 'Mandats finissant dans l’année', value: ending.length, type: 'integer' },
      ],
    },
    {
      kind: 'table',
      title: `Composition au ${formatDate(day)}`,
      columns: [
        col.text('Collège', 'college', 40),
        col.integer('Sièges', 'maxSeats'),
        col.integer('Titulaires', 'titulars'),
        col.integer('Vacants', 'vacancies'),
        col.number('Voix', 'votes', 0),
        col.text('Règle', 'rule', 24),
      ],
      rows: composition.colleges.map((college) => ({
        college: `${college.number}. ${college.name}`,
        maxSeats: college.maxSeats,
        titulars: college.titulars,
        vacancies: college.vacancies,
        votes: college.votes,
        rule: college.ruleLabel,
      })),
    },
    ending.length
      ? {
          kind: 'table',
          title: `Mandats finissant avant le ${formatDate(within)}`,
          columns: [
            col.text('Membre', 'member', 32),
            col.text('Représentant', 'person', 28),
            col.text('Collège', 'college', 28),
            col.text('Siège', 'role', 12),
            col.date('Fin du mandat', 'end'),
          ],
          rows: ending.map(({ college, seat }) => ({
            member: seat.memberBody,
            person: seat.person,
            college,
            role: labelOf(SEAT_ROLES, seat.role),
            end: seat.mandateEnd!.toISODate(),
          })),
        }
      : { kind: 'text', text: 'Aucun mandat ne finit dans l’année qui suit la séance.' },
  ]
}

/** The current referential's score on the meeting's day, overall and by theme. */
export async function labelSection({ tenant, day }: PackContext): Promise<PackBlock[]> {
  const score = await new LabellisationScore(tenant, { today: day }).build()
  if (!score)
    return [{ kind: 'text', text: 'Aucun référentiel de labellisation n’est enregistré.' }]
  const { overall, referential } = score
  return [
    {
      kind: 'figures',
      items: [
        {
          label: `Critères validés (${referential.name})`,
          value: overall.validated,
          type: 'integer',
        },
        { label: 'Critères applicables', value: overall.applicable, type: 'integer' },
        { label: 'Score', value: overall.ratio, type: 'percent' },
        {
          label: 'Seuil de labellisation',
          value: toMoney(referential.thresholdPercent).div(100),
          type: 'percent',
        },
        {
          label: referential.deadline
            ? `Score projeté au ${formatDate(referential.deadline)}`
            : 'Score projeté',
          value: overall.projectedRatio,
          type: 'percent',
        },
      ],
    },
    {
      kind: 'table',
      title: `Score par thème au ${formatDate(day)}`,
      columns: [
        col.text('Thème', 'name', 44),
        col.integer('Validés', 'validated'),
        col.integer('Applicables', 'applicable'),
        col.percent('Score', 'ratio'),
      ],
      rows: [
        ...score.themes.map((theme) => ({
          name: theme.name,
          validated: theme.validated,
          applicable: theme.applicable,
          ratio: theme.ratio,
        })),
        {
          name: 'Ensemble',
          validated: overall.validated,
          applicable: overall.applicable,
          ratio: overall.ratio,
        },
      ],
      rowClass: [...score.themes.map(() => null), 'total'],
    },
  ]
}

/**
 * The open discrepancies of N's latest reconciliation run (titles and figures, no detail), and
 * apart from them its atypical values: ratios far from their peers or from N-1, to explain, that
 * are not two sources disagreeing and so are not counted among the discrepancies.
 */
export async function reconciliationSection({ tenant, year }: PackContext): Promise<PackBlock[]> {
  if (!year) return [{ kind: 'text', text: 'Aucun exercice comptable achevé avant la séance.' }]
  const status = await new ReconciliationStatus(tenant, { year: year.endYear }).build()
  if (!status.run) {
    return [{ kind: 'text', text: `Aucun rapprochement n’a été lancé pour ${year.endYear}.` }]
  }
  const ranOn = formatDate(DateTime.fromJSDate(new Date(status.run.started_at)))
  const discrepancies = status.results.filter((result) => result.status === 'discrepancy')
  const atypical = status.results.filter((result) => result.status === 'atypical')
  const blocks: PackBlock[] = discrepancies.length
    ? [
        {
          kind: 'table',
          title: `Écarts ouverts au rapprochement du ${ranOn} (${discrepancies.length})`,
          columns: [
            col.text('Contrôle', 'title', 52),
            col.text('Domaine', 'domain', 18),
            col.number('Attendu', 'expected', 2),
            col.number('Constaté', 'actual', 2),
            col.number('Écart', 'difference', 2),
          ],
          rows: discrepancies.map((result) => ({
            title: result.unit
              ? `${result.title} (${labelOf(PUBLISHED_UNITS, result.unit).toLowerCase()})`
              : result.title,
            domain: result.domainLabel,
            expected: result.expected,
            actual: result.actual,
            difference: result.difference,
          })),
        },
      ]
    : [{ kind: 'text', text: `Aucun écart ouvert au rapprochement du ${ranOn}.` }]
  if (atypical.length) {
    blocks.push({
      kind: 'table',
      title: `Valeurs atypiques à expliquer, hors écarts (${atypical.length})`,
      columns: [
        col.text('Contrôle', 'title', 52),
        col.money('N-1', 'expected'),
        col.money('Valeur', 'actual'),
        col.text('Motif', 'explanation', 60),
      ],
      rows: atypical.map((result) => ({
        title: result.title,
        expected: result.expected,
        actual: result.actual,
        explanation: result.explanation,
      })),
    })
  }
  return blocks
}
