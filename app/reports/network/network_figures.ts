import db from '@adonisjs/lucid/services/db'
import type { RawQueryBindings } from '@adonisjs/lucid/types/querybuilder'
import type { Decimal } from 'decimal.js'
import {
  ActivityValues,
  programmeRows,
  valueCell,
  valueCells,
  type ProgrammeRow,
} from '#reports/activity/activity_values'
import type { KeyTable } from '#reports/activity/key_figures'
import { computeLayout, sumBalances } from '#reports/accounting/statement_engine'
import {
  balancesQuery,
  layoutLine,
  LAYOUT_FOR_YEAR,
  type StatementLineRow,
} from '#reports/accounting/statements'
import { funderTreeCte, grantRevenue } from '#reports/grants/funder_tree'
import { YEAR_END_POPULATION } from '#reports/hr/bilan_social'
import { EqualityIndexes } from '#reports/hr/equality_index'
import { contractSpells } from '#reports/hr/register_sql'
import { CRITERIA_COUNTS, scoreLine, themeCriteria } from '#reports/quality/labellisation_score'
import { moneyOrNull, sumMoney, toMoney, ZERO } from '#support/money'
import { Report } from '#support/report'
import { acrossTenants, type Tenant } from '#support/request_context'
import type { ColumnSpec } from '#support/spreadsheet/writer'
import { FUNDER_CATEGORIES } from '#vocabulary/grants'
import { labelOf } from '#vocabulary/labels'

/** What one member organisation shares with its network for a year: aggregates only. */
export interface MemberFigures {
  organisationId: number
  name: string
  youngSupported: Decimal | null
  firstWelcomes: Decimal | null
  /** Beneficiaries by programme code (`beneficiaires_dispositif`), with the programme's name. */
  programmes: Array<{ code: string; name: string; value: Decimal }>
  /** Revenue of the year recognised on conventions, by funder family (category code). */
  revenueByFamily: Record<string, Decimal>
  totalCharges: Decimal | null
  totalRevenue: Decimal | null
  headcount: number | null
  fte: Decimal | null
  equalityIndex: number | null
  labelScore: Decimal | null
}

export interface NetworkFiguresResult {
  year: number
  network: { id: number; name: string }
  /** Members that agreed to share, whose figures make the tables. */
  members: Array<{ id: number; name: string }>
  /** Members that have not agreed (yet): named, never counted. */
  notSharing: string[]
  tables: KeyTable[]
}

const text = (key: string, header: string, width = 40): ColumnSpec => ({
  key,
  header,
  type: 'text',
  width,
})
const int = (key: string, header: string): ColumnSpec => ({ key, header, type: 'integer' })
const money = (key: string, header: string): ColumnSpec => ({ key, header, type: 'money' })
const decimal = (key: string, header: string, decimals = 2): ColumnSpec => ({
  key,
  header,
  type: 'number',
  decimals,
})
const pct = (key: string, header: string): ColumnSpec => ({
  key,
  header,
  type: 'percent',
  decimals: 1,
})

/** Sum of the known values; null when no member has one. */
function total(values: Array<Decimal | number | null>): Decimal | null {
  const known = values.filter((value): value is Decimal | number => value !== null)
  return known.length === 0 ? null : sumMoney(known)
}

/** Mean of the known values; null when no member has one. */
function mean(values: Array<Decimal | number | null>): Decimal | null {
  const known = values.filter((value): value is Decimal | number => value !== null)
  return known.length === 0 ? null : sumMoney(known).div(known.length)
}

/**
 * The consolidated tables of a network: one row per member organisation and a total row, for
 * each figure. Pure: hand-made members test it.
 */
