import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Decimal } from 'decimal.js'
import { toMoney } from '#support/money'
import { recordEvent } from '#support/audit'
import { LedgerError } from '#actions/accounting/errors'
import {
  AllocationResolutions,
  allocationRefusal,
  yearName,
} from '#reports/accounting/allocation_resolutions'
import {
  ensureAccounts,
  insertValidatedEntries,
  journalIds,
  STANDARD_JOURNALS,
  type BulkLine,
} from '#actions/accounting/bulk_entries'

/**
 * Stores the closing balances of a fiscal year per account and analytic dimension (programme,
 * grant, territory), computed by one aggregate over the year's validated lines.
 */
export async function storeClosingBalances(
  trx: TransactionClientContract,
  organisationId: number,
  fiscalYearId: number,
  closingId: number
) {
  await trx.rawQuery(
    `INSERT INTO account_balances (organisation_id, fiscal_year_id, closing_id, account_id, account_number,
                                   programme_id, grant_id, territory_id, debit, credit, balance)
     SELECT ?, ?, ?, l.account_id, l.account_number, l.programme_id, l.grant_id, l.territory_id,
            SUM(l.debit), SUM(l.credit), SUM(l.debit) - SUM(l.credit)
       FROM entry_lines l JOIN entries e ON e.id = l.entry_id
      WHERE l.organisation_id = ? AND e.fiscal_year_id = ? AND e.status = 'validated'
      GROUP BY l.account_id, l.account_number, l.programme_id, l.grant_id, l.territory_id`,
    [organisationId, fiscalYearId, closingId, organisationId, fiscalYearId]
  )
}

const RESULT_ACCOUNTS = {
  '110': 'Report à nouveau (solde créditeur)',
  '119': 'Report à nouveau (solde débiteur)',
  '120': "Résultat de l'exercice (excédent)",
  '129': "Résultat de l'exercice (déficit)",
  '1068': 'Réserves pour projet de l’entité',
}

const amount = (d: Decimal) => d.abs().toFixed(2)
/** An account's amounts with their analytic axes, as the SQL of this file reads them. */
type AnalyticAmounts<Amounts> = Amounts & {
  account_number: string
  programme_id: number | null
  grant_id: number | null
  territory_id: number | null
}

const side = (balance: Decimal): Pick<BulkLine, 'debit' | 'credit'> =>
  balance.gte(0)
    ? { debit: amount(balance), credit: '0.00' }
    : { debit: '0.00', credit: amount(balance) }

async function lockYear(
  trx: TransactionClientContract,
  organisationId: number,
  fiscalYearId: number
) {
  const { rows } = await trx.rawQuery(
    `SELECT id, label, status, to_char(start_date, 'YYYY-MM-DD') AS start_date, to_char(end_date, 'YYYY-MM-DD') AS end_date
       FROM fiscal_years WHERE id = ? AND organisation_id = ? FOR UPDATE`,
    [fiscalYearId, organisationId]
  )
  if (!rows[0]) throw new LedgerError('Exercice introuvable.')
  return rows[0] as {
    id: number
    label: string
    status: string
    start_date: string
    end_date: string
  }
}

async function nextYear(trx: TransactionClientContract, organisationId: number, endDate: string) {
  const { rows } = await trx.rawQuery(
    `SELECT id, label, status, to_char(start_date, 'YYYY-MM-DD') AS start_date
       FROM fiscal_years WHERE organisation_id = ? AND start_date = ?::date + 1 FOR UPDATE`,
    [organisationId, endDate]
  )
  return (rows[0] ?? null) as {
    id: number
    label: string
    status: string
    start_date: string
  } | null
}

/**
 * Closes a fiscal year: every entry validated and balanced, the result computed, closing
 * balances stored per account and analytic dimension, the à-nouveaux of the next year
 * generated (journal AN; result on 120 or 129 until the allocation), the year locked.
 */
