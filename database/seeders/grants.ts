import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { Decimal } from 'decimal.js'
import { Money, toMoney, ZERO } from '#support/money'
import type Organisation from '#models/core/organisation'
import type { Rapport2023, ReportLine } from '#database/seeders/demo'
import { recordEvent } from '#support/audit'
import { lineTakesAccount, type LayoutLine } from '#reports/accounting/statement_engine'
import { ANNUAL_REPORT_CODE } from '#reference/statement_layouts'
import { seedGrantSchedules } from '#database/seeders/grant_schedules'

/**
 * Demo funders and 2023 conventions of the annual report, built on the demo ledger (this step
 * runs after the accounting step): every 2023 revenue line of a funder family's 74x account is
 * attributed to a convention (grant_line_allocations: validated ledger lines are never
 * changed), so the revenue recognised per funder line COMES FROM the ledger. The 2024 budget
 * column is the conventions' 2024 split. Deferred income (487) and fonds dédiés (194, 6894,
 * 7894) lines are attributed to the conventions, and eligible costs so that the year-end
 * positions computed by Socle equal what the ledger holds (nothing left to propose).
 */

export interface DemoFunder {
  key: string
  parent?: string
  name: string
  category: string
  /** Path of the produits line of the reference income statement. */
  line: string[]
  /** Label of its revenue sub-account (74x) in the organisation's chart. */
  match?: RegExp
  /** Resolved at seed time from the chart. */
  account?: string
  /** Programme codes (activity) funded by the family's conventions, by convention number. */
  programmes?: string[]
}

const ETAT = "Crédits d'État déconcentrés"
const CT = 'Collectivités territoriales'

/**
 * The funders under « Collectivités territoriales », one row each: key, name, category, their
 * produits line under CT, the label of their revenue sub-account, the programmes they fund.
 */
// prettier-ignore
const LOCAL_AUTHORITIES: Array<[string, string, string, string, RegExp, string[]]> = [
  ['region', 'Conseil régional de Bretagne', 'region', 'Conseil Régional', /conseil r[ée]gional/i, ['AAQ', 'FSE_EMPLOI']],
  ['dep', "Conseil départemental d'Ille-et-Vilaine", 'departement', 'Conseil Départemental', /conseil d[ée]partemental/i, ['BRSA']],
  ['rm', 'Rennes Métropole', 'metropole', 'Rennes Métropole', /Rennes M[ée]tropole/i, ['MELTING_BREIZH', 'FSE_EMPLOI']],
  ['epci', 'Autres EPCI du territoire', 'epci', 'Autres EPCI', /EPCI/i, ['START_APP_35']],
]

