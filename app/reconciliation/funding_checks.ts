import { formatMoney } from '#support/french_format'
import type { Decimal } from 'decimal.js'
import { toMoney, ZERO } from '#support/money'
import type { ActivityValues } from '#reports/activity/activity_values'
import {
  missing,
  type CheckContext,
  type AmountRow,
  type CheckDefinition,
  type CheckResult,
} from '#reconciliation/types'

/*
 * Funding against activity: what each programme, territory and funder costs or brings per young
 * person, for the year and the year before, with outliers flagged. Results are "ok" (a ratio
 * computed) or "atypical" (an outlier to explain: one figure, not two sources that disagree);
 * each check keeps its SQL in one constant.
 */

/** Grant revenue of a year per programme (conventions linked to programmes). */
const SQL_FUNDING_BY_PROGRAMME = `
  SELECT gp.programme_id AS id, y.year, sum(y.amount)::text AS amount
  FROM grant_programmes gp JOIN grant_years y ON y.grant_id = gp.grant_id
  WHERE gp.organisation_id = ? AND y.year IN (?, ?)
  GROUP BY gp.programme_id, y.year`

/** Grant revenue booked in the ledger (74x) per antenna (line territory or its parent). */
const SQL_FUNDING_BY_ANTENNA = `
  SELECT coalesce(t.parent_id, t.id) AS id, extract(year FROM f.end_date)::int AS year,
         sum(l.credit - l.debit)::text AS amount
  FROM entry_lines l JOIN entries e ON e.id = l.entry_id JOIN fiscal_years f ON f.id = e.fiscal_year_id
  JOIN territories t ON t.id = l.territory_id
  WHERE l.organisation_id = ? AND l.account_number LIKE '74%' AND extract(year FROM f.end_date) IN (?, ?)
  GROUP BY 1, 2`

/** Direct costs of a year per programme (class 6 lines carrying a programme). */
const SQL_DIRECT_COST_BY_PROGRAMME = `
  SELECT l.programme_id AS id, extract(year FROM f.end_date)::int AS year, sum(l.debit - l.credit)::text AS amount
  FROM entry_lines l JOIN entries e ON e.id = l.entry_id JOIN fiscal_years f ON f.id = e.fiscal_year_id
  WHERE l.organisation_id = ? AND l.account_number LIKE '6%' AND l.programme_id IS NOT NULL
    AND extract(year FROM f.end_date) IN (?, ?)
  GROUP BY 1, 2`

/** Programmes with staff time allocated in a year. */
const SQL_ALLOCATED_PROGRAMMES = `
  SELECT DISTINCT programme_id AS id FROM time_allocations
  WHERE organisation_id = ? AND extract(year FROM month) IN (?, ?)`

/** Grant revenue of a year per funder. */
const SQL_FUNDING_BY_FUNDER = `
  SELECT f.id, f.name, y.year, sum(y.amount)::text AS amount
  FROM grant_years y JOIN grants g ON g.id = y.grant_id JOIN funders f ON f.id = g.funder_id
  WHERE y.organisation_id = ? AND y.year IN (?, ?)
  GROUP BY f.id, f.name, y.year`

const euros = (d: Decimal) => formatMoney(d)

interface Ratio {
  key: string
  name: string
  funding: Decimal
  people: Decimal
  ratio: Decimal
  previous: Decimal | null
}

function median(values: Decimal[]) {
  const sorted = [...values].sort((a, b) => a.comparedTo(b))
  return sorted[Math.floor(sorted.length / 2)]
}