export async function closeFiscalYear(
  trx: TransactionClientContract,
  organisationId: number,
  fiscalYearId: number,
  userId: number | null,
  closedAt: Date = new Date()
) {
  const year = await lockYear(trx, organisationId, fiscalYearId)
  if (year.status === 'closed') throw new LedgerError(`L’exercice ${year.label} est déjà clôturé.`)
  const earlierOpen = await trx
    .from('fiscal_years')
    .where('organisation_id', organisationId)
    .where('end_date', '<', year.start_date)
    .where('status', 'open')
    .first()
  if (earlierOpen) throw new LedgerError(`Clôturez d’abord l’exercice ${earlierOpen.label}.`)
  const next = await nextYear(trx, organisationId, year.end_date)
  if (!next) throw new LedgerError('Créez d’abord l’exercice suivant : il reçoit les à-nouveaux.')
  if (next.status === 'closed')
    throw new LedgerError(`L’exercice suivant ${next.label} est clôturé.`)

  const { rows: drafts } = await trx.rawQuery(
    `SELECT count(*)::int AS n FROM entries WHERE organisation_id = ? AND fiscal_year_id = ? AND status = 'draft'`,
    [organisationId, fiscalYearId]
  )
  if (drafts[0].n > 0) {
    throw new LedgerError(
      `${drafts[0].n} écriture(s) en brouillon dans l’exercice ${year.label} : validez-les ou supprimez-les avant la clôture.`
    )
  }
  const { rows: unbalanced } = await trx.rawQuery(
    `SELECT e.number FROM entries e JOIN entry_lines l ON l.entry_id = e.id
      WHERE e.organisation_id = ? AND e.fiscal_year_id = ?
      GROUP BY e.id, e.number HAVING SUM(l.debit) <> SUM(l.credit) LIMIT 1`,
    [organisationId, fiscalYearId]
  )
  if (unbalanced.length)
    throw new LedgerError(`L’écriture ${unbalanced[0].number} est déséquilibrée.`)

  const { rows: totals } = await trx.rawQuery(
    `SELECT COALESCE(SUM(l.credit) - SUM(l.debit), 0)::text AS result
       FROM entry_lines l JOIN entries e ON e.id = l.entry_id
      WHERE l.organisation_id = ? AND e.fiscal_year_id = ? AND l.account_number >= '6' AND l.account_number < '8'`,
    [organisationId, fiscalYearId]
  )
  const result = toMoney(totals[0].result)
  const [closing] = await trx
    .table('fiscal_year_closings')
    .insert({
      organisation_id: organisationId,
      fiscal_year_id: fiscalYearId,
      result: result.toFixed(2),
      closed_by: userId,
      closed_at: closedAt,
    })
    .returning('id')
  await storeClosingBalances(trx, organisationId, fiscalYearId, closing.id)

  const { rows: balances }: { rows: AnalyticAmounts<{ balance: string }>[] } = await trx.rawQuery(
    `SELECT account_number, programme_id, grant_id, territory_id, SUM(balance)::text AS balance
       FROM account_balances WHERE closing_id = ? AND account_number < '6'
      GROUP BY account_number, programme_id, grant_id, territory_id
     HAVING SUM(balance) <> 0 ORDER BY account_number`,
    [closing.id]
  )
  await ensureAccounts(trx, organisationId, RESULT_ACCOUNTS)
  await journalIds(trx, organisationId, STANDARD_JOURNALS)
  const lines: BulkLine[] = balances.map((b) => ({
    accountNumber: b.account_number,
    ...side(toMoney(b.balance)),
    label: 'À-nouveaux',
    programmeId: b.programme_id,
    grantId: b.grant_id,
    territoryId: b.territory_id,
  }))
  if (!result.isZero()) {
    lines.push({
      accountNumber: result.gt(0) ? '120' : '129',
      ...side(result.neg()),
      label: `Résultat ${year.label} en attente d’affectation`,
    })
  }
  let openingId: number | null = null
  if (lines.length >= 2) {
    ;[openingId] = await insertValidatedEntries(
      trx,
      organisationId,
      [
        {
          journalCode: 'AN',
          fiscalYearId: next.id,
          date: next.start_date,
          label: `À-nouveaux issus de la clôture de ${year.label}`,
          pieceRef: `AN-${year.end_date.slice(0, 4)}`,
          lines,
        },
      ],
      `à-nouveaux de ${year.label}`
    )
  }
  await trx
    .from('fiscal_year_closings')
    .where('id', closing.id)
    .update({ opening_entry_id: openingId })
  await trx
    .from('fiscal_years')
    .where('id', fiscalYearId)
    .update({ status: 'closed', closed_by: userId, closed_at: closedAt, updated_at: new Date() })
  await recordEvent({
    domain: 'accounting',
    action: 'close',
    subjectType: 'fiscal_years',
    subjectId: fiscalYearId,
    summary: `Clôture de ${year.label} : résultat ${result.toFixed(2)} €`,
    after: { result: result.toFixed(2), openingEntryId: openingId },
    organisationId,
    trx,
  })
  return { closingId: closing.id as number, result, openingEntryId: openingId }
}

