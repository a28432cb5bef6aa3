import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Decimal } from 'decimal.js'
import { toMoney, ZERO } from '#support/money'
import Entry from '#models/accounting/entry'
import EntryLine from '#models/accounting/entry_line'
import { ConflictException } from '#support/optimistic_lock'
import { LedgerError } from '#actions/accounting/errors'
import { underDatabaseRules } from '#support/domain_errors'
import { ledgerActor, lockEntry, sealEntry } from '#actions/accounting/ledger'
import { withTransaction } from '#support/transaction'
import { fiscalYearName } from '#support/french_format'

export interface DraftLineInput {
  accountNumber: string
  debit?: Decimal | string | null
  credit?: Decimal | string | null
  label?: string | null
  auxNumber?: string | null
  auxLabel?: string | null
  programmeId?: number | null
  grantId?: number | null
  territoryId?: number | null
}

export interface DraftInput {
  journalId: number
  entryDate: string
  label: string
  pieceRef?: string | null
  pieceDate?: string | null
  lines: DraftLineInput[]
}

/** The open fiscal year that contains `date`, or a French refusal. */
export async function fiscalYearFor(
  trx: TransactionClientContract,
  organisationId: number,
  date: string
) {
  const row = await trx
    .from('fiscal_years')
    .where('organisation_id', organisationId)
    .where('start_date', '<=', date)
    .where('end_date', '>=', date)
    .first()
  if (!row)
    throw new LedgerError(
      `Aucun exercice ne couvre la date ${date.split('-').reverse().join('/')}.`
    )
  if (row.status !== 'open') {
    throw new LedgerError(
      `L’exercice ${fiscalYearName(row.label)} est clôturé : aucune écriture ne peut y être passée.`
    )
  }
  return row as { id: number; label: string; start_date: string }
}

function amount(value: Decimal | string | null | undefined) {
  if (value === null || value === undefined || value === '') return ZERO
  const decimal = toMoney(value)
  if (decimal.isNegative())
    throw new LedgerError('Les montants au débit et au crédit doivent être positifs.')
  if (!decimal.times(100).isInteger())
    throw new LedgerError('Les montants ont au plus deux décimales.')
  return decimal
}

/** The analytic records a line is attributed to: field, table, French refusal. */
const ANALYTICS = [
  ['programmeId', 'programmes', 'dispositif inconnu'],
  ['grantId', 'grants', 'convention inconnue'],
  ['territoryId', 'territories', 'territoire inconnu'],
] as const

/**
 * Every programme, convention and territory a line names belongs to the organisation: a form
 * sends ids chosen by name, and a tampered one is refused in French before any write.
 */
async function checkAnalytics(
  trx: TransactionClientContract,
  organisationId: number,
  lines: DraftLineInput[]
) {
  for (const [key, table, unknown] of ANALYTICS) {
    const ids = [...new Set(lines.map((line) => line[key]).filter((id) => id))] as number[]
    if (!ids.length) continue
    const found = await trx
      .from(table)
      .where('organisation_id', organisationId)
      .whereIn('id', ids)
      .select('id')
    const known = new Set(found.map((row) => Number(row.id)))
    const index = lines.findIndex((line) => line[key] && !known.has(Number(line[key])))
    if (index >= 0)
      throw new LedgerError(`Ligne ${index + 1} : ${unknown} dans cette organisation.`)
  }
}

async function writeLines(
  trx: TransactionClientContract,
  entry: Entry,
  organisationId: number,
  lines: DraftLineInput[],
  yearStart: number
) {
  const numbers = [...new Set(lines.map((line) => line.accountNumber))]
  const accounts = await trx
    .from('accounts')
    .where('organisation_id', organisationId)
    .whereIn('number', numbers)
    .select('id', 'number', 'valid_from_year', 'valid_to_year')
  const byNumber = new Map(accounts.map((row) => [row.number as string, row]))
  if (lines.length > 500) throw new LedgerError('Une écriture compte au plus 500 lignes.')
  await checkAnalytics(trx, organisationId, lines)
  const rows = lines.map((line, index) => {
    const account = byNumber.get(line.accountNumber)
    if (!account) throw new LedgerError(`Compte ${line.accountNumber} absent du plan comptable.`)
    // Chart versioning (ANC 2022-06 from 2025: no 79x, 747 instead of 777).
    if (
      (account.valid_from_year !== null && yearStart < account.valid_from_year) ||
      (account.valid_to_year !== null && yearStart > account.valid_to_year)
    ) {
      throw new LedgerError(
        `Le compte ${line.accountNumber} n’est pas utilisable dans un exercice ouvert en ${yearStart} (plan comptable ${account.valid_from_year ? `à partir de ${account.valid_from_year}` : `jusqu’en ${account.valid_to_year}`}).`
      )
    }
    const accountId = account.id as number
    const debit = amount(line.debit)
    const credit = amount(line.credit)
    if (!debit.isZero() && !credit.isZero()) {
      throw new LedgerError(`Ligne ${index + 1} : une ligne est soit au débit, soit au crédit.`)
    }
    return {
      entryId: entry.id,
      organisationId,
      lineNo: index + 1,
      accountId,
      accountNumber: line.accountNumber,
      entryDate: entry.entryDate,
      debit,
      credit,
      label: line.label ?? null,
      auxNumber: line.auxNumber ?? null,
      auxLabel: line.auxLabel ?? null,
      programmeId: line.programmeId ?? null,
      grantId: line.grantId ?? null,
      territoryId: line.territoryId ?? null,
    }
  })
  await EntryLine.createMany(rows, { client: trx })
}

