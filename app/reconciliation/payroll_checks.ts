import { DsnPayrollMonths, type PayrollMonth } from '#reports/hr/dsn_payroll'
import {
  compare,
  missing,
  type CheckContext,
  type CheckDefinition,
  type CheckResult,
} from '#reconciliation/types'
import { formatMoney } from '#support/french_format'

/*
 * The payroll of the monthly DSN (issue #19) against the ledger and the register, month by
 * month: gross pay (641x), employer contributions (645x), and the people declared against the
 * register's headcount. Exact: the DSN and the ledger come from the same payroll.
 */

const monthLabel = (month: string) => `${month.slice(5, 7)}/${month.slice(0, 4)}`

async function payrollMonths(context: CheckContext) {
  if (!(await context.hasTables('dsn_declarations', 'entry_lines', 'contracts'))) return null
  const { months } = await new DsnPayrollMonths(
    context.tenant,
    { year: context.year },
    context.reportClient
  ).build()
  return months.some((m) => m.dsnGross !== null) ? months : null
}

function amountCheck(
  id: string,
  what: string,
  accounts: string,
  pick: (m: PayrollMonth) => { dsn: PayrollMonth['dsnGross']; ledger: PayrollMonth['ledgerGross'] }
): CheckDefinition {
  return {
    id,
    family: 'cross_domain',
    domain: 'hr+accounting',
    description: `${what} de chaque mois : DSN du mois / comptabilité (${accounts}).`,
    inputs: [
      'dsn_declarations (déclaration en vigueur du mois)',
      `entry_lines ${accounts} par mois`,
    ],
    tolerance: 'Aucune : la DSN et la comptabilité viennent de la même paie.',
    async run(context) {
      const title = `${what} : DSN / comptabilité (${accounts})`
      const months = await payrollMonths(context)
      if (!months) return [missing(this.id, title, `Aucune DSN importée pour ${context.year}.`)]
      return months
        .filter((m) => m.dsnGross !== null || !pick(m).ledger.isZero())
        .map((m): CheckResult => {
          const checkId = `${this.id}:${m.month.slice(0, 7)}`
          const monthTitle = `${title}, ${monthLabel(m.month)}`
          const { dsn, ledger } = pick(m)
          if (dsn === null)
            return missing(
              checkId,
              monthTitle,
              `Aucune DSN en vigueur pour ${monthLabel(m.month)}.`
            )
          const { status, difference } = compare(dsn, ledger)
          return {
            checkId,
            title: monthTitle,
            status,
            expected: dsn,
            actual: ledger,
            difference,
            tolerance: 0,
            unit: 'eur',
            details: [
              { label: 'DSN du mois', value: dsn.toNumber(), link: { route: 'hr.personal.dsn' } },
              { label: `Comptabilité ${accounts}`, value: ledger.toNumber() },
            ],
            explanation:
              status === 'ok'
                ? null
                : `DSN ${formatMoney(dsn)}, comptabilité ${formatMoney(ledger)}.`,
          }
        })
    },
  }
}

export const payrollChecks: CheckDefinition[] = [
  amountCheck('payroll.gross_dsn_vs_ledger', 'Salaires bruts', '641x', (m) => ({
    dsn: m.dsnGross,
    ledger: m.ledgerGross,
  })),
  amountCheck('payroll.contributions_dsn_vs_ledger', 'Cotisations patronales', '645x', (m) => ({
    dsn: m.dsnContributions,
    ledger: m.ledgerContributions,
  })),
  {
    id: 'payroll.headcount_dsn_vs_register',
    family: 'cross_domain',
    domain: 'hr',
    description:
      'Salariés déclarés dans la DSN de chaque mois / salariés ayant un contrat en vigueur ce mois-là au registre du personnel.',
    inputs: ['dsn_declarations (effectif déclaré)', 'contracts (en vigueur pendant le mois)'],
    tolerance: 'Aucune.',
    async run(context) {
      const title = 'Effectif : DSN / registre du personnel'
      const months = await payrollMonths(context)
      if (!months) return [missing(this.id, title, `Aucune DSN importée pour ${context.year}.`)]
      return months
        .filter((m) => m.dsnHeadcount !== null || m.registerHeadcount > 0)
        .map((m): CheckResult => {
          const checkId = `${this.id}:${m.month.slice(0, 7)}`
          const monthTitle = `${title}, ${monthLabel(m.month)}`
          if (m.dsnHeadcount === null)
            return missing(
              checkId,
              monthTitle,
              `Aucune DSN en vigueur pour ${monthLabel(m.month)}.`
            )
          const { status, difference } = compare(m.dsnHeadcount, m.registerHeadcount)
          return {
            checkId,
            title: monthTitle,
            status,
            expected: m.dsnHeadcount,
            actual: m.registerHeadcount,
            difference,
            tolerance: 0,
            unit: 'count',
            details: [
              {
                label: 'Salariés déclarés (DSN)',
                value: m.dsnHeadcount,
                link: { route: 'hr.personal.dsn' },
              },
              {
                label: 'Salariés sous contrat (registre)',
                value: m.registerHeadcount,
                link: { route: 'hr.personal.register' },
              },
            ],
            explanation:
              status === 'ok'
                ? null
                : `DSN ${m.dsnHeadcount} salariés, registre ${m.registerHeadcount}.`,
          }
        })
    },
  },
]
