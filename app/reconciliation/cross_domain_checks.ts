import { Decimal } from 'decimal.js'
import { balances } from '#reconciliation/accounting_checks'
import { compare, missing, type CheckDefinition, type CheckResult } from '#reconciliation/types'

/*
 * Checks across accounting, grants, HR and activity. The other domains' tables are guarded by
 * existence: when they are not there (or empty) the result is "missing data" with the reason.
 * Each check keeps its SQL in one constant.
 */

/** Revenue recognised per funder for a year, from the grants (grant_years). */
const SQL_GRANT_REVENUE_BY_FUNDER = `
  SELECT f.id, f.name, coalesce(sum(y.amount), 0)::text AS amount
  FROM grant_years y JOIN grants g ON g.id = y.grant_id JOIN funders f ON f.id = g.funder_id
  WHERE y.organisation_id = ? AND y.year = ?
  GROUP BY f.id, f.name ORDER BY f.name`

/** Revenue per funder booked in the ledger (class 7 lines carrying a grant). */
const SQL_LEDGER_REVENUE_BY_FUNDER = `
  SELECT g.funder_id AS id, coalesce(sum(l.credit - l.debit), 0)::text AS amount
  FROM entry_lines l JOIN entries e ON e.id = l.entry_id JOIN fiscal_years fy ON fy.id = e.fiscal_year_id
  JOIN grants g ON g.id = l.grant_id
  WHERE l.organisation_id = ? AND extract(year FROM fy.end_date) = ? AND l.account_number LIKE '7%'
  GROUP BY g.funder_id`

/** Training costs recorded by HR for a year. */
const SQL_TRAINING_COSTS = `
  SELECT coalesce(sum(amount), 0)::text AS amount, count(*)::int AS n
  FROM training_cost_lines WHERE organisation_id = ? AND extract(year FROM incurred_on) = ?`

/** OPCO refunds received, recorded by HR for a year. */
const SQL_OPCO_REFUNDS = `
  SELECT coalesce(sum(amount_received), 0)::text AS amount, count(*)::int AS n
  FROM training_financing_lines WHERE organisation_id = ? AND extract(year FROM received_on) = ?`

/** Staff time (FTE-months) per programme and the grants funding the programme. */
const SQL_TIME_AND_FUNDING_BY_PROGRAMME = `
  SELECT p.id, p.name,
    coalesce((SELECT sum(t.share) FROM time_allocations t WHERE t.organisation_id = p.organisation_id
      AND t.programme_id = p.id AND extract(year FROM t.month) = ?), 0)::text AS fte_months,
    coalesce((SELECT sum(y.amount) FROM grant_programmes gp JOIN grant_years y ON y.grant_id = gp.grant_id
      WHERE gp.programme_id = p.id AND y.year = ?), 0)::text AS funding
  FROM programmes p WHERE p.organisation_id = ? ORDER BY p.position, p.id`

const euros = (d: Decimal) =>
  new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(d.toNumber())