export function networkTables(year: number, members: MemberFigures[]): KeyTable[] {
  const totalRow = (label: string) => ({ label })
  const rowClass = (extra = 1): KeyTable['rowClass'] => [
    ...members.map(() => null),
    ...Array.from({ length: extra }, () => 'total' as const),
  ]
  /** A table of figures read per member, each with the network's total. */
  const summed = (
    key: string,
    title: string,
    figures: Array<[ColumnSpec, (member: MemberFigures) => Decimal | number | null]>,
    rest: Pick<KeyTable, 'chart' | 'note'>
  ): KeyTable => ({
    key,
    title,
    columns: [text('label', 'Organisation'), ...figures.map(([column]) => column)],
    rows: [
      ...members.map((member) => ({
        label: member.name,
        ...Object.fromEntries(figures.map(([column, pick]) => [column.key, pick(member)])),
      })),
      {
        ...totalRow('Total du réseau'),
        ...Object.fromEntries(
          figures.map(([column, pick]) => [column.key, total(members.map(pick))])
        ),
      },
    ],
    rowClass: rowClass(),
    ...rest,
  })
  const one = (
    key: string,
    title: string,
    header: string,
    pick: (member: MemberFigures) => Decimal | null
  ): KeyTable => ({
    key,
    title,
    columns: [text('label', 'Organisation'), int('value', header)],
    rows: [
      ...members.map((member) => ({ label: member.name, value: pick(member) })),
      { ...totalRow('Total du réseau'), value: total(members.map(pick)) },
    ],
    rowClass: rowClass(),
    chart: { type: 'bar', labelKey: 'label', valueKey: 'value', label: header },
  })

  const programmeColumns = new Map<string, string>()
  for (const member of members) {
    for (const programme of member.programmes) {
      if (!programmeColumns.has(programme.code))
        programmeColumns.set(programme.code, programme.name)
    }
  }
  const programmeCodes = [...programmeColumns.keys()].sort((a, b) =>
    programmeColumns.get(a)!.localeCompare(programmeColumns.get(b)!, 'fr')
  )
  const programmeValue = (member: MemberFigures, code: string) =>
    member.programmes.find((programme) => programme.code === code)?.value ?? null
  const programmeTotal = (member: MemberFigures) =>
    total(member.programmes.map((programme) => programme.value))

  const families = Object.keys(FUNDER_CATEGORIES).filter((family) =>
    members.some((member) => member.revenueByFamily[family] !== undefined)
  )
  const familyTotal = (member: MemberFigures) =>
    total(families.map((family) => member.revenueByFamily[family] ?? null))

  return [
    one(
      'jeunes-accompagnes',
      'Jeunes accompagnés',
      `Jeunes accompagnés ${year}`,
      (m) => m.youngSupported
    ),
    one(
      'premiers-accueils',
      'Premiers accueils',
      `Premiers accueils ${year}`,
      (m) => m.firstWelcomes
    ),
    {
      key: 'dispositifs',
      title: 'Entrées en dispositif (bénéficiaires par dispositif)',
      columns: [
        text('label', 'Organisation'),
        ...programmeCodes.map((code) => int(`p_${code}`, programmeColumns.get(code)!)),
        int('total', 'Total'),
      ],
      rows: [
        ...members.map((member) => ({
          label: member.name,
          ...Object.fromEntries(
            programmeCodes.map((code) => [`p_${code}`, programmeValue(member, code)])
          ),
          total: programmeTotal(member),
        })),
        {
          ...totalRow('Total du réseau'),
          ...Object.fromEntries(
            programmeCodes.map((code) => [
              `p_${code}`,
              total(members.map((member) => programmeValue(member, code))),
            ])
          ),
          total: total(members.map(programmeTotal)),
        },
      ],
      rowClass: rowClass(),
      chart: { type: 'bar', labelKey: 'label', valueKey: 'total', label: 'Bénéficiaires' },
      note: 'Jeunes ayant bénéficié de chaque dispositif dans l’année, tels que chaque organisation les a enregistrés ; un jeune peut relever de plusieurs dispositifs.',
    },
    {
      key: 'produits',
      title: 'Produits des conventions par famille de financeurs',
      columns: [
        text('label', 'Organisation'),
        ...families.map((family) => money(`f_${family}`, labelOf(FUNDER_CATEGORIES, family))),
        money('total', 'Total'),
      ],
      rows: [
        ...members.map((member) => ({
          label: member.name,
          ...Object.fromEntries(
            families.map((family) => [`f_${family}`, member.revenueByFamily[family] ?? null])
          ),
          total: familyTotal(member),
        })),
        {
          ...totalRow('Total du réseau'),
          ...Object.fromEntries(
            families.map((family) => [
              `f_${family}`,
              total(members.map((member) => member.revenueByFamily[family] ?? null)),
            ])
          ),
          total: total(members.map(familyTotal)),
        },
      ],
      rowClass: rowClass(),
      chart: { type: 'bar', labelKey: 'label', valueKey: 'total', label: 'Produits (€)' },
      note: 'Produits de l’exercice comptabilisés sur les conventions (comptes 74 ou compte de produit de la convention), par famille du financeur.',
    },
    summed(
      'budget',
      'Budget (compte de résultat de l’exercice)',
      [
        [money('charges', 'Total des charges'), (member) => member.totalCharges],
        [money('revenue', 'Total des produits'), (member) => member.totalRevenue],
      ],
      {
        chart: {
          type: 'bar',
          labelKey: 'label',
          valueKey: 'charges',
          label: 'Total des charges (€)',
        },
      }
    ),
    summed(
      'effectifs',
      `Effectifs au 31/12/${year}`,
      [
        [int('headcount', 'Salariés'), (member) => member.headcount],
        [decimal('fte', 'Équivalents temps plein'), (member) => member.fte],
      ],
      {
        chart: { type: 'bar', labelKey: 'label', valueKey: 'fte', label: 'ETP' },
        note: 'Contrats en cours au 31/12 (CDD de remplacement exclus), comme au bilan social.',
      }
    ),
    {
      key: 'egalite',
      title: `Index de l’égalité professionnelle ${year}`,
      columns: [text('label', 'Organisation'), decimal('index', 'Index (sur 100)', 0)],
      rows: [
        ...members.map((member) => ({ label: member.name, index: member.equalityIndex })),
        {
          ...totalRow('Moyenne des organisations'),
          index: mean(members.map((member) => member.equalityIndex)),
        },
      ],
      rowClass: rowClass(),
      chart: { type: 'bar', labelKey: 'label', valueKey: 'index', label: 'Index' },
      note: 'Index calculé sur l’année civile ; vide quand il n’est pas calculable. La dernière ligne est la moyenne des index calculables, non un index du réseau.',
    },
    {
      key: 'labellisation',
      title: 'Score de labellisation (à ce jour)',
      columns: [text('label', 'Organisation'), pct('score', 'Critères validés')],
      rows: [
        ...members.map((member) => ({ label: member.name, score: member.labelScore })),
        {
          ...totalRow('Moyenne des organisations'),
          score: mean(members.map((member) => member.labelScore)),
        },
      ],
      rowClass: rowClass(),
      chart: { type: 'bar', labelKey: 'label', valueKey: 'score', label: 'Critères validés (%)' },
      note: 'Part des critères applicables validés dans le référentiel en cours de chaque organisation.',
    },
  ]
}

