import { formatMoney, formatPercent } from '#support/french_format'
import { Decimal } from 'decimal.js'
import { toMoney, ZERO } from '#support/money'
import { balanceLink, balances } from '#reconciliation/accounting_checks'
import { compare, missing, type CheckDefinition, type CheckResult } from '#reconciliation/types'
import { opcoRefundAccountsFor, RECONCILIATION_SETTINGS } from '#reconciliation/settings'
import { REVENUE_LINE } from '#reports/grants/sql'

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

/**
 * Grant revenue per funder booked in the ledger, as the grants domain attributes it: the
 * grants' view of the ledger (grant_ledger_lines: the line's analytic grant_id, or its share
 * allocated to a convention in grant_line_allocations), on the convention's revenue accounts
 * (74x or its own revenue account), opening entries excluded. 7894 (use of dedicated funds) is
 * not the year's grant revenue and stays out.
 */
const SQL_LEDGER_REVENUE_BY_FUNDER = `
  SELECT g.funder_id AS id, coalesce(sum(l.credit - l.debit), 0)::text AS amount, count(*)::int AS lines
  FROM grant_ledger_lines l JOIN grants g ON g.id = l.grant_id
  JOIN entries e ON e.id = l.entry_id JOIN journals j ON j.id = e.journal_id
  JOIN fiscal_years fy ON fy.id = e.fiscal_year_id
  WHERE l.organisation_id = ? AND extract(year FROM fy.end_date) = ? AND j.code <> 'AN' AND ${REVENUE_LINE}
  GROUP BY g.funder_id`

/** Operating grants (74x) of the income statement, and the part attributed to a convention. */
const SQL_LEDGER_GRANT_REVENUE_TOTAL = `
  SELECT coalesce(sum(l.credit - l.debit), 0)::text AS booked,
    coalesce(sum(CASE WHEN l.grant_id IS NOT NULL THEN l.credit - l.debit END), 0)::text AS analytic,
    coalesce((SELECT sum(CASE WHEN x.credit > 0 THEN a.amount ELSE -a.amount END)
      FROM grant_line_allocations a JOIN entry_lines x ON x.id = a.entry_line_id
      JOIN entries xe ON xe.id = x.entry_id JOIN journals xj ON xj.id = xe.journal_id
      JOIN fiscal_years xf ON xf.id = xe.fiscal_year_id
      WHERE a.organisation_id = ? AND extract(year FROM xf.end_date) = ? AND xj.code <> 'AN'
        AND x.account_number LIKE '74%'), 0)::text AS allocated
  FROM entry_lines l JOIN entries e ON e.id = l.entry_id JOIN journals j ON j.id = e.journal_id
  JOIN fiscal_years fy ON fy.id = e.fiscal_year_id
  WHERE l.organisation_id = ? AND extract(year FROM fy.end_date) = ? AND j.code <> 'AN'
    AND l.account_number LIKE '74%'`

/** External training costs recorded by HR for a year (trainees' salaries stay in 64x). */
const SQL_TRAINING_COSTS = `
  SELECT coalesce(sum(amount), 0)::text AS amount, count(*)::int AS n
  FROM training_cost_lines WHERE organisation_id = ? AND extract(year FROM incurred_on) = ? AND kind <> 'salaire'`

/**
 * Base salary mass of the staff register for a year: for each month, every contract in force at
 * the FTE annual rate in force at the month's end / 12 x part-time share x the share of the
 * month's days under contract (a hire or an exit mid-month is paid for the days worked, as the
 * DSN declares it).
 */
const SQL_REGISTER_SALARY_MASS = `
  WITH m AS (
    SELECT month::date AS month, (month + interval '1 month' - interval '1 day')::date AS month_end
    FROM generate_series(make_date(?, 1, 1), make_date(?, 12, 1), interval '1 month') AS month
  )
  SELECT coalesce(sum(r.rate / 12 * c.part_time_share
      * (least(coalesce(c.end_date, m.month_end), m.month_end) - greatest(c.start_date, m.month) + 1)
      / extract(day FROM m.month_end)), 0)::text AS gross,
    count(DISTINCT c.employee_id)::int AS employees
  FROM m
  JOIN contracts c ON c.organisation_id = ? AND c.superseded_at IS NULL
    AND c.start_date <= m.month_end AND (c.end_date IS NULL OR c.end_date >= m.month)
  JOIN LATERAL (
    SELECT gross_annual_fte AS rate FROM salary_events se
    WHERE se.organisation_id = c.organisation_id AND se.employee_id = c.employee_id AND se.effective_date <= m.month_end
    ORDER BY se.effective_date DESC, se.id DESC LIMIT 1
  ) r ON true`

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