export const crossDomainChecks: CheckDefinition[] = [
  {
    id: 'cross.grant_revenue_vs_ledger',
    family: 'cross_domain',
    domain: 'grants+accounting',
    description: 'Les produits de subvention de chaque financeur (conventions) égalent les produits comptabilisés (classe 7) sur ses conventions.',
    inputs: ['grant_years', 'grants', 'funders', 'entry_lines (classe 7, grant_id)'],
    tolerance: '1 €.',
    async run(context) {
      const title = 'Produits de subventions par financeur'
      if (!(await context.hasTables('grant_years', 'grants', 'funders', 'entry_lines'))) {
        return [missing(this.id, title, 'Les financements ou la comptabilité ne sont pas encore en place.')]
      }
      const grants = (await context.client.rawQuery(SQL_GRANT_REVENUE_BY_FUNDER, [context.organisationId, context.year])).rows
      if (grants.length === 0) return [missing(this.id, title, `Aucun produit de subvention pour ${context.year}.`)]
      const ledger = new Map<number, Decimal>(
        (await context.client.rawQuery(SQL_LEDGER_REVENUE_BY_FUNDER, [context.organisationId, context.year])).rows.map(
          (r: any) => [r.id, new Decimal(r.amount)]
        )
      )
      if (ledger.size === 0) {
        return [missing(this.id, title, 'Aucune ligne de produit de la comptabilité ne porte de convention.')]
      }
      return grants.map((row: any): CheckResult => {
        const expected = new Decimal(row.amount)
        const actual = ledger.get(row.id) ?? new Decimal(0)
        const { status, difference } = compare(expected, actual, 1)
        return {
          checkId: `${this.id}:${row.id}`,
          title: `${row.name} : conventions = produits comptabilisés`,
          status,
          expected,
          actual,
          difference,
          tolerance: 1,
          unit: 'eur',
          explanation: status === 'ok' ? null : `Conventions ${euros(expected)}, comptabilité ${euros(actual)}.`,
        }
      })
    },
  },
  {
    id: 'cross.payroll_vs_register',
    family: 'cross_domain',
    domain: 'hr+accounting',
    description: 'La masse salariale comptabilisée (64x) correspond à celle du registre du personnel.',
    inputs: ['entry_lines 64x', 'registre du personnel (contrats, salaires)'],
    tolerance: '1 % de la masse salariale (paramétrable).',
    async run(context) {
      const title = 'Masse salariale : comptabilité (64x) / registre'
      if (!(await context.hasTables('entry_lines', 'contracts', 'salary_events'))) {
        return [missing(this.id, title, 'La comptabilité ou le registre du personnel ne sont pas encore en place.')]
      }
      const ledger = (await balances(context.client, context.organisationId, context.year, ['64'])).get('64')!
      if (ledger.lines === 0) return [missing(this.id, title, `Aucune charge de personnel (64x) comptabilisée en ${context.year}.`)]
      return [
        {
          ...missing(this.id, title, "La masse salariale annuelle du registre n'est pas encore calculée par le domaine RH."),
          actual: ledger.balance,
          unit: 'eur',
        },
      ]
    },
  },
  {
    id: 'cross.training_vs_ledger',
    family: 'cross_domain',
    domain: 'hr+accounting',
    description: 'Les coûts de formation (RH) et remboursements OPCO reçus correspondent aux comptes de formation (6333, 6228 formation) et de produits OPCO (7917/791).',
    inputs: ['training_cost_lines', 'training_financing_lines', 'entry_lines 6333, 791'],
    tolerance: '1 €.',
    async run(context) {
      const title = 'Formation : RH / comptabilité'
      if (!(await context.hasTables('training_cost_lines', 'training_financing_lines', 'entry_lines'))) {
        return [missing(this.id, title, 'La formation (RH) ou la comptabilité ne sont pas encore en place.')]
      }
      const costs = (await context.client.rawQuery(SQL_TRAINING_COSTS, [context.organisationId, context.year])).rows[0]
      const refunds = (await context.client.rawQuery(SQL_OPCO_REFUNDS, [context.organisationId, context.year])).rows[0]
      const ledger = await balances(context.client, context.organisationId, context.year, ['6333', '791'])
      const results: CheckResult[] = []
      if (costs.n === 0 || ledger.get('6333')!.lines === 0) {
        results.push(missing(`${this.id}:costs`, 'Coûts de formation : RH / 6333', 'Coûts de formation RH ou compte 6333 sans données.'))
      } else {
        const expected = new Decimal(costs.amount)
        const actual = ledger.get('6333')!.balance
        const { status, difference } = compare(expected, actual, 1)
        results.push({ checkId: `${this.id}:costs`, title: 'Coûts de formation : RH / 6333', status, expected, actual, difference, tolerance: 1, unit: 'eur', explanation: status === 'ok' ? null : `RH ${euros(expected)}, comptabilité ${euros(actual)}.` })
      }
      if (refunds.n === 0 || ledger.get('791')!.lines === 0) {
        results.push(missing(`${this.id}:opco`, 'Remboursements OPCO : RH / 791', 'Remboursements OPCO ou compte 791 sans données.'))
      } else {
        const expected = new Decimal(refunds.amount)
        const actual = ledger.get('791')!.balance.negated()
        const { status, difference } = compare(expected, actual, 1)
        results.push({ checkId: `${this.id}:opco`, title: 'Remboursements OPCO : RH / 791', status, expected, actual, difference, tolerance: 1, unit: 'eur', explanation: status === 'ok' ? null : `RH ${euros(expected)}, comptabilité ${euros(actual)}.` })
      }
      return results
    },
  },
  {
    id: 'cross.staff_time_vs_funding',
    family: 'cross_domain',
    domain: 'hr+grants',
    description: "Un dispositif financé a du temps de personnel affecté, et du temps n'est pas affecté à un dispositif sans financement.",
    inputs: ['time_allocations', 'grant_programmes', 'grant_years'],
    tolerance: 'Aucune.',
    async run(context) {
      const title = 'Temps de personnel / financement des dispositifs'
      if (!(await context.hasTables('time_allocations', 'grant_programmes', 'grant_years'))) {
        return [missing(this.id, title, 'Les affectations de temps ou les financements ne sont pas encore en place.')]
      }
      const rows = (await context.client.rawQuery(SQL_TIME_AND_FUNDING_BY_PROGRAMME, [context.year, context.year, context.organisationId])).rows
      const relevant = rows.filter((r: any) => !new Decimal(r.fte_months).isZero() || !new Decimal(r.funding).isZero())
      if (relevant.length === 0) return [missing(this.id, title, `Ni temps affecté ni financement par dispositif en ${context.year}.`)]
      return relevant.map((r: any): CheckResult => {
        const time = new Decimal(r.fte_months)
        const funding = new Decimal(r.funding)
        const ok = !time.isZero() && !funding.isZero()
        return {
          checkId: `${this.id}:${r.id}`,
          title: `${r.name} : temps affecté et financement`,
          status: ok ? 'ok' : 'discrepancy',
          expected: funding,
          actual: time,
          unit: 'eur',
          explanation: ok ? null : time.isZero() ? `Financé (${euros(funding)}) sans temps de personnel affecté.` : `${time.toFixed(2)} mois-ETP affectés sans financement.`,
        }
      })
    },
  },
  {
    id: 'funding.per_beneficiary',
    family: 'funding',
    domain: 'grants+activity',
    description: 'Financement par bénéficiaire de chaque dispositif, avec N-1 ; les valeurs éloignées (plus de 3 fois la médiane ou moins du tiers) sont signalées.',
    inputs: ['grant_programmes', 'grant_years', 'beneficiaires_dispositif'],
    tolerance: 'Écart à la médiane : facteur 3.',
    async run(context) {
      const title = 'Financement par bénéficiaire et par dispositif'
      if (!(await context.hasTables('grant_programmes', 'grant_years'))) {
        return [missing(this.id, title, 'Les financements ne sont pas encore en place.')]
      }
      const data = await context.activity()
      const rows = (await context.client.rawQuery(SQL_TIME_AND_FUNDING_BY_PROGRAMME, [context.year, context.year, context.organisationId])).rows
      const ratios: Array<{ id: number; name: string; funding: Decimal; people: Decimal; ratio: Decimal; code: string }> = []
      for (const r of rows) {
        const programme = data.programmes.find((p) => p.id === r.id)
        const people = programme ? data.value('beneficiaires_dispositif', { programme: programme.code }) : null
        const funding = new Decimal(r.funding)
        if (!programme || !people || people.isZero() || funding.isZero()) continue
        ratios.push({ id: r.id, name: r.name, funding, people, ratio: funding.div(people), code: programme.code })
      }
      if (ratios.length === 0) return [missing(this.id, title, `Aucun dispositif n'a à la fois un financement et des bénéficiaires en ${context.year}.`)]
      const sorted = ratios.map((r) => r.ratio).sort((a, b) => a.comparedTo(b))
      const median = sorted[Math.floor(sorted.length / 2)]
      return ratios.map((r): CheckResult => {
        const outlier = r.ratio.gt(median.times(3)) || r.ratio.lt(median.div(3))
        return {
          checkId: `${this.id}:${r.code}`,
          title: `${r.name} : financement par bénéficiaire`,
          status: outlier ? 'discrepancy' : 'ok',
          expected: median.toDecimalPlaces(2),
          actual: r.ratio.toDecimalPlaces(2),
          unit: 'eur',
          explanation: outlier ? `${euros(r.ratio)} par bénéficiaire, loin de la médiane des dispositifs (${euros(median)}).` : null,
          details: [
            { label: 'Financement', value: r.funding.toNumber() },
            { label: 'Bénéficiaires', value: r.people.toNumber() },
          ],
        }
      })
    },
  },
]