/** The rows of a raw query, typed by the caller after its SELECT. */
async function select<T>(sql: string, bindings: RawQueryBindings): Promise<T[]> {
  return (await db.rawQuery(sql, bindings)).rows as T[]
}

/** Rows grouped by their organisation, in query order. */
function byOrganisation<T extends { organisation_id: number }>(rows: T[]) {
  const groups = new Map<number, T[]>()
  for (const row of rows) {
    const group = groups.get(row.organisation_id)
    if (group) group.push(row)
    else groups.set(row.organisation_id, [row])
  }
  return groups
}

/** The activity indicators the network shows. */
const ACTIVITY_INDICATORS = ['jeunes_accompagnes', 'primo_accueillis', 'beneficiaires_dispositif']

/**
 * Young people supported, first welcomes and beneficiaries by programme of every member: the
 * organisation-wide values of the three indicators (no territory, breakdown nor modality) in one
 * query, the programmes in another, looked up as the organisation's own `ActivityValues`.
 */
async function activityOf(ids: number[], year: number) {
  const cells = byOrganisation(
    (await valueCells(db)
      .select('v.organisation_id')
      .whereRaw('v.organisation_id = ANY(?::int[])', [ids])
      .where('v.year', year)
      .whereIn('i.code', ACTIVITY_INDICATORS)
      .whereNull('v.territory_id')
      .whereNull('v.breakdown')
      .whereNull('v.modality')) as Array<Record<string, unknown> & { organisation_id: number }>
  )
  const programmes = byOrganisation(
    (await programmeRows(db)
      .select('organisation_id')
      .whereRaw('organisation_id = ANY(?::int[])', [ids])) as Array<
      ProgrammeRow & { organisation_id: number }
    >
  )
  return (organisationId: number) => {
    const values = new ActivityValues(
      year,
      (cells.get(organisationId) ?? []).map(valueCell),
      [],
      programmes.get(organisationId) ?? []
    )
    return {
      youngSupported: values.value('jeunes_accompagnes'),
      firstWelcomes: values.value('primo_accueillis'),
      programmes: values.programmes
        .map((programme) => ({
          code: programme.code,
          name: programme.name,
          value: values.value('beneficiaires_dispositif', { programme: programme.code }),
        }))
        .filter((row): row is { code: string; name: string; value: Decimal } => row.value !== null),
    }
  }
}

