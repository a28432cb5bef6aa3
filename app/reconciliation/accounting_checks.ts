import { formatMoney } from '#support/french_format'
import type { Decimal } from 'decimal.js'
import { toMoney, ZERO } from '#support/money'
import {
  compare,
  missing,
  type CheckContext,
  type CheckDefinition,
  type CheckResult,
  type QueryClient,
} from '#reconciliation/types'
import type { PageLink } from '#support/page_link'

/*
 * Ledger checks, computed from entry_lines by account class so they do not depend on a
 * statement layout. Each check keeps its SQL here, in one constant, to align it with the
 * accounting domain's tables as they evolve. A fiscal year is identified by its end date's year.
 */

const LEDGER_TABLES = ['fiscal_years', 'entries', 'entry_lines']

/** Balance (debit - credit) of the accounts whose number starts with each prefix, for a year. */
const SQL_BALANCE_BY_PREFIX = `
  SELECT p.prefix, coalesce(sum(l.debit - l.credit), 0)::text AS balance, count(l.id)::int AS lines
  FROM unnest(?::text[]) AS p(prefix)
  LEFT JOIN (
    entry_lines l
    JOIN entries e ON e.id = l.entry_id
    JOIN fiscal_years f ON f.id = e.fiscal_year_id
  ) ON l.account_number LIKE p.prefix || '%'
     AND l.organisation_id = ? AND extract(year FROM f.end_date) = ?
  GROUP BY p.prefix`

/** Sum of debits and of credits of 6894 (new dedicated funds) / 7894 (used), per year. */
const SQL_TOTALS = `
  SELECT coalesce(sum(l.debit), 0)::text AS debit, coalesce(sum(l.credit), 0)::text AS credit, count(*)::int AS lines
  FROM entry_lines l
  JOIN entries e ON e.id = l.entry_id
  JOIN fiscal_years f ON f.id = e.fiscal_year_id
  WHERE l.organisation_id = ? AND extract(year FROM f.end_date) = ? AND l.account_number LIKE ? || '%'`

export async function balances(
  client: QueryClient,
  organisationId: number,
  year: number,
  prefixes: string[]
) {
  const result = await client.rawQuery(SQL_BALANCE_BY_PREFIX, [prefixes, organisationId, year])
  const map = new Map<string, { balance: Decimal; lines: number }>()
  for (const row of result.rows)
    map.set(row.prefix, { balance: toMoney(row.balance), lines: row.lines })
  return map
}

async function totals(client: QueryClient, organisationId: number, year: number, prefix: string) {
  const result = await client.rawQuery(SQL_TOTALS, [organisationId, year, prefix])
  const row = result.rows[0]
  return {
    debit: toMoney(row.debit),
    credit: toMoney(row.credit),
    lines: row.lines as number,
  }
}

/** Link to the trial balance of a fiscal year restricted to an account prefix (drill-down). */
export async function balanceLink(
  context: CheckContext,
  year: number,
  prefix: string
): Promise<PageLink | null> {
  const fiscalYear = await context.client
    .from('fiscal_years')
    .where('organisation_id', context.organisationId)
    .whereRaw('extract(year FROM end_date) = ?', [year])
    .select('id')
    .first()
  if (!fiscalYear) return null
  return {
    route: 'accounting.balance',
    qs: { exercice: fiscalYear.id, compte_de: prefix, compte_a: prefix.padEnd(12, '9') },
  }
}

async function ledgerReady(
  context: CheckContext,
  checkId: string,
  title: string,
  year = context.year
) {
  if (!(await context.hasTables(...LEDGER_TABLES))) {
    return missing(
      checkId,
      title,
      "La comptabilité (exercices, écritures) n'est pas encore en place."
    )
  }
  const count = await context.client.rawQuery(
    `SELECT count(*)::int AS n FROM entry_lines l JOIN entries e ON e.id = l.entry_id JOIN fiscal_years f ON f.id = e.fiscal_year_id WHERE l.organisation_id = ? AND extract(year FROM f.end_date) = ?`,
    [context.organisationId, year]
  )
  if (count.rows[0].n === 0)
    return missing(checkId, title, `Aucune écriture pour l'exercice ${year}.`)
  return null
}