/** Flags a ratio more than 3 times the median (or under a third), or moving by more than half. */
function ratioResults(
  id: string,
  unitLabel: string,
  ratios: Ratio[],
  compareAcross: boolean
): CheckResult[] {
  const mid = compareAcross ? median(ratios.map((r) => r.ratio)) : null
  return ratios.map((r) => {
    const farFromMedian = mid !== null && (r.ratio.gt(mid.times(3)) || r.ratio.lt(mid.div(3)))
    const change =
      r.previous && !r.previous.isZero() ? r.ratio.minus(r.previous).div(r.previous) : null
    const jump = change !== null && change.abs().gt(0.5)
    const reasons = [
      farFromMedian ? `loin de la médiane (${euros(mid!)})` : null,
      jump
        ? `${change!.isNegative() ? '' : '+'}${change!.times(100).toFixed(0)} % par rapport à N-1 (${euros(r.previous!)})`
        : null,
    ].filter(Boolean)
    return {
      checkId: `${id}:${r.key}`,
      title: `${r.name} : financement ${unitLabel}`,
      status: reasons.length ? 'atypical' : 'ok',
      expected: r.previous?.toDecimalPlaces(2) ?? null,
      actual: r.ratio.toDecimalPlaces(2),
      difference: r.previous ? r.ratio.minus(r.previous).toDecimalPlaces(2) : null,
      unit: 'eur',
      explanation: reasons.length
        ? `Valeur atypique : ${euros(r.ratio)} ${unitLabel}, ${reasons.join(' ; ')}.`
        : null,
      details: [
        { label: 'Financement', value: r.funding.toNumber() },
        { label: 'Bénéficiaires', value: r.people.toNumber() },
        { label: 'Ratio N-1', value: r.previous?.toDecimalPlaces(2).toNumber() ?? null },
      ],
    }
  })
}

function byYear(rows: AmountRow[], year: number) {
  const map = new Map<string, Decimal>()
  for (const row of rows)
    if (Number(row.year) === year) map.set(String(row.id), toMoney(row.amount))
  return map
}

async function ratiosFor(
  context: CheckContext,
  sql: string,
  subjectsOf: (
    data: ActivityValues,
    rows: AmountRow[]
  ) => Array<{
    key: string
    id: string
    name: string
    people: (year: number) => Decimal | null
  }>
) {
  const data = await context.activity()
  const rows: AmountRow[] = (
    await context.client.rawQuery(sql, [context.organisationId, context.year, context.year - 1])
  ).rows
  const subjects = subjectsOf(data, rows)
  const now = byYear(rows, context.year)
  const before = byYear(rows, context.year - 1)
  const ratios: Ratio[] = []
  for (const subject of subjects) {
    const funding = now.get(subject.id)
    const people = subject.people(data.year)
    if (!funding || !people || people.isZero() || funding.isZero()) continue
    const fundingBefore = before.get(subject.id)
    const peopleBefore = subject.people(data.year - 1)
    ratios.push({
      key: subject.key,
      name: subject.name,
      funding,
      people,
      ratio: funding.div(people),
      previous:
        fundingBefore && peopleBefore && !peopleBefore.isZero()
          ? fundingBefore.div(peopleBefore)
          : null,
    })
  }
  return ratios
}