/**
 * Revenue recognised in the year on conventions, by member and funder family: each funder's
 * own revenue (the funders' tree before it is rolled up), funders with none left out. One query,
 * on the funders' tree and the conventions' revenue of `FunderTree`.
 */
async function revenueOf(ids: number[], year: number) {
  const rows = await select<{ organisation_id: number; category: string; recognised: string }>(
    `WITH RECURSIVE ${funderTreeCte('= ANY(:orgs)')}, revenue AS (${grantRevenue('= ANY(:orgs)')}),
     own AS (
       SELECT g.funder_id, sum(coalesce(r.recognised, 0)) AS recognised
         FROM grants g LEFT JOIN revenue r ON r.grant_id = g.id
        WHERE g.organisation_id = ANY(:orgs)
        GROUP BY g.funder_id
     )
     SELECT f.organisation_id, f.category, sum(o.recognised) AS recognised
       FROM tree t JOIN funders f ON f.id = t.id JOIN own o ON o.funder_id = f.id
      WHERE o.recognised <> 0
      GROUP BY f.organisation_id, f.category`,
    { orgs: ids, year }
  )
  const families = new Map<number, Record<string, Decimal>>()
  for (const row of rows) {
    const member = families.get(row.organisation_id) ?? {}
    member[row.category] = toMoney(row.recognised)
    families.set(row.organisation_id, member)
  }
  return (organisationId: number) => families.get(organisationId) ?? {}
}

/**
 * Total charges (TC) and produits (TP) of every member's compte de résultat for the fiscal year
 * ending in the year, laid out by its own layout as `IncomeStatement` does: the fiscal years,
 * the layouts' lines and the balances (`balancesQuery`, by organisation) in one query each.
 * Null without the fiscal year or the layout (the statement is not found).
 */
async function budgetOf(ids: number[], year: number) {
  const years = await select<{ organisation_id: number; id: number }>(
    `SELECT DISTINCT ON (organisation_id) organisation_id, id FROM fiscal_years
      WHERE organisation_id = ANY(?::int[]) AND extract(year from end_date) = ?
      ORDER BY organisation_id`,
    [ids, year]
  )
  const members = years.map((row) => row.organisation_id)
  const [layouts, ledger] = await Promise.all([
    select<StatementLineRow & { organisation_id: number }>(
      `SELECT sl.organisation_id, sl.id, sl.code, sl.label, sl.section, sl.kind, sl.level,
              sl.of_which, sl.sign, sl.ranges, sl.formula
         FROM statement_lines sl
         JOIN (SELECT DISTINCT ON (organisation_id) organisation_id, id FROM statement_layouts
                WHERE organisation_id = ANY(?::int[]) AND ${LAYOUT_FOR_YEAR}
                ORDER BY organisation_id, valid_from_year DESC) layout
           ON layout.organisation_id = sl.organisation_id AND layout.id = sl.layout_id
        ORDER BY sl.organisation_id, sl.position`,
      [members, 'income_statement', 'rapport-annuel', year, year]
    ),
    select<{ organisation_id: number; account_number: string; balance: string }>(
      balancesQuery('6', 'many'),
      [members, years.map((row) => row.id), '6']
    ),
  ])
  const lines = byOrganisation(layouts)
  const balances = byOrganisation(ledger)
  const totals = new Map<number, { charges: Decimal | null; revenue: Decimal | null }>()
  for (const [organisationId, rows] of lines) {
    const layout = rows.map(layoutLine)
    const amounts = computeLayout(layout, sumBalances(balances.get(organisationId) ?? [])).amounts
    const line = (code: string) =>
      layout.some((row) => row.code === code) ? (amounts.get(code)?.amount ?? ZERO) : null
    totals.set(organisationId, { charges: line('TC'), revenue: line('TP') })
  }
  return (organisationId: number) => totals.get(organisationId) ?? { charges: null, revenue: null }
}

/**
 * Headcount and full-time equivalents on 31/12 of every member, over the bilan social's
 * population (`YEAR_END_POPULATION`, replacement CDDs excluded), in one query.
 */
async function staffOf(ids: number[], year: number) {
  const end = `${year}-12-31`
  const rows = await select<{ organisation_id: number; n: number; fte: string }>(
    `WITH ${contractSpells('= ANY(?::int[])')}, ${YEAR_END_POPULATION}
     SELECT organisation_id, count(*)::int AS n, sum(part_time_share) AS fte
       FROM at_day WHERE day = ?::date GROUP BY organisation_id`,
    [ids, end, `${year - 1}-12-31`, end]
  )
  const staff = new Map(rows.map((row) => [row.organisation_id, row]))
  return (organisationId: number) => {
    const row = staff.get(organisationId)
    return row && row.n > 0
      ? { headcount: row.n, fte: toMoney(row.fte) }
      : { headcount: null, fte: null }
  }
}