/**
 * Reopens a closed year (admin only, checked by the route): a reason is required, the
 * à-nouveaux it generated are cancelled by a reversing entry in the next year, and the
 * reopening is recorded on the closing row and in the audit log.
 */
export async function reopenFiscalYear(
  trx: TransactionClientContract,
  organisationId: number,
  fiscalYearId: number,
  userId: number | null,
  reason: string
) {
  if (!reason || reason.trim().length < 10) {
    throw new LedgerError('Indiquez le motif de la réouverture (au moins 10 caractères).')
  }
  const year = await lockYear(trx, organisationId, fiscalYearId)
  if (year.status !== 'closed') throw new LedgerError(`L’exercice ${year.label} n’est pas clôturé.`)
  const next = await nextYear(trx, organisationId, year.end_date)
  if (next?.status === 'closed')
    throw new LedgerError(`Rouvrez d’abord l’exercice suivant ${next.label}.`)
  const allocation = await trx
    .from('result_allocations')
    .where({ organisation_id: organisationId, fiscal_year_id: fiscalYearId })
    .whereNotNull('entry_id')
    .first()
  if (allocation) {
    throw new LedgerError(
      'L’affectation du résultat est déjà comptabilisée : extournez-la avant de rouvrir l’exercice.'
    )
  }
  const closing = await trx
    .from('fiscal_year_closings')
    .where({ organisation_id: organisationId, fiscal_year_id: fiscalYearId })
    .whereNull('reopened_at')
    .orderBy('id', 'desc')
    .first()
  if (closing?.opening_entry_id && next) {
    const { rows: lines }: { rows: AnalyticAmounts<{ debit: string; credit: string }>[] } =
      await trx.rawQuery(
        `SELECT account_number, debit::text AS debit, credit::text AS credit, programme_id, grant_id, territory_id
         FROM entry_lines WHERE entry_id = ? ORDER BY line_no`,
        [closing.opening_entry_id]
      )
    await insertValidatedEntries(
      trx,
      organisationId,
      [
        {
          journalCode: 'AN',
          fiscalYearId: next.id,
          date: next.start_date,
          label: `Annulation des à-nouveaux de ${year.label} (réouverture)`,
          reversalOfId: closing.opening_entry_id,
          lines: lines.map((l) => ({
            accountNumber: l.account_number,
            debit: l.credit,
            credit: l.debit,
            label: 'Annulation à-nouveaux',
            programmeId: l.programme_id,
            grantId: l.grant_id,
            territoryId: l.territory_id,
          })),
        },
      ],
      `annulation des à-nouveaux de ${year.label}`
    )
  }
  if (closing) {
    await trx
      .from('fiscal_year_closings')
      .where('id', closing.id)
      .update({ reopened_at: new Date(), reopened_by: userId, reopen_reason: reason.trim() })
  }
  await trx
    .from('fiscal_years')
    .where('id', fiscalYearId)
    .update({ status: 'open', closed_by: null, closed_at: null, updated_at: new Date() })
  await recordEvent({
    domain: 'accounting',
    action: 'reopen',
    subjectType: 'fiscal_years',
    subjectId: fiscalYearId,
    summary: `Réouverture de ${year.label} : ${reason.trim()}`,
    after: { reason: reason.trim() },
    organisationId,
    trx,
  })
}