export const DEMO_FUNDERS: DemoFunder[] = [
  { key: 'etat', name: "Crédits d'État déconcentrés", category: 'regroupement', line: [ETAT] },
  {
    key: 'dreets',
    parent: 'etat',
    name: 'DREETS Bretagne',
    category: 'etat_dreets',
    line: [ETAT, 'DREETS/DEETS'],
    match: /DREETS.*autres/i,
    programmes: ['PARRAINAGE'],
  },
  {
    key: 'socle',
    parent: 'dreets',
    name: 'DREETS — CPO socle et OBF',
    category: 'etat_dreets',
    line: [ETAT, 'DREETS/DEETS', 'dont Socle + OBF'],
    match: /socle/i,
    programmes: ['PACEA'],
  },
  {
    key: 'cej',
    parent: 'dreets',
    name: "DREETS — Contrat d'engagement jeune",
    category: 'etat_dreets',
    line: [ETAT, 'DREETS/DEETS', 'dont CEJ'],
    match: /engagement jeune/i,
    programmes: ['CEJ'],
  },
  {
    key: 'ft',
    parent: 'etat',
    name: 'France Travail (Pôle emploi)',
    category: 'france_travail',
    line: [ETAT, 'Pôle Emploi'],
    match: /P[ôo]le emploi|France Travail/i,
    programmes: ['PPAE'],
  },
  {
    key: 'pic',
    parent: 'etat',
    name: "PIC — Plan d'investissement dans les compétences",
    category: 'pic',
    line: [ETAT, 'PIC'],
    match: /\bPIC\b|investissement dans les comp/i,
    programmes: ['SORTIR_DE_LA_RUE'],
  },
  {
    key: 'cdv',
    parent: 'etat',
    name: 'Contrat de Ville',
    category: 'contrat_de_ville',
    line: [ETAT, 'Contrat de Ville'],
    match: /contrat de ville/i,
    programmes: ['CLUB_JEUNES_DIPLOMES'],
  },
  {
    key: 'etat_autres',
    parent: 'etat',
    name: "Autres crédits d'État (préfecture)",
    category: 'autre_public',
    line: [ETAT, 'Autres'],
    match: /autres cr[ée]dits d.[ÉE]tat/i,
    programmes: ['BPI'],
  },
  {
    key: 'fse',
    name: 'Fonds social européen (FSE+)',
    category: 'fse',
    line: ['Fonds social européen'],
    match: /social europ[ée]en|\bFSE\b/i,
    programmes: ['FSE_EMPLOI', 'CAP_JEUNES', 'DEDANS_DEHORS', 'PLATEFORME_MOBILITE'],
  },
  {
    key: 'feder',
    name: 'FEDER Interreg',
    category: 'feder',
    line: ['FEDER Interreg'],
    match: /FEDER/i,
    programmes: ['GROUPEMENT_CREATEURS'],
  },
  { key: 'ct', name: 'Collectivités territoriales', category: 'regroupement', line: [CT] },
  ...LOCAL_AUTHORITIES.map(([key, name, category, line, match, programmes]) => ({
    key,
    parent: 'ct',
    name,
    category,
    line: [CT, line],
    match,
    programmes,
  })),
  {
    key: 'asp',
    name: 'ASP — aides aux contrats aidés',
    category: 'contrats_aides',
    line: ['Subventions contrats aidés'],
    match: /contrats aid[ée]s|\bASP\b/i,
  },
]

/** The reference figure of a produits line (2023 or 2024_budget). */
export function referenceLine(
  rapport: Rapport2023,
  path: string[],
  column: '2023' | '2024_budget'
) {
  let list: ReportLine[] = rapport.accounts.income_statement.produits
  let row: ReportLine | undefined
  for (const label of path) {
    row = list.find((r) => r.label === label)
    if (!row) throw new Error(`Ligne absente du rapport : ${label}`)
    list = row.of_which ?? []
  }
  if (!row) throw new Error('Chemin de ligne vide')
  return row[column]
}

/** Own budget of a funder node: its line minus its children's lines ("dont" lines included). */
function ownBudget(rapport: Rapport2023, funder: DemoFunder) {
  const total = referenceLine(rapport, funder.line, '2024_budget')
  if (total === null) return null
  const children = DEMO_FUNDERS.filter((f) => f.parent === funder.key && f.match)
  return children.reduce(
    (rest, child) => rest - (referenceLine(rapport, child.line, '2024_budget') ?? 0),
    total
  )
}

interface Line {
  id: string
  entry_id: number
  account_number: string
  debit: string
  credit: string
  piece_ref: string | null
  entry_date: string
}

interface DemoGrant {
  id: number
  family: DemoFunder
  reference: string
  main: boolean
  lines: Line[]
  recognised: Decimal
  newDedicated: Decimal
  usedDedicated: Decimal
}

/** The demo funders, each family with its revenue sub-account (74x) found in the chart by label. */
export function fundersWithAccounts(chart: Array<{ number: string; label: string }>) {
  const taken = new Set<string>()
  return DEMO_FUNDERS.map((funder): DemoFunder => {
    if (!funder.match) return { ...funder }
    const found = chart.find((a) => !taken.has(a.number) && funder.match!.test(a.label))
    if (!found) throw new Error(`Démo : aucun sous-compte 74 pour ${funder.name}.`)
    taken.add(found.number)
    return { ...funder, account: found.number }
  })
}

const amountOf = (line: Line) => toMoney(line.debit).plus(line.credit)