/**
 * The equality index of the calendar year, per member: `EqualityIndexes` gathers every member's
 * input in one query per input grouped by organisation, and scores each member with the rules of
 * the index (`computeEqualityIndex`), as its own HR page does.
 */
async function equalityOf(tenant: Tenant, ids: number[], year: number) {
  const indexes = await new EqualityIndexes(tenant, {
    organisationIds: ids,
    from: `${year}-01-01`,
    to: `${year}-12-31`,
  }).build()
  return (organisationId: number) => {
    const equality = indexes.get(organisationId)
    return equality?.calculable ? equality.index : null
  }
}

/**
 * The labellisation score of every member's current referential (validated over applicable
 * criteria, `scoreLine`), counted in one query over the score's own joins.
 */
async function labelScoreOf(ids: number[]) {
  const rows = await select<{
    organisation_id: number
    total: number
    not_applicable: number
    validated: number
  }>(
    `SELECT r.organisation_id, ${CRITERIA_COUNTS}
       FROM referentials r
       JOIN referential_themes t ON t.organisation_id = r.organisation_id AND t.referential_id = r.id
       ${themeCriteria('t.organisation_id')}
      WHERE r.organisation_id = ANY(:orgs) AND r.is_current
      GROUP BY r.organisation_id`,
    { orgs: ids }
  )
  const scores = new Map(
    rows.map((row) => [
      row.organisation_id,
      scoreLine(
        {
          total: row.total,
          notApplicable: row.not_applicable,
          validated: row.validated,
          dueByDeadline: 0,
        },
        0
      ).ratio,
    ])
  )
  return (organisationId: number) => moneyOrNull(scores.get(organisationId) ?? null)
}

/**
 * The consolidated figures of the network the tenant acts for (a regional association), for a
 * year (ADR 9): its member organisations that agreed to share, one table per figure with a row
 * per member and a total. Each figure is read for all those members at once, by one query over
 * `organisation_id = ANY (members)` grouped by organisation, on the SQL of the organisation's own
 * report (ADR 10), the equality index too (its inputs grouped by organisation, each member scored
 * by the index's own rules). Members that have not
 * agreed are only named; nothing of theirs is read. Never a ledger line nor personal data.
 */
export class NetworkFigures extends Report<{ year: number }, NetworkFiguresResult> {
  async build(): Promise<NetworkFiguresResult> {
    const networkId = this.tenant.organisationId
    const { year } = this.params
    const [network, links] = await acrossTenants('the members of a network', async () => [
      (await db
        .from('organisations')
        .where('id', networkId)
        .select('id', 'name')
        .firstOrFail()) as {
        id: number
        name: string
      },
      (await db
        .from('network_members as n')
        .join('organisations as o', 'o.id', 'n.organisation_id')
        .where('n.network_organisation_id', networkId)
        .where('o.is_active', true)
        .select('o.id', 'o.name', 'n.sharing_agreed_at')
        .orderBy('o.name')
        .orderBy('o.id')) as Array<{ id: number; name: string; sharing_agreed_at: Date | null }>,
    ])
    const sharing = links.filter((link) => link.sharing_agreed_at !== null)
    const ids = sharing.map((member) => member.id)
    // Independent queries: sent together, on as many connections of the pool.
    const [activity, revenue, budget, staff, equality, labelScore] = await Promise.all([
      activityOf(ids, year),
      revenueOf(ids, year),
      budgetOf(ids, year),
      staffOf(ids, year),
      equalityOf(this.tenant, ids, year),
      labelScoreOf(ids),
    ])
    const members: MemberFigures[] = sharing.map((member) => ({
      organisationId: member.id,
      name: member.name,
      ...activity(member.id),
      revenueByFamily: revenue(member.id),
      totalCharges: budget(member.id).charges,
      totalRevenue: budget(member.id).revenue,
      ...staff(member.id),
      equalityIndex: equality(member.id),
      labelScore: labelScore(member.id),
    }))
    return {
      year,
      network,
      members: sharing.map((member) => ({ id: member.id, name: member.name })),
      notSharing: links.filter((link) => link.sharing_agreed_at === null).map((link) => link.name),
      tables: networkTables(year, members),
    }
  }
}