const euros = (d: Decimal) => formatMoney(d)

/** Rows of the raw SQL below (pg returns numeric as text). */
interface GrantByFunder {
  id: number
  name: string
  amount: string
}
interface LedgerByFunder {
  id: number
  amount: string
  lines: number
}
interface TimeAndFunding {
  id: number
  name: string
  fte_months: string
  funding: string
}

export const crossDomainChecks: CheckDefinition[] = [
  {
    id: 'cross.grant_revenue_vs_ledger',
    family: 'cross_domain',
    domain: 'grants+accounting',
    description:
      "Les produits de subvention de chaque financeur (répartition annuelle des conventions) égalent les produits comptabilisés (74x) rattachés à ses conventions, par la convention de la ligne ou par une attribution ; les subventions d'exploitation (74x) sont toutes rattachées à une convention.",
    inputs: [
      'grant_years',
      'grants',
      'funders',
      'grant_ledger_lines (entry_lines.grant_id + grant_line_allocations), comptes 74x',
    ],
    tolerance: '1 €.',
    async run(context) {
      const title = 'Produits de subventions par financeur'
      if (!(await context.hasTables('grant_years', 'grants', 'funders', 'grant_ledger_lines'))) {
        return [
          missing(
            this.id,
            title,
            'Les financements ou la comptabilité ne sont pas encore en place.'
          ),
        ]
      }
      const grants = (
        await context.client.rawQuery(SQL_GRANT_REVENUE_BY_FUNDER, [
          context.organisationId,
          context.year,
        ])
      ).rows
      if (grants.length === 0)
        return [missing(this.id, title, `Aucun produit de subvention pour ${context.year}.`)]
      const ledgerRows = (
        await context.client.rawQuery(SQL_LEDGER_REVENUE_BY_FUNDER, [
          context.organisationId,
          context.year,
        ])
      ).rows
      const ledger = new Map<number, { amount: Decimal; lines: number }>(
        ledgerRows.map((r: LedgerByFunder) => [r.id, { amount: toMoney(r.amount), lines: r.lines }])
      )
      if (ledger.size === 0) {
        return [
          missing(
            this.id,
            title,
            'Aucune ligne de produit (74x) de la comptabilité n’est rattachée à une convention (ni sur la ligne, ni par attribution).'
          ),
        ]
      }
      const perFunder = grants.map((row: GrantByFunder): CheckResult => {
        const expected = toMoney(row.amount)
        const booked = ledger.get(row.id)
        const actual = booked?.amount ?? ZERO
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
          explanation:
            status === 'ok'
              ? null
              : `Conventions ${euros(expected)}, comptabilité ${euros(actual)} (${booked?.lines ?? 0} ligne(s) rattachée(s)).`,
          details: [
            { label: 'Répartition des conventions pour l’année', value: expected.toNumber() },
            {
              label: 'Produits 74x rattachés',
              value: actual.toNumber(),
              link: { route: 'grants.dashboard' },
            },
          ],
        }
      })
      const total = (
        await context.client.rawQuery(SQL_LEDGER_GRANT_REVENUE_TOTAL, [
          context.organisationId,
          context.year,
          context.organisationId,
          context.year,
        ])
      ).rows[0]
      const booked = toMoney(total.booked)
      const attributed = toMoney(total.analytic).plus(total.allocated)
      const { status, difference } = compare(booked, attributed, 1)
      const coverage: CheckResult = {
        checkId: `${this.id}:total`,
        title: "Subventions d'exploitation (74x) rattachées à une convention",
        status,
        expected: booked,
        actual: attributed,
        difference,
        tolerance: 1,
        unit: 'eur',
        explanation:
          status === 'ok'
            ? null
            : `Comptes 74x ${euros(booked)}, dont ${euros(attributed)} rattachés à une convention : ${euros(difference.neg())} sans convention.`,
        details: [
          { label: 'Comptes 74x (compte de résultat)', value: booked.toNumber() },
          { label: 'dont convention portée par la ligne', value: Number(total.analytic) },
          { label: 'dont attribution aux conventions', value: Number(total.allocated) },
        ],
      }
      return [...perFunder, coverage]
    },
  },
  {
    id: 'cross.payroll_vs_register',
    family: 'cross_domain',
    domain: 'hr+accounting',
    description:
      'Les salaires de base comptabilisés (6411) correspondent à la masse salariale de base du registre du personnel (salaire annuel ETP, temps partiel, jours sous contrat) ; les congés payés (6412), primes (6413) et indemnités (6414), que le registre ne porte pas, sont montrés à part.',
    inputs: [
      `entry_lines ${RECONCILIATION_SETTINGS.baseSalaryAccounts.join(', ')} (et 6412 à 6414 pour le détail)`,
      'contracts (dates, temps partiel)',
      'salary_events (salaire annuel ETP)',
    ],
    tolerance: `${RECONCILIATION_SETTINGS.payrollToleranceRatio * 100} % des salaires de base comptabilisés (paramètre des contrôles) : le registre donne une estimation.`,
    async run(context) {
      const title = 'Salaires de base : comptabilité (6411) / registre du personnel'
      if (!(await context.hasTables('entry_lines', 'contracts', 'salary_events'))) {
        return [
          missing(
            this.id,
            title,
            'La comptabilité ou le registre du personnel ne sont pas encore en place.'
          ),
        ]
      }
      const { baseSalaryAccounts, payrollToleranceRatio } = RECONCILIATION_SETTINGS
      const accounts = await balances(context.client, context.organisationId, context.year, [
        ...baseSalaryAccounts,
        '6412',
        '6413',
        '6414',
      ])
      const booked = baseSalaryAccounts.reduce((sum, p) => sum.plus(accounts.get(p)!.balance), ZERO)
      if (baseSalaryAccounts.every((p) => accounts.get(p)!.lines === 0))
        return [
          missing(
            this.id,
            title,
            `Aucun salaire de base (${baseSalaryAccounts.join(', ')}) comptabilisé en ${context.year}.`
          ),
        ]
      const register = (
        await context.client.rawQuery(SQL_REGISTER_SALARY_MASS, [
          context.year,
          context.year,
          context.organisationId,
        ])
      ).rows[0]
      if (register.employees === 0)
        return [
          missing(this.id, title, `Aucun contrat en vigueur dans le registre en ${context.year}.`),
        ]
      const expected = toMoney(register.gross).toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
      const tolerance = booked.abs().times(payrollToleranceRatio).toDecimalPlaces(2)
      const difference = booked.minus(expected)
      // The register holds rates, not pay slips: a gap within the tolerance is what an estimate
      // leaves (absences, rates changed mid-month), not a rounding; it is shown, not flagged.
      const status = difference.abs().lte(tolerance) ? 'ok' : 'discrepancy'
      const share = expected.isZero() ? ZERO : difference.div(expected)
      const details = [
        {
          label: 'Masse salariale de base du registre',
          value: expected.toNumber(),
          link: { route: 'hr.home' },
        },
        ...(await Promise.all(
          [...accounts.entries()].map(async ([prefix, b]) => ({
            label: `Compte ${prefix}${baseSalaryAccounts.includes(prefix) ? '' : ' (hors comparaison)'}`,
            value: b.balance.toNumber(),
            link: await balanceLink(context, context.year, prefix),
          }))
        )),
      ]
      return [
        {
          details,
          checkId: this.id,
          title,
          status,
          expected,
          actual: booked,
          difference,
          tolerance,
          unit: 'eur',
          explanation: `Registre ${euros(expected)} (${register.employees} salariés, au prorata des jours sous contrat), comptabilité ${euros(booked)} : écart ${euros(difference)} (${formatPercent(share)})${status === 'ok' ? ', dans la tolérance' : ''}.`,
        },
      ]
    },
  },
  {
    id: 'cross.training_vs_ledger',
    family: 'cross_domain',
    domain: 'hr+accounting',
    description:
      'Les coûts externes de formation (RH, hors salaires des stagiaires) et les remboursements OPCO reçus correspondent aux comptes dédiés de la comptabilité.',
    inputs: [
      'training_cost_lines',
      'training_financing_lines',
      `entry_lines ${RECONCILIATION_SETTINGS.trainingCostAccounts.join(', ')} et ${RECONCILIATION_SETTINGS.opcoRefundAccounts.transfer.join(', ')} (jusqu'en 2024) ou ${RECONCILIATION_SETTINGS.opcoRefundAccounts.charge.join(', ')} (plan 2025)`,
    ],
    tolerance: '1 €.',
    async run(context) {
      const title = 'Formation : RH / comptabilité'
      if (
        !(await context.hasTables('training_cost_lines', 'training_financing_lines', 'entry_lines'))
      ) {
        return [
          missing(
            this.id,
            title,
            'La formation (RH) ou la comptabilité ne sont pas encore en place.'
          ),
        ]
      }
      const { trainingCostAccounts } = RECONCILIATION_SETTINGS
      const opcoRefundAccounts = opcoRefundAccountsFor(context.year)
      const costs = (
        await context.client.rawQuery(SQL_TRAINING_COSTS, [context.organisationId, context.year])
      ).rows[0]
      const refunds = (
        await context.client.rawQuery(SQL_OPCO_REFUNDS, [context.organisationId, context.year])
      ).rows[0]
      const ledger = await balances(context.client, context.organisationId, context.year, [
        ...trainingCostAccounts,
        ...opcoRefundAccounts,
      ])
      const sum = (prefixes: string[]) =>
        prefixes.reduce((s, p) => s.plus(ledger.get(p)!.balance), ZERO)
      const lines = (prefixes: string[]) => prefixes.reduce((n, p) => n + ledger.get(p)!.lines, 0)
      const pair = (
        id: string,
        label: string,
        hr: { amount: string; n: number },
        prefixes: string[],
        sign: 1 | -1
      ): CheckResult => {
        const checkId = `${this.id}:${id}`
        const fullTitle = `${label} : RH / comptes ${prefixes.join(', ')}`
        if (hr.n === 0)
          return missing(checkId, fullTitle, `Aucune donnée de formation RH pour ${context.year}.`)
        if (lines(prefixes) === 0) {
          return missing(
            checkId,
            fullTitle,
            `Aucune écriture sur les comptes ${prefixes.join(', ')} en ${context.year} : la comptabilité n'isole pas ce montant.`
          )
        }
        const expected = toMoney(hr.amount)
        const actual = sum(prefixes).times(sign)
        const { status, difference } = compare(expected, actual, 1)
        return {
          checkId,
          title: fullTitle,
          status,
          expected,
          actual,
          difference,
          tolerance: 1,
          unit: 'eur',
          explanation:
            status === 'ok' ? null : `RH ${euros(expected)}, comptabilité ${euros(actual)}.`,
        }
      }
      return [
        pair('costs', 'Coûts externes de formation', costs, trainingCostAccounts, 1),
        pair('opco', 'Remboursements OPCO', refunds, opcoRefundAccounts, -1),
      ]
    },
  },
  {
    id: 'cross.staff_time_vs_funding',
    family: 'cross_domain',
    domain: 'hr+grants',
    description:
      "Un dispositif financé a du temps de personnel affecté, et du temps n'est pas affecté à un dispositif sans financement.",
    inputs: ['time_allocations', 'grant_programmes', 'grant_years'],
    tolerance: 'Aucune.',
    async run(context) {
      const title = 'Temps de personnel / financement des dispositifs'
      if (!(await context.hasTables('time_allocations', 'grant_programmes', 'grant_years'))) {
        return [
          missing(
            this.id,
            title,
            'Les affectations de temps ou les financements ne sont pas encore en place.'
          ),
        ]
      }
      const rows = (
        await context.client.rawQuery(SQL_TIME_AND_FUNDING_BY_PROGRAMME, [
          context.year,
          context.year,
          context.organisationId,
        ])
      ).rows
      const relevant = rows.filter(
        (r: TimeAndFunding) => !toMoney(r.fte_months).isZero() || !toMoney(r.funding).isZero()
      )
      if (relevant.length === 0)
        return [
          missing(
            this.id,
            title,
            `Ni temps affecté ni financement par dispositif en ${context.year}.`
          ),
        ]
      if (!relevant.some((r: TimeAndFunding) => !toMoney(r.funding).isZero())) {
        return [
          missing(
            this.id,
            title,
            `Aucune convention de ${context.year} n'est rattachée à un dispositif (grant_programmes) : le temps affecté ne peut pas être rapproché d'un financement.`
          ),
        ]
      }
      return relevant.map((r: TimeAndFunding): CheckResult => {
        const time = toMoney(r.fte_months)
        const funding = toMoney(r.funding)
        const ok = !time.isZero() && !funding.isZero()
        return {
          checkId: `${this.id}:${r.id}`,
          title: `${r.name} : temps affecté et financement`,
          status: ok ? 'ok' : 'discrepancy',
          expected: funding,
          actual: time,
          unit: 'eur',
          explanation: ok
            ? null
            : time.isZero()
              ? `Financé (${euros(funding)}) sans temps de personnel affecté.`
              : `${time.toFixed(2)} mois-ETP affectés sans financement.`,
        }
      })
    },
  },
]