export interface AllocationInput {
  /** The general assembly's adopted resolution that allocates this year's result. */
  resolutionId: number | null
  toReserves: Decimal
  reserveAccount?: string
}

/**
 * The resolution an allocation cites, refused in French unless it is an adopted resolution of a
 * general assembly allocating this very year's result and not already cited by another year
 * (the rule is `allocationRefusal`; migration 8700 enforces it again in PostgreSQL).
 */
async function allocationResolution(
  trx: TransactionClientContract,
  organisationId: number,
  year: { id: number; label: string },
  resolutionId: number | null
) {
  const field = { field: 'resolutionId' }
  if (!resolutionId) {
    throw new LedgerError(
      `Choisissez la résolution de l’assemblée générale qui affecte le résultat de l’exercice ${yearName(year.label)}.`,
      field
    )
  }
  const tenant = { organisationId, userId: null, label: 'affectation du résultat' }
  const rows = await new AllocationResolutions(tenant, { resolutionId }, trx).build()
  const row = rows.find((r) => r.id === resolutionId)
  if (!row) {
    throw new LedgerError(
      'Résolution introuvable : choisissez une résolution adoptée par l’assemblée générale.',
      field
    )
  }
  const refusal = allocationRefusal(row, year)
  if (refusal) throw new LedgerError(refusal, field)
  const { rows: texts } = await trx.rawQuery(
    `SELECT coalesce(nullif(btrim(text), ''), title) AS text FROM resolutions WHERE id = ?`,
    [row.id]
  )
  return { ...row, text: String(texts[0].text) }
}

/**
 * Records (or updates) the general assembly's decision on the result of a closed year: the
 * adopted resolution it cites gives the decision's date (its meeting's day) and text.
 */
export async function saveAllocation(
  trx: TransactionClientContract,
  organisationId: number,
  fiscalYearId: number,
  input: AllocationInput
) {
  const year = await lockYear(trx, organisationId, fiscalYearId)
  if (year.status !== 'closed')
    throw new LedgerError('L’affectation porte sur un exercice clôturé.')
  const existing = await trx
    .from('result_allocations')
    .where({ organisation_id: organisationId, fiscal_year_id: fiscalYearId })
    .forUpdate()
    .first()
  if (existing?.entry_id) throw new LedgerError('L’affectation est déjà comptabilisée.')
  const resolution = await allocationResolution(trx, organisationId, year, input.resolutionId)
  const closing = await trx
    .from('fiscal_year_closings')
    .where({ organisation_id: organisationId, fiscal_year_id: fiscalYearId })
    .whereNull('reopened_at')
    .orderBy('id', 'desc')
    .first()
  const result = toMoney(closing.result)
  if (
    input.toReserves.abs().gt(result.abs()) ||
    (!input.toReserves.isZero() && input.toReserves.s !== result.s)
  ) {
    throw new LedgerError(
      'La part affectée aux réserves doit être du signe du résultat et ne pas le dépasser.',
      { field: 'toReserves' }
    )
  }
  const values = {
    decision_date: resolution.heldOn,
    decision_text: resolution.text,
    resolution_id: resolution.id,
    result: result.toFixed(2),
    to_reserves: input.toReserves.toFixed(2),
    to_report: result.minus(input.toReserves).toFixed(2),
    reserve_account: input.reserveAccount ?? '1068',
    updated_at: new Date(),
  }
  let allocationId: number
  if (existing) {
    allocationId = existing.id
    await trx
      .from('result_allocations')
      .where('id', existing.id)
      .update({ ...values, version: existing.version + 1 })
  } else {
    const [row] = await trx
      .table('result_allocations')
      .insert({ organisation_id: organisationId, fiscal_year_id: fiscalYearId, ...values })
      .returning('id')
    allocationId = row.id
  }
  await recordEvent({
    domain: 'accounting',
    action: existing ? 'update' : 'create',
    subjectType: 'result_allocations',
    subjectId: allocationId,
    summary: `Décision d’affectation du résultat de ${year.label} : ${resolution.label}`,
    before: existing
      ? {
          resolution_id: existing.resolution_id,
          to_reserves: existing.to_reserves,
          to_report: existing.to_report,
          reserve_account: existing.reserve_account,
        }
      : undefined,
    after: values,
    organisationId,
    trx,
  })
  return { id: allocationId, resolution }
}