export async function createDraft(input: DraftInput, trx?: TransactionClientContract) {
  const actor = ledgerActor()
  const run = async (client: TransactionClientContract) => {
    const year = await fiscalYearFor(client, actor.organisationId, input.entryDate)
    return underDatabaseRules(async () => {
      const entry = await Entry.create(
        {
          organisationId: actor.organisationId,
          journalId: input.journalId,
          fiscalYearId: year.id,
          entryDate: input.entryDate as never,
          label: input.label,
          pieceRef: input.pieceRef ?? null,
          pieceDate: (input.pieceDate ?? null) as never,
          status: 'draft',
          createdBy: actor.userId,
        },
        { client }
      )
      await writeLines(
        client,
        entry,
        actor.organisationId,
        input.lines,
        Number(year.start_date.slice(0, 4))
      )
      return entry
    })
  }
  return withTransaction(trx, run)
}

/** Replaces a draft's fields and lines if nobody changed it since `expectedVersion`. */
export async function updateDraft(
  entryId: number,
  expectedVersion: number,
  input: DraftInput,
  client?: TransactionClientContract
) {
  const actor = ledgerActor()
  return withTransaction(client, async (trx) => {
    const locked = await lockEntry(trx, actor.organisationId, entryId)
    if (locked.status !== 'draft') {
      throw new ConflictException(
        'Cette écriture a été validée entre-temps : elle ne peut plus être modifiée.'
      )
    }
    if (locked.version !== expectedVersion) {
      throw new ConflictException(
        'Cette écriture a été modifiée par quelqu’un d’autre pendant votre saisie : rechargez la page.'
      )
    }
    const year = await fiscalYearFor(trx, actor.organisationId, input.entryDate)
    const entry = await Entry.query({ client: trx }).where('id', entryId).firstOrFail()
    await underDatabaseRules(async () => {
      await trx.from('entry_lines').where('entry_id', entryId).delete()
      entry.merge({
        journalId: input.journalId,
        fiscalYearId: year.id,
        entryDate: input.entryDate as never,
        label: input.label,
        pieceRef: input.pieceRef ?? null,
        pieceDate: (input.pieceDate ?? null) as never,
        version: locked.version + 1,
      })
      await entry.useTransaction(trx).save()
      await writeLines(
        trx,
        entry,
        actor.organisationId,
        input.lines,
        Number(year.start_date.slice(0, 4))
      )
    })
    return entry
  })
}

export async function deleteDraft(entryId: number, client?: TransactionClientContract) {
  const actor = ledgerActor()
  return withTransaction(client, async (trx) => {
    const locked = await lockEntry(trx, actor.organisationId, entryId)
    if (locked.status !== 'draft')
      throw new LedgerError('Une écriture validée ne peut pas être supprimée.')
    const entry = await Entry.query({ client: trx }).where('id', entryId).firstOrFail()
    await entry.useTransaction(trx).delete()
  })
}

interface ReversedLine {
  account_number: string
  debit: string
  credit: string
  label: string | null
  aux_number: string | null
  aux_label: string | null
  programme_id: number | null
  grant_id: number | null
  territory_id: number | null
}

/**
 * Reverses a validated entry: a new entry, validated at once, with debit and credit swapped,
 * linked by reversal_of_id. Concurrent reversals queue on the original's row lock; the second
 * one finds the reversal already made and gets a conflict.
 */
export async function reverseEntry(
  entryId: number,
  options: { date?: string; label?: string } = {},
  client?: TransactionClientContract
) {
  const actor = ledgerActor()
  return withTransaction(client, async (trx) => {
    const original = await lockEntry(trx, actor.organisationId, entryId)
    if (original.status !== 'validated') {
      throw new LedgerError(
        'Seule une écriture validée peut être extournée (un brouillon se modifie).'
      )
    }
    const already = await trx
      .from('entries')
      .where('reversal_of_id', entryId)
      .select('number')
      .first()
    if (already) {
      throw new ConflictException(
        `Cette écriture a déjà été extournée (écriture n° ${already.number}) : rechargez la page.`
      )
    }
    const { rows: lines } = await trx.rawQuery<{ rows: ReversedLine[] }>(
      `SELECT account_number, debit::text AS debit, credit::text AS credit, label, aux_number, aux_label,
              programme_id, grant_id, territory_id
         FROM entry_lines WHERE entry_id = ? ORDER BY line_no, id`,
      [entryId]
    )
    const date = options.date ?? original.entry_date
    const draft = await createDraft(
      {
        journalId: original.journal_id,
        entryDate: date,
        label:
          options.label ??
          `Extourne de l’écriture n° ${original.number} – ${original.label}`.slice(0, 500),
        pieceRef: original.piece_ref,
        pieceDate: original.piece_date,
        lines: lines.map((line) => ({
          accountNumber: line.account_number,
          debit: line.credit,
          credit: line.debit,
          label: line.label,
          auxNumber: line.aux_number,
          auxLabel: line.aux_label,
          programmeId: line.programme_id,
          grantId: line.grant_id,
          territoryId: line.territory_id,
        })),
      },
      trx
    )
    await trx.from('entries').where('id', draft.id).update({ reversal_of_id: entryId })
    const locked = await lockEntry(trx, actor.organisationId, draft.id)
    const sealed = await sealEntry(trx, locked, actor.userId)
    return { id: draft.id, ...sealed }
  })
}
