import db from '@adonisjs/lucid/services/db'
import type { Decimal } from 'decimal.js'
import { ActivityValuesReport } from '#reports/activity/activity_values'
import type { KeyTable } from '#reports/activity/key_figures'
import { IncomeStatement, StatementNotFound } from '#reports/accounting/statements'
import { FunderTree } from '#reports/grants/funder_tree'
import BilanSocialReport, { YEAR_END_POPULATION } from '#reports/hr/bilan_social'
import EqualityIndexReport from '#reports/hr/equality_index'
import { SPELLS } from '#reports/hr/register_sql'
import { LabellisationScore } from '#reports/quality/labellisation_score'
import { moneyOrNull, sumMoney, toMoney, ZERO } from '#support/money'
import { Report } from '#support/report'
import { acrossTenants, actingAs, type Tenant } from '#support/request_context'
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
    {
      key: 'budget',
      title: 'Budget (compte de résultat de l’exercice)',
      columns: [
        text('label', 'Organisation'),
        money('charges', 'Total des charges'),
        money('revenue', 'Total des produits'),
      ],
      rows: [
        ...members.map((member) => ({
          label: member.name,
          charges: member.totalCharges,
          revenue: member.totalRevenue,
        })),
        {
          ...totalRow('Total du réseau'),
          charges: total(members.map((member) => member.totalCharges)),
          revenue: total(members.map((member) => member.totalRevenue)),
        },
      ],
      rowClass: rowClass(),
      chart: {
        type: 'bar',
        labelKey: 'label',
        valueKey: 'charges',
        label: 'Total des charges (€)',
      },
    },
    {
      key: 'effectifs',
      title: `Effectifs au 31/12/${year}`,
      columns: [
        text('label', 'Organisation'),
        int('headcount', 'Salariés'),
        decimal('fte', 'Équivalents temps plein'),
      ],
      rows: [
        ...members.map((member) => ({
          label: member.name,
          headcount: member.headcount,
          fte: member.fte,
        })),
        {
          ...totalRow('Total du réseau'),
          headcount: total(members.map((member) => member.headcount)),
          fte: total(members.map((member) => member.fte)),
        },
      ],
      rowClass: rowClass(),
      chart: { type: 'bar', labelKey: 'label', valueKey: 'fte', label: 'ETP' },
      note: 'Contrats en cours au 31/12 (CDD de remplacement exclus), comme au bilan social.',
    },
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

/** Revenue recognised in the year by funder family: each funder's own, not rolled up. */
function revenueByFamily(
  nodes: Array<{ id: number; parentId: number | null; category: string; recognised: Decimal }>
) {
  const childrenRecognised = new Map<number, Decimal>()
  for (const node of nodes) {
    if (node.parentId === null) continue
    childrenRecognised.set(
      node.parentId,
      (childrenRecognised.get(node.parentId) ?? ZERO).plus(node.recognised)
    )
  }
  const families: Record<string, Decimal> = {}
  for (const node of nodes) {
    const own = node.recognised.minus(childrenRecognised.get(node.id) ?? ZERO)
    if (own.isZero()) continue
    families[node.category] = (families[node.category] ?? ZERO).plus(own)
  }
  return families
}

/** Full-time equivalents on 31/12, over the bilan social's population. */
async function fteAtYearEnd(organisationId: number, year: number) {
  const end = `${year}-12-31`
  const { rows } = await db.rawQuery(
    `WITH ${SPELLS}, ${YEAR_END_POPULATION}
     SELECT sum(part_time_share) AS fte, count(*)::int AS n FROM at_day WHERE day = ?::date`,
    [organisationId, end, `${year - 1}-12-31`, end]
  )
  return rows[0].n > 0 ? toMoney(rows[0].fte) : null
}

/**
 * One member's figures, read with the organisation's own reports as that organisation
 * (read-only): the activity values, the funders' revenue, the compte de résultat, the bilan
 * social, the equality index and the labellisation score.
 */
async function memberFigures(tenant: Tenant, name: string, year: number): Promise<MemberFigures> {
  const activity = await new ActivityValuesReport(tenant, { year }).build()
  const funders = await new FunderTree(tenant, { year }).build()
  const income = await new IncomeStatement(tenant, { year }).build().catch((error) => {
    if (error instanceof StatementNotFound) return null
    throw error
  })
  const bilan = await new BilanSocialReport(tenant, { year }).build()
  const headcount = bilan.headcount.find((row) => row.kind === 'total')?.current.total ?? 0
  const equality = await new EqualityIndexReport(tenant, {
    from: `${year}-01-01`,
    to: `${year}-12-31`,
  }).build()
  const score = await new LabellisationScore(tenant, {}).build()
  const line = (code: string) => income?.rows.find((row) => row.code === code)?.current ?? null
  return {
    organisationId: tenant.organisationId,
    name,
    youngSupported: activity.value('jeunes_accompagnes'),
    firstWelcomes: activity.value('primo_accueillis'),
    programmes: activity.programmes
      .map((programme) => ({
        code: programme.code,
        name: programme.name,
        value: activity.value('beneficiaires_dispositif', { programme: programme.code }),
      }))
      .filter((row): row is { code: string; name: string; value: Decimal } => row.value !== null),
    revenueByFamily: revenueByFamily(funders.nodes),
    totalCharges: line('TC'),
    totalRevenue: line('TP'),
    headcount: headcount > 0 ? headcount : null,
    fte: await fteAtYearEnd(tenant.organisationId, year),
    equalityIndex: equality.calculable ? equality.index : null,
    labelScore: moneyOrNull(score?.overall.ratio ?? null),
  }
}

/**
 * The consolidated figures of the network the tenant acts for (a regional association), for a
 * year (ADR 9): its member organisations that agreed to share, each read by its own reports as
 * itself, read-only; one table per figure with a row per member and a total. Members that have
 * not agreed are only named; nothing of theirs is read. Never a ledger line nor personal data.
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
    const members: MemberFigures[] = []
    for (const member of sharing) {
      const tenant: Tenant = {
        organisationId: member.id,
        userId: null,
        label: `réseau ${network.name} (${this.tenant.label})`,
        requestId: this.tenant.requestId,
        ip: this.tenant.ip,
      }
      members.push(await actingAs(tenant, () => memberFigures(tenant, member.name, year)))
    }
    return {
      year,
      network,
      members: sharing.map((member) => ({ id: member.id, name: member.name })),
      notSharing: links.filter((link) => link.sharing_agreed_at === null).map((link) => link.name),
      tables: networkTables(year, members),
    }
  }
}