export async function seedGrants(
  organisation: Organisation,
  rapport: Rapport2023,
  trx: TransactionClientContract
) {
  const org = organisation.id
  const audit = (subjectType: string, summary: string) =>
    recordEvent({
      domain: 'grants',
      action: 'create',
      subjectType,
      summary,
      organisationId: org,
      trx,
    })

  // Each funder family's revenue sub-account, found in the chart by its label.
  const chart = await trx
    .from('accounts')
    .where('organisation_id', org)
    .whereLike('number', '74%')
    .whereRaw('length(number) >= 5')
    .orderBy('number')
    .select('number', 'label')
  const families = fundersWithAccounts(chart)

  // Funders, parents first.
  const funderIds = new Map<string, number>()
  for (const [index, funder] of families.entries()) {
    const [row] = await trx
      .table('funders')
      .insert({
        organisation_id: org,
        name: funder.name,
        category: funder.category,
        parent_id: funder.parent ? funderIds.get(funder.parent) : null,
        revenue_account: funder.account ?? null,
        position: index,
      })
      .returning('id')
    funderIds.set(funder.key, row.id)
  }
  await audit('funders', `Démo : ${families.length} financeurs`)

  const fiscalYear = await trx
    .from('fiscal_years')
    .where('organisation_id', org)
    .whereRaw('extract(year FROM end_date) = 2023')
    .first()
  if (!fiscalYear)
    throw new Error(
      'La démo des financements suit celle de la comptabilité (exercice 2023 absent).'
    )
  const programmes = await trx.from('programmes').where('organisation_id', org).select('id', 'code')
  const programmeId = new Map<string, number>(programmes.map((p) => [p.code, p.id]))

  // Lines of the 2023 fiscal year, without the opening (à-nouveaux) unless asked.
  const lines = async (where: string, bindings: unknown[], opening = false) =>
    (
      await trx.rawQuery(
        `SELECT l.id::text AS id, l.entry_id, l.account_number, l.debit::text AS debit, l.credit::text AS credit,
                e.piece_ref, l.entry_date
           FROM entry_lines l JOIN entries e ON e.id = l.entry_id JOIN journals j ON j.id = e.journal_id
          WHERE l.organisation_id = ? AND e.fiscal_year_id = ? AND l.grant_id IS NULL
            AND ${opening ? "j.code = 'AN'" : "j.code <> 'AN'"} AND ${where}
          ORDER BY l.entry_date, l.id`,
        [org, fiscalYear.id, ...bindings] as never[]
      )
    ).rows as Line[]

  // Conventions: one per notification of the family's revenue account (piece CONV-<account>-<n>);
  // lines without a notification (accrual reversals and accruals) belong to the family's first,
  // multi-year convention, which also carries the family's 2024 budget.
  const grants: DemoGrant[] = []
  for (const family of families.filter((f) => f.account)) {
    const revenue = await lines('l.account_number = ?', [family.account])
    const pieces = [
      ...new Set(revenue.map((l) => l.piece_ref).filter((p): p is string => !!p)),
    ].sort((a, b) => Number(a.split('-').pop()) - Number(b.split('-').pop()))
    if (pieces.length === 0) pieces.push(`CONV-${family.account}-1`)
    pieces.forEach((reference, index) => {
      const own = revenue.filter(
        (l) => l.piece_ref === reference || (index === 0 && !pieces.includes(l.piece_ref ?? ''))
      )
      grants.push({
        id: 0,
        family,
        reference,
        main: index === 0,
        lines: own,
        recognised: own.reduce((sum, l) => sum.plus(l.credit).minus(l.debit), ZERO),
        newDedicated: ZERO,
        usedDedicated: ZERO,
      })
    })
  }

  // Fonds dédiés of the year: the 6894 lines (one per convention) go to the conventions of
  // families without deferred income with the most revenue, the 7894 lines to the next ones.
  const deferredFamilies = new Set(
    (await lines(`l.account_number LIKE '487%'`, [])).length
      ? (
          await trx.rawQuery(
            `SELECT DISTINCT r.account_number FROM entry_lines p JOIN entry_lines r ON r.entry_id = p.entry_id
              WHERE p.organisation_id = ? AND p.account_number LIKE '487%' AND r.account_number LIKE '74%'`,
            [org]
          )
        ).rows.map((r: { account_number: string }) => r.account_number)
      : []
  )
  const candidates = grants
    .filter((g) => !g.main && !deferredFamilies.has(g.family.account!))
    .sort((a, b) => b.recognised.comparedTo(a.recognised))
  const reports = (await lines(`l.account_number LIKE '6894%'`, [])).sort((a, b) =>
    amountOf(b).comparedTo(amountOf(a))
  )
  const uses = (await lines(`l.account_number LIKE '7894%'`, [])).sort((a, b) =>
    amountOf(b).comparedTo(amountOf(a))
  )
  if (candidates.length < reports.length + uses.length)
    throw new Error('Démo : pas assez de conventions pour les fonds dédiés.')
  reports.forEach((line, i) => (candidates[i].newDedicated = amountOf(line)))
  uses.forEach((line, i) => (candidates[reports.length + i].usedDedicated = amountOf(line)))

  // Conventions, their split, programmes and lifecycle.
  for (const grant of grants) {
    const budget = grant.main ? ownBudget(rapport, grant.family) : null
    const awarded = grant.recognised.plus(budget ?? 0)
    const multiYear = budget !== null && budget > 0
    const codes = grant.family.programmes ?? []
    const number = Number(grant.reference.split('-').pop())
    const [row] = await trx
      .table('grants')
      .insert({
        organisation_id: org,
        funder_id: funderIds.get(grant.family.key),
        reference: grant.reference,
        title: `${grant.family.name} — convention ${number}${multiYear ? ' (pluriannuelle 2023-2024)' : ' (2023)'}`,
        period_start: '2023-01-01',
        period_end: multiYear ? '2024-12-31' : '2023-12-31',
        amount_awarded: awarded.toFixed(2),
        revenue_account: grant.family.account,
        analytic_code: grant.reference,
        flat_rate: grant.family.key === 'fse' && grant.main ? 40 : 0,
        flat_rate_basis: grant.family.key === 'fse' && grant.main ? 'direct_staff_costs' : null,
        status: 'signed',
      })
      .returning('id')
    grant.id = row.id
    await trx.table('grant_years').multiInsert([
      {
        organisation_id: org,
        grant_id: grant.id,
        year: 2023,
        amount: grant.recognised.toFixed(2),
      },
      ...(multiYear
        ? [
            {
              organisation_id: org,
              grant_id: grant.id,
              year: 2024,
              amount: toMoney(budget!).toFixed(2, Decimal.ROUND_HALF_UP),
            },
          ]
        : []),
    ])
    const code = codes[grant.main ? 0 : (number - 1) % Math.max(codes.length, 1)]
    const linked = new Set([
      code,
      ...(grant.family.key !== 'fse' &&
      grant.reference.endsWith('-2') &&
      codes.includes('FSE_EMPLOI')
        ? ['FSE_EMPLOI']
        : []),
    ])
    const programmeRows = [...linked]
      .filter((c): c is string => !!c && programmeId.has(c))
      .map((c) => ({ organisation_id: org, grant_id: grant.id, programme_id: programmeId.get(c) }))
    if (programmeRows.length) await trx.table('grant_programmes').multiInsert(programmeRows)
    const notified =
      grant.lines.find((l) => l.piece_ref === grant.reference)?.entry_date ?? '2023-01-15'
    await trx.table('grant_events').multiInsert(
      [
        ['requested', '2022-10-15', 'Demande de subvention déposée'],
        ['notified', notified, 'Notification reçue'],
        ['signed', notified, 'Convention signée'],
      ].map(([kind, date, note]) => ({
        organisation_id: org,
        grant_id: grant.id,
        kind,
        occurred_on: date,
        note,
        actor: 'démo',
      }))
    )
    await trx.table('grant_deadlines').insert({
      organisation_id: org,
      grant_id: grant.id,
      kind: multiYear ? 'interim_report' : 'final_report',
      label: multiYear ? "Bilan d'exécution intermédiaire 2023" : "Bilan d'exécution final",
      due_on: '2024-04-30',
    })
  }
  await audit('grants', `Démo : ${grants.length} conventions 2023`)

  // Attribution of the ledger lines.
  const allocations: Array<{ line: string; grant: number; amount: Decimal; source: string }> = []
  const allocate = (line: Line | string, grant: DemoGrant, amount: Decimal, source: string) => {
    if (amount.gt(0))
      allocations.push({
        line: typeof line === 'string' ? line : line.id,
        grant: grant.id,
        amount,
        source,
      })
  }
  for (const grant of grants)
    for (const line of grant.lines) allocate(line, grant, amountOf(line), 'demo_revenue')

  // 487: each deferral line of an entry goes to the conventions of that entry's revenue lines; a
  // reclassification from 487 to 194 (the explicit entry that makes the printed fonds dédiés
  // true) and the opening 487 follow the FSE convention and the reversals.
  const mainOf = (key: string) => grants.find((g) => g.main && g.family.key === key)!
  const fse = mainOf('fse')
  const deferral = await lines(`l.account_number LIKE '487%'`, [])
  const openingDeferred = new Map<DemoGrant, Decimal>()
  for (const line of deferral) {
    const revenueLines = grants.flatMap((g) =>
      g.lines.filter((l) => l.entry_id === line.entry_id).map((l) => ({ g, l }))
    )
    if (revenueLines.length) {
      for (const { g, l } of revenueLines) {
        allocate(line, g, amountOf(l), 'demo_deferred')
        if (l.entry_date === fiscalYear.start_date)
          openingDeferred.set(g, (openingDeferred.get(g) ?? ZERO).plus(amountOf(l)))
      }
    } else {
      allocate(line, fse, amountOf(line), 'demo_reclassification')
      openingDeferred.set(fse, (openingDeferred.get(fse) ?? ZERO).plus(amountOf(line)))
      const partner = await lines(`l.entry_id = ? AND l.account_number LIKE '194%'`, [
        line.entry_id,
      ])
      for (const p of partner) allocate(p, fse, amountOf(p), 'demo_reclassification')
    }
  }
  for (const line of await lines(`l.account_number LIKE '487%'`, [], true)) {
    for (const [g, amount] of openingDeferred) allocate(line, g, amount, 'demo_opening')
  }

  // Fonds dédiés: 6894 / 7894 lines and their 194 counterparts, and the opening 194 (each
  // convention that uses fonds dédiés had at least that much; the rest stays on the first).
  const reported = candidates.filter((g) => g.newDedicated.gt(0))
  const used = candidates.filter((g) => g.usedDedicated.gt(0))
  reports.forEach((line, i) => allocate(line, reported[i], amountOf(line), 'demo_dedicated'))
  uses.forEach((line, i) => allocate(line, used[i], amountOf(line), 'demo_dedicated'))
  for (const line of await lines(
    `l.account_number LIKE '194%' AND l.entry_id IN (SELECT entry_id FROM entry_lines WHERE account_number LIKE '6894%' OR account_number LIKE '7894%')`,
    []
  )) {
    const owners = toMoney(line.credit).gt(0)
      ? reported.map((g) => [g, g.newDedicated] as const)
      : used.map((g) => [g, g.usedDedicated] as const)
    for (const [g, amount] of owners) allocate(line, g, amount, 'demo_dedicated')
  }
  for (const line of await lines(`l.account_number LIKE '194%'`, [], true)) {
    let rest = amountOf(line)
    for (const g of used) {
      allocate(line, g, Money.min(rest, g.usedDedicated), 'demo_opening')
      rest = rest.minus(Money.min(rest, g.usedDedicated))
    }
    if (used.length) allocate(line, used[0], rest, 'demo_opening')
  }

  // Eligible costs: each convention consumes its revenue, less what it carries forward, plus
  // the prior fonds dédiés it uses. Staff (64) and other charges (60-63, 65) are attributed in
  // the same proportion to every convention, line after line in date order.
  const pool = (rows: Line[]) => ({ rows, cursor: 0, left: rows.length ? amountOf(rows[0]) : ZERO })
  const staffPool = pool(await lines(`l.account_number LIKE '64%' AND l.debit > 0`, []))
  const otherPool = pool(await lines(`l.account_number ~ '^6[0-35]' AND l.debit > 0`, []))
  const draw = (from: ReturnType<typeof pool>, grant: DemoGrant, amount: Decimal) => {
    let need = amount
    while (need.gt(0) && from.cursor < from.rows.length) {
      const take = Money.min(need, from.left)
      allocate(from.rows[from.cursor], grant, take, 'demo_costs')
      need = need.minus(take)
      from.left = from.left.minus(take)
      if (from.left.isZero()) {
        from.cursor++
        from.left = from.cursor < from.rows.length ? amountOf(from.rows[from.cursor]) : ZERO
      }
    }
    return need
  }
  const needs = grants.map((g) => g.recognised.minus(g.newDedicated).plus(g.usedDedicated))
  const staffTotal = staffPool.rows.reduce((sum, l) => sum.plus(amountOf(l)), ZERO)
  const ratio = Money.min(1, staffTotal.div(needs.reduce((a, b) => a.plus(b), ZERO)))
  grants.forEach((grant, i) => {
    const staff = needs[i].times(ratio).toDecimalPlaces(2)
    const rest = draw(otherPool, grant, needs[i].minus(staff).plus(draw(staffPool, grant, staff)))
    if (draw(staffPool, grant, rest).gt(0))
      throw new Error('Démo : pas assez de charges pour les conventions.')
  })

  // Receivables: each notification (Dr 441) belongs to its convention; the bank settlements of
  // 441 become receipts, matched to their bank line, paid to conventions in notification order.
  const notifications = await lines(
    `l.account_number LIKE '441%' AND l.debit > 0 AND e.piece_ref IS NOT NULL`,
    []
  )
  const owed = new Map<DemoGrant, Decimal>()
  for (const line of notifications) {
    const grant = grants.find((g) => g.reference === line.piece_ref)
    if (!grant) continue
    allocate(line, grant, amountOf(line), 'demo_receivable')
    owed.set(grant, (owed.get(grant) ?? ZERO).plus(amountOf(line)))
  }
  const queue = [...owed.entries()].sort(
    (a, b) =>
      (a[0].lines.find((l) => l.piece_ref === a[0].reference)?.entry_date ?? '').localeCompare(
        b[0].lines.find((l) => l.piece_ref === b[0].reference)?.entry_date ?? ''
      ) || a[0].id - b[0].id
  )
  const settlements = (
    await trx.rawQuery(
      `SELECT c.id::text AS id, c.entry_id, c.account_number, c.debit::text AS debit, c.credit::text AS credit,
              e.piece_ref, c.entry_date, b.id AS bank_line
         FROM entry_lines c JOIN entries e ON e.id = c.entry_id JOIN journals j ON j.id = e.journal_id
         JOIN LATERAL (SELECT id FROM entry_lines b WHERE b.entry_id = c.entry_id AND b.account_number LIKE '51%'
                        ORDER BY b.id LIMIT 1) b ON true
        WHERE c.organisation_id = ? AND e.fiscal_year_id = ? AND j.code <> 'AN'
          AND c.account_number LIKE '441%' AND c.credit > 0
        ORDER BY c.entry_date, c.id`,
      [org, fiscalYear.id]
    )
  ).rows as Array<Line & { bank_line: string }>
  const receipts: Array<Record<string, unknown>> = []
  let payee = 0
  for (const line of settlements) {
    let rest = amountOf(line)
    while (rest.gt(0) && payee < queue.length) {
      const [grant, due] = queue[payee]
      const paid = Money.min(rest, due)
      if (paid.gt(0)) {
        allocate(line, grant, paid, 'demo_receivable')
        receipts.push({
          organisation_id: org,
          grant_id: grant.id,
          received_on: line.entry_date,
          amount: paid.toFixed(2),
          reference: 'Virement reçu',
          entry_line_id: line.bank_line,
        })
      }
      rest = rest.minus(paid)
      queue[payee][1] = due.minus(paid)
      if (queue[payee][1].isZero()) payee++
    }
  }

  // Allocations of one line to one convention are merged, then inserted in batches.
  const merged = new Map<string, { line: string; grant: number; amount: Decimal; source: string }>()
  for (const a of allocations) {
    const key = `${a.line}:${a.grant}`
    const existing = merged.get(key)
    if (existing) existing.amount = existing.amount.plus(a.amount)
    else merged.set(key, { ...a })
  }
  const rows = [...merged.values()].map((a) => ({
    organisation_id: org,
    entry_line_id: a.line,
    grant_id: a.grant,
    amount: a.amount.toFixed(2),
    source: a.source,
  }))
  for (let i = 0; i < rows.length; i += 2000)
    await trx.table('grant_line_allocations').multiInsert(rows.slice(i, i + 2000))
  await audit(
    'grant_line_allocations',
    `Démo : ${rows.length} imputations de lignes du grand livre`
  )

  for (let i = 0; i < receipts.length; i += 1000)
    await trx.table('grant_receipts').multiInsert(receipts.slice(i, i + 1000))
  await audit(
    'grant_receipts',
    `Démo : ${receipts.length} versements reçus rapprochés des lignes de banque`
  )

  // FSE Emploi: activity target, payment schedule and the advance received.
  const fseEmploi = fse
  await trx.table('grant_targets').multiInsert([
    {
      organisation_id: org,
      grant_id: fseEmploi.id,
      indicator_code: 'beneficiaires_dispositif',
      label: 'Jeunes accompagnés sur le dispositif',
      year: 2023,
      target: '550',
    },
  ])
  const fseAwarded = await trx.from('grants').where('id', fseEmploi.id).first()
  const advance = toMoney(fseAwarded.amount_awarded)
    .times('0.3')
    .toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
  await trx
    .table('grant_payment_schedules')
    .insert({
      organisation_id: org,
      grant_id: fseEmploi.id,
      kind: 'advance',
      label: 'Avance FSE+ (30 %)',
      expected_on: '2023-03-31',
      amount: advance.toFixed(2),
    })
    .returning('id')
  await trx.table('grant_payment_schedules').insert({
    organisation_id: org,
    grant_id: fseEmploi.id,
    kind: 'balance',
    label: 'Solde après contrôle de service fait',
    expected_on: '2025-06-30',
    amount: toMoney(fseAwarded.amount_awarded).minus(advance).toFixed(2),
  })
  await trx.table('grant_reports').insert({
    organisation_id: org,
    grant_id: fseEmploi.id,
    period_start: '2023-01-01',
    period_end: '2023-12-31',
    actions_text:
      "Accompagnement renforcé vers l'emploi : entretiens individuels, ateliers collectifs, mises en situation professionnelle et suivi dans l'emploi.",
    public_text:
      'Jeunes de 16 à 25 ans, prioritairement sans qualification ou résidant en quartier prioritaire.',
    principles_text:
      'Égalité femmes-hommes et non-discrimination suivies dans les entrées ; sensibilisation à la mobilité durable.',
    publicity_text: 'Logo FSE+ sur les supports et affichage dans les antennes.',
  })

  // Payment schedules of 2023 (matched to the receipts) and of the 2024 splits.
  await seedGrantSchedules(org, trx)

  await budgetFromConventions(org, trx)
}