const euros = (d: Decimal) => formatMoney(d)

function moneyResult(
  checkId: string,
  title: string,
  expected: Decimal,
  actual: Decimal,
  explain: string,
  tolerance = 0.01
): CheckResult {
  const { status, difference } = compare(expected, actual, tolerance)
  return {
    checkId,
    title,
    status,
    expected,
    actual,
    difference,
    tolerance,
    unit: 'eur',
    explanation: status === 'ok' ? null : `${explain} Écart : ${euros(difference)}.`,
  }
}

export const accountingChecks: CheckDefinition[] = [
  {
    id: 'accounting.balance_sheet_balances',
    family: 'accounting',
    domain: 'accounting',
    description:
      "Le bilan s'équilibre : actif = passif, résultat de l'exercice compris (classes 1 à 5).",
    inputs: ['entry_lines (classes 1 à 7) de l’exercice'],
    tolerance: '1 centime.',
    async run(context) {
      const title = `Bilan ${context.year} équilibré`
      const notReady = await ledgerReady(context, this.id, title)
      if (notReady) return [notReady]
      const b = await balances(context.client, context.organisationId, context.year, [
        '1',
        '2',
        '3',
        '4',
        '5',
        '6',
        '7',
      ])
      const sheet = ['1', '2', '3', '4', '5'].reduce((s, p) => s.plus(b.get(p)!.balance), ZERO)
      const result = b.get('7')!.balance.plus(b.get('6')!.balance).negated()
      // Assets - liabilities (classes 1-5 net debit) must equal the result (a profit is owed to the association).
      const balanceResult = moneyResult(
        this.id,
        title,
        result,
        sheet,
        'Le solde des comptes de bilan ne couvre pas le résultat.'
      )
      balanceResult.details = await Promise.all(
        ['1', '2', '3', '4', '5', '6', '7'].map(async (p) => ({
          label: `Solde débiteur de la classe ${p}`,
          value: b.get(p)!.balance.toNumber(),
          link: await balanceLink(context, context.year, p),
        }))
      )
      return [balanceResult]
    },
  },
  {
    id: 'accounting.result_pl_equals_balance_sheet',
    family: 'accounting',
    domain: 'accounting',
    description:
      'Le résultat du compte de résultat (produits - charges) égale le résultat porté au bilan (compte 12 après clôture, sinon solde des comptes de bilan).',
    inputs: ['entry_lines classes 6 et 7', 'fiscal_year_closings.result'],
    tolerance: '1 centime.',
    async run(context) {
      const title = `Résultat ${context.year} : compte de résultat = bilan`
      const notReady = await ledgerReady(context, this.id, title)
      if (notReady) return [notReady]
      const b = await balances(context.client, context.organisationId, context.year, ['6', '7'])
      const pl = b.get('7')!.balance.plus(b.get('6')!.balance).negated()
      if (!(await context.hasTables('fiscal_year_closings'))) {
        return [missing(this.id, title, "Les clôtures d'exercice ne sont pas encore enregistrées.")]
      }
      const closing = await context.client.rawQuery(
        `SELECT c.result::text AS result FROM fiscal_year_closings c JOIN fiscal_years f ON f.id = c.fiscal_year_id
         WHERE c.organisation_id = ? AND extract(year FROM f.end_date) = ? ORDER BY c.id DESC LIMIT 1`,
        [context.organisationId, context.year]
      )
      if (closing.rows.length === 0) {
        // Before the closing, the result the balance sheet carries is what its accounts (classes
        // 1 to 5, opening entries included) leave: assets over liabilities, debit-positive.
        const sheet = await balances(context.client, context.organisationId, context.year, [
          '1',
          '2',
          '3',
          '4',
          '5',
        ])
        const carried = [...sheet.values()].reduce((sum, line) => sum.plus(line.balance), ZERO)
        const result = moneyResult(
          this.id,
          title,
          carried,
          pl,
          `L'exercice ${context.year} n'est pas clôturé : le résultat que portent les comptes de bilan diffère du compte de résultat.`
        )
        return [{ ...result, inputs: { source: 'comptes de bilan (exercice non clôturé)' } }]
      }
      return [
        moneyResult(
          this.id,
          title,
          toMoney(closing.rows[0].result),
          pl,
          'Le résultat de clôture diffère du compte de résultat.'
        ),
      ]
    },
  },
  {
    id: 'accounting.retained_earnings',
    family: 'accounting',
    domain: 'accounting',
    description:
      'Report à nouveau et réserves N = report à nouveau et réserves N-1 + résultat N-1 affecté.',
    inputs: ['entry_lines comptes 11x et 106x (N et N-1)', 'comptes 6 et 7 (N-1)'],
    tolerance: '1 centime.',
    async run(context) {
      const title = `Report à nouveau ${context.year}`
      const notReady =
        (await ledgerReady(context, this.id, title)) ??
        (await ledgerReady(context, this.id, title, context.year - 1))
      if (notReady) return [notReady]
      const now = await balances(context.client, context.organisationId, context.year, [
        '11',
        '106',
      ])
      const before = await balances(context.client, context.organisationId, context.year - 1, [
        '11',
        '106',
        '6',
        '7',
      ])
      const resultBefore = before.get('7')!.balance.plus(before.get('6')!.balance).negated()
      const reservesNow = now.get('11')!.balance.plus(now.get('106')!.balance).negated()
      const reservesBefore = before.get('11')!.balance.plus(before.get('106')!.balance).negated()
      return [
        moneyResult(
          this.id,
          title,
          reservesBefore.plus(resultBefore),
          reservesNow,
          `Report à nouveau et réserves N-1 (${euros(reservesBefore)}) + résultat N-1 (${euros(resultBefore)}) ne donnent pas ceux de N (${euros(reservesNow)}).`
        ),
      ]
    },
  },
  {
    id: 'accounting.dedicated_funds',
    family: 'accounting',
    domain: 'accounting',
    description:
      'Fonds dédiés N = fonds dédiés N-1 + engagements (6894) − utilisations (7894) ; les autres mouvements sont montrés.',
    inputs: ['entry_lines comptes 19x (N et N-1), 6894 et 7894 (N)'],
    tolerance: '1 centime.',
    async run(context) {
      const title = `Fonds dédiés ${context.year}`
      const notReady =
        (await ledgerReady(context, this.id, title)) ??
        (await ledgerReady(context, this.id, title, context.year - 1))
      if (notReady) return [notReady]
      const now = (await balances(context.client, context.organisationId, context.year, ['19']))
        .get('19')!
        .balance.negated()
      const before = (
        await balances(context.client, context.organisationId, context.year - 1, ['19'])
      )
        .get('19')!
        .balance.negated()
      const added = await totals(context.client, context.organisationId, context.year, '6894')
      const used = await totals(context.client, context.organisationId, context.year, '7894')
      const expected = before
        .plus(added.debit.minus(added.credit))
        .minus(used.credit.minus(used.debit))
      const result = moneyResult(
        this.id,
        title,
        expected,
        now,
        'Des mouvements de fonds dédiés ne passent pas par 6894/7894.'
      )
      result.details = [
        {
          label: 'Fonds dédiés N-1',
          value: before.toNumber(),
          link: await balanceLink(context, context.year - 1, '19'),
        },
        {
          label: 'Engagements (6894)',
          value: added.debit.minus(added.credit).toNumber(),
          link: await balanceLink(context, context.year, '6894'),
        },
        {
          label: 'Utilisations (7894)',
          value: used.credit.minus(used.debit).toNumber(),
          link: await balanceLink(context, context.year, '7894'),
        },
        { label: 'Autres mouvements', value: now.minus(expected).toNumber() },
        {
          label: 'Fonds dédiés N',
          value: now.toNumber(),
          link: await balanceLink(context, context.year, '19'),
        },
      ]
      return [result]
    },
  },
]