/**
 * Posts the allocation entry in the next year: only once the general assembly's decision (date
 * and text) is recorded. Surplus: Dr 120 / Cr 110 and reserves; deficit: Dr 119 and reserves /
 * Cr 129.
 */
export async function postAllocation(
  trx: TransactionClientContract,
  organisationId: number,
  fiscalYearId: number,
  userId: number | null,
  postedAt: Date = new Date()
) {
  const year = await lockYear(trx, organisationId, fiscalYearId)
  const allocation = await trx
    .from('result_allocations')
    .where({ organisation_id: organisationId, fiscal_year_id: fiscalYearId })
    .forUpdate()
    .first()
  if (!allocation || !allocation.resolution_id) {
    throw new LedgerError(
      'L’affectation ne peut être comptabilisée qu’après la décision de l’assemblée générale : choisissez d’abord sa résolution adoptée qui affecte le résultat.'
    )
  }
  if (allocation.entry_id) throw new LedgerError('L’affectation est déjà comptabilisée.')
  // The resolution may have changed since the decision was recorded: it must still qualify.
  const resolution = await allocationResolution(trx, organisationId, year, allocation.resolution_id)
  const next = await nextYear(trx, organisationId, year.end_date)
  if (!next || next.status !== 'open')
    throw new LedgerError('L’exercice suivant doit être ouvert pour recevoir l’affectation.')
  const result = toMoney(allocation.result)
  const reserves = toMoney(allocation.to_reserves)
  const report = toMoney(allocation.to_report)
  const decision =
    allocation.decision_date instanceof Date
      ? allocation.decision_date.toISOString().slice(0, 10)
      : String(allocation.decision_date).slice(0, 10)
  const date = decision > next.start_date ? decision : next.start_date
  await ensureAccounts(trx, organisationId, {
    ...RESULT_ACCOUNTS,
    [allocation.reserve_account]: 'Réserves',
  })
  await journalIds(trx, organisationId, STANDARD_JOURNALS)
  const lines: BulkLine[] = []
  const surplus = result.gt(0)
  lines.push({
    accountNumber: surplus ? '120' : '129',
    ...side(result),
    label: `Affectation du résultat ${year.label}`,
  })
  if (!report.isZero())
    lines.push({
      accountNumber: surplus ? '110' : '119',
      ...side(report.neg()),
      label: 'Report à nouveau',
    })
  if (!reserves.isZero())
    lines.push({
      accountNumber: allocation.reserve_account,
      ...side(reserves.neg()),
      label: 'Réserves',
    })
  const [entryId] = await insertValidatedEntries(
    trx,
    organisationId,
    [
      {
        journalCode: 'OD',
        fiscalYearId: next.id,
        date,
        label: `Affectation du résultat ${year.label} (AG du ${decision.split('-').reverse().join('/')}, résolution n° ${resolution.position})`,
        pieceRef: `AG-${decision}`,
        lines,
      },
    ],
    `affectation du résultat de ${year.label}`
  )
  await trx
    .from('result_allocations')
    .where('id', allocation.id)
    .update({
      entry_id: entryId,
      posted_by: userId,
      posted_at: postedAt,
      version: allocation.version + 1,
      updated_at: new Date(),
    })
  await recordEvent({
    domain: 'accounting',
    action: 'post_allocation',
    subjectType: 'result_allocations',
    subjectId: allocation.id,
    summary: `Affectation du résultat de ${year.label} comptabilisée (${resolution.label})`,
    after: { entry_id: entryId, resolution_id: resolution.id },
    organisationId,
    trx,
  })
  return entryId
}