export const fundingChecks: CheckDefinition[] = [
  {
    id: 'funding.per_beneficiary',
    family: 'funding',
    domain: 'grants+activity',
    description:
      'Financement par bénéficiaire de chaque dispositif (conventions rattachées au dispositif / bénéficiaires), avec N-1 ; valeurs atypiques signalées.',
    inputs: ['grant_programmes', 'grant_years', 'beneficiaires_dispositif (N, N-1)'],
    tolerance:
      'Atypique : plus de 3 fois la médiane des dispositifs ou moins du tiers, ou variation de plus de 50 % sur un an.',
    async run(context) {
      const title = 'Financement par bénéficiaire et par dispositif'
      if (!(await context.hasTables('grant_programmes', 'grant_years'))) {
        return [missing(this.id, title, 'Les financements ne sont pas encore en place.')]
      }
      const ratios = await ratiosFor(context, SQL_FUNDING_BY_PROGRAMME, (data) =>
        data.programmes.map((p) => ({
          key: p.code,
          id: String(p.id),
          name: p.name,
          people: (year) => data.value('beneficiaires_dispositif', { programme: p.code }, year),
        }))
      )
      if (ratios.length === 0) {
        return [
          missing(
            this.id,
            title,
            `Aucun dispositif n'a à la fois une convention rattachée et des bénéficiaires en ${context.year}.`
          ),
        ]
      }
      return ratioResults(this.id, 'par bénéficiaire', ratios, true)
    },
  },
  {
    id: 'funding.per_young_person_by_territory',
    family: 'funding',
    domain: 'accounting+activity',
    description:
      "Subventions comptabilisées (74x) par antenne (lignes portant un territoire) rapportées aux jeunes accompagnés de l'antenne, avec N-1 ; valeurs atypiques signalées.",
    inputs: ['entry_lines 74x avec territory_id', 'jeunes_accompagnes par antenne (N, N-1)'],
    tolerance:
      'Atypique : plus de 3 fois la médiane des antennes ou moins du tiers, ou variation de plus de 50 % sur un an.',
    async run(context) {
      const title = 'Financement par jeune et par antenne'
      if (!(await context.hasTables('entry_lines', 'entries', 'fiscal_years'))) {
        return [missing(this.id, title, "La comptabilité n'est pas encore en place.")]
      }
      const ratios = await ratiosFor(context, SQL_FUNDING_BY_ANTENNA, (data) =>
        data.antennas().map((a) => ({
          key: a.code,
          id: String(a.id),
          name: a.name,
          people: (year) => data.value('jeunes_accompagnes', { territory: a.code }, year),
        }))
      )
      if (ratios.length === 0) {
        return [
          missing(
            this.id,
            title,
            `Aucune subvention comptabilisée en ${context.year} ne porte un territoire, ou aucune antenne n'a de jeunes accompagnés.`
          ),
        ]
      }
      return ratioResults(this.id, 'par jeune accompagné', ratios, true)
    },
  },
  {
    id: 'funding.per_young_person_by_funder',
    family: 'funding',
    domain: 'grants+activity',
    description:
      'Produits de subvention de chaque financeur rapportés au nombre de jeunes accompagnés, avec N-1 ; une variation de plus de 50 % sur un an est signalée.',
    inputs: ['grant_years', 'grants', 'funders', 'jeunes_accompagnes (N, N-1)'],
    tolerance: 'Atypique : variation de plus de 50 % sur un an.',
    async run(context) {
      const title = 'Financement par jeune et par financeur'
      if (!(await context.hasTables('grant_years', 'grants', 'funders'))) {
        return [missing(this.id, title, 'Les financements ne sont pas encore en place.')]
      }
      const ratios = await ratiosFor(context, SQL_FUNDING_BY_FUNDER, (data, rows) =>
        [...new Map(rows.map((r) => [String(r.id), String(r.name)])).entries()].map(
          ([id, name]) => ({
            key: id,
            id,
            name,
            people: (year) => data.value('jeunes_accompagnes', {}, year),
          })
        )
      )
      if (ratios.length === 0) {
        return [
          missing(
            this.id,
            title,
            `Aucun produit de subvention ou aucun jeune accompagné en ${context.year}.`
          ),
        ]
      }
      return ratioResults(this.id, 'par jeune accompagné', ratios, false)
    },
  },
  {
    id: 'funding.cost_per_beneficiary',
    family: 'funding',
    domain: 'hr+accounting+activity',
    description:
      'Coût par bénéficiaire de chaque dispositif : coût du personnel affecté (temps RH × salaires chargés) et charges directes de la comptabilité analytique, rapportés aux bénéficiaires, avec N-1 et la couverture par les financements ; valeurs atypiques signalées.',
    inputs: [
      'time_allocations, contracts, salary_events (coût du personnel)',
      'entry_lines classe 6 avec programme_id',
      'grant_programmes, grant_years',
      'beneficiaires_dispositif (N, N-1)',
    ],
    tolerance:
      'Atypique : plus de 3 fois la médiane des dispositifs ou moins du tiers, ou variation de plus de 50 % sur un an.',
    async run(context) {
      const title = 'Coût par bénéficiaire et par dispositif'
      const hasLedger = await context.hasTables('entry_lines', 'entries', 'fiscal_years')
      const hasTime = await context.hasTables('time_allocations', 'contracts', 'salary_events')
      if (!hasLedger && !hasTime) {
        return [
          missing(
            this.id,
            title,
            'Ni la comptabilité ni les affectations de temps ne sont en place.'
          ),
        ]
      }
      const data = await context.activity()
      const params = [context.organisationId, context.year, context.year - 1]
      const direct = hasLedger
        ? (await context.client.rawQuery(SQL_DIRECT_COST_BY_PROGRAMME, params)).rows
        : []
      const allocated: Set<number> = hasTime
        ? new Set<number>(
            (await context.client.rawQuery(SQL_ALLOCATED_PROGRAMMES, params)).rows.map(
              (r: { id: number | string }) => Number(r.id)
            )
          )
        : new Set<number>()
      const staff: AmountRow[] = []
      if (allocated.size > 0) {
        const { ProgrammeStaffCost } = await import('#reports/hr/staff_costs')
        for (const id of allocated) {
          for (const year of [context.year, context.year - 1]) {
            const cost = await new ProgrammeStaffCost(context.tenant, {
              programmeId: id,
              from: `${year}-01-01`,
              to: `${year}-12-31`,
            }).build()
            if (!cost.total.isZero()) staff.push({ id, year, amount: cost.total.toString() })
          }
        }
      }
      const funding = (await context.hasTables('grant_programmes', 'grant_years'))
        ? (await context.client.rawQuery(SQL_FUNDING_BY_PROGRAMME, params)).rows
        : []
      const total = (year: number, id: number) => {
        const pick = (rows: AmountRow[]) =>
          rows
            .filter((r) => Number(r.id) === id && Number(r.year) === year)
            .reduce((sum, r) => sum.plus(r.amount), ZERO)
        return { direct: pick(direct), staff: pick(staff), funding: pick(funding) }
      }
      const ratios: Ratio[] = []
      const extra = new Map<string, { direct: Decimal; staff: Decimal; funding: Decimal }>()
      for (const programme of data.programmes) {
        const now = total(context.year, programme.id)
        const cost = now.direct.plus(now.staff)
        const people = data.value('beneficiaires_dispositif', { programme: programme.code })
        if (cost.isZero() || !people || people.isZero()) continue
        const before = total(context.year - 1, programme.id)
        const costBefore = before.direct.plus(before.staff)
        const peopleBefore = data.value(
          'beneficiaires_dispositif',
          { programme: programme.code },
          context.year - 1
        )
        ratios.push({
          key: programme.code,
          name: programme.name,
          funding: cost,
          people,
          ratio: cost.div(people),
          previous:
            !costBefore.isZero() && peopleBefore && !peopleBefore.isZero()
              ? costBefore.div(peopleBefore)
              : null,
        })
        extra.set(programme.code, now)
      }
      if (ratios.length === 0) {
        return [
          missing(
            this.id,
            title,
            `Aucun dispositif n'a à la fois un coût (personnel affecté ou charges analytiques) et des bénéficiaires en ${context.year}.`
          ),
        ]
      }
      return ratioResults(this.id, 'de coût par bénéficiaire', ratios, ratios.length >= 3).map(
        (result) => {
          const parts = extra.get(result.checkId.split(':').pop()!)!
          result.details = [
            {
              label: 'Coût du personnel affecté (RH)',
              value: parts.staff.toDecimalPlaces(2).toNumber(),
              link: { route: 'hr.home' },
            },
            {
              label: 'Charges directes (comptabilité analytique)',
              value: parts.direct.toDecimalPlaces(2).toNumber(),
            },
            {
              label: 'Financements rattachés au dispositif',
              value: parts.funding.toDecimalPlaces(2).toNumber(),
            },
            ...(result.details ?? []).filter((d) => d.label !== 'Financement'),
          ]
          return result
        }
      )
    },
  },
]