/**
 * The 2024 budget's funder lines come from the conventions' 2024 splits: each split goes to the
 * produits line of the annual-report layout that takes its revenue account.
 */
async function budgetFromConventions(org: number, trx: TransactionClientContract) {
  const budget = await trx
    .from('budgets as b')
    .join('fiscal_years as y', 'y.id', 'b.fiscal_year_id')
    .join('statement_layouts as l', 'l.id', 'b.layout_id')
    .where('b.organisation_id', org)
    .where('y.start_date', '2024-01-01')
    .where('l.code', ANNUAL_REPORT_CODE)
    .select('b.id', 'b.layout_id')
    .first()
  if (!budget) throw new Error('Démo : budget 2024 introuvable.')
  const splits: Array<{ account: string; amount: string }> = (
    await trx.rawQuery(
      `SELECT g.revenue_account AS account, sum(y.amount) AS amount
         FROM grants g JOIN grant_years y ON y.grant_id = g.id
        WHERE g.organisation_id = ? AND y.year = 2024 AND g.revenue_account IS NOT NULL
        GROUP BY g.revenue_account`,
      [org]
    )
  ).rows
  const lines = await trx
    .from('statement_lines')
    .where({ layout_id: budget.layout_id, section: 'produits', kind: 'line' })
    .whereNull('formula')
  for (const line of lines) {
    let amount = ZERO
    for (const split of splits) {
      const credit = toMoney(split.amount).negated()
      if (lineTakesAccount({ ...line, ranges: line.ranges } as LayoutLine, split.account, credit)) {
        amount = amount.plus(split.amount)
      }
    }
    if (amount.isZero()) continue
    await trx.table('budget_lines').insert({
      organisation_id: org,
      budget_id: budget.id,
      statement_line_id: line.id,
      amount: amount.toFixed(2),
    })
  }
}
