import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Decimal } from 'decimal.js'
import { ZERO } from '#support/money'
import { recordEvent } from '#support/audit'
import { currentActor } from '#support/request_context'
import { ConflictException } from '#support/optimistic_lock'
import { LedgerError } from '#actions/accounting/errors'
import { underDatabaseRules } from '#support/domain_errors'
import { canonicalAmount, chainHash } from '#actions/accounting/hash_chain'
import { fiscalYearName } from '#support/french_format'

/** Who acts and for which organisation: from the request, a command or a test (`actingAs`). */
export function ledgerActor() {
  const actor = currentActor()
  if (!actor) throw new Error('ledger operations need an actor (actingAs or a logged-in user)')
  return actor
}

export interface LockedEntry {
  id: number
  organisation_id: number
  journal_id: number
  fiscal_year_id: number
  entry_date: string
  number: string | null
  label: string
  piece_ref: string | null
  piece_date: string | null
  status: string
  version: number
}

/** Locks the entry row (FOR UPDATE): a second validation or reversal waits here, then sees it done. */
export async function lockEntry(
  trx: TransactionClientContract,
  organisationId: number,
  id: number
) {
  const { rows } = await trx.rawQuery(
    `SELECT id, organisation_id, journal_id, fiscal_year_id, to_char(entry_date, 'YYYY-MM-DD') AS entry_date,
            number, label, piece_ref, to_char(piece_date, 'YYYY-MM-DD') AS piece_date, status, version
       FROM entries WHERE id = ? AND organisation_id = ? FOR UPDATE`,
    [id, organisationId]
  )
  if (rows.length === 0) throw new LedgerError('Écriture introuvable.')
  return rows[0] as LockedEntry
}

/** Fiscal year locked FOR SHARE: a concurrent closing waits until this validation commits. */
async function openFiscalYear(trx: TransactionClientContract, entry: LockedEntry) {
  const { rows } = await trx.rawQuery(
    `SELECT id, label, status, to_char(start_date, 'YYYY-MM-DD') AS start_date,
            to_char(end_date, 'YYYY-MM-DD') AS end_date
       FROM fiscal_years WHERE id = ? AND organisation_id = ? FOR SHARE`,
    [entry.fiscal_year_id, entry.organisation_id]
  )
  const year = rows[0]
  if (!year) throw new LedgerError('Exercice introuvable.')
  if (year.status !== 'open') {
    throw new LedgerError(
      `L’exercice ${fiscalYearName(year.label)} est clôturé : aucune écriture ne peut y être validée.`
    )
  }
  if (entry.entry_date < year.start_date || entry.entry_date > year.end_date) {
    throw new LedgerError(
      `La date de l’écriture est hors de l’exercice ${fiscalYearName(year.label)}.`
    )
  }
  return year
}

/** Next number of the journal in the fiscal year; the sequence row stays locked until commit. */
async function nextNumber(trx: TransactionClientContract, entry: LockedEntry) {
  await trx.rawQuery(
    `INSERT INTO journal_sequences (organisation_id, journal_id, fiscal_year_id, last_number)
     VALUES (?, ?, ?, 0) ON CONFLICT (journal_id, fiscal_year_id) DO NOTHING`,
    [entry.organisation_id, entry.journal_id, entry.fiscal_year_id]
  )
  const { rows } = await trx.rawQuery(
    `SELECT last_number FROM journal_sequences WHERE journal_id = ? AND fiscal_year_id = ? FOR UPDATE`,
    [entry.journal_id, entry.fiscal_year_id]
  )
  const next = Number(rows[0].last_number) + 1
  await trx.rawQuery(
    `UPDATE journal_sequences SET last_number = ? WHERE journal_id = ? AND fiscal_year_id = ?`,
    [next, entry.journal_id, entry.fiscal_year_id]
  )
  return next
}

/** `count` ids taken from a ledger table's sequence in one round trip. */
export async function reserveIds(
  trx: TransactionClientContract,
  table: 'entries' | 'journals' | 'accounts',
  count: number
): Promise<number[]> {
  const { rows } = await trx.rawQuery(
    `SELECT coalesce(array_agg(nextval(pg_get_serial_sequence(?, 'id'))::int), '{}') AS ids
       FROM generate_series(1, ?)`,
    [table, count]
  )
  return rows[0].ids
}

/** Locks the head of the organisation's hash chain and returns its position and last hash. */
export async function lockChainHead(trx: TransactionClientContract, organisationId: number) {
  await trx.rawQuery(
    `INSERT INTO ledger_chain_heads (organisation_id, position, last_hash) VALUES (?, 0, NULL)
     ON CONFLICT (organisation_id) DO NOTHING`,
    [organisationId]
  )
  const { rows } = await trx.rawQuery(
    `SELECT position, last_hash FROM ledger_chain_heads WHERE organisation_id = ? FOR UPDATE`,
    [organisationId]
  )
  return { position: Number(rows[0].position), lastHash: rows[0].last_hash as string | null }
}

export async function moveChainHead(
  trx: TransactionClientContract,
  organisationId: number,
  position: number,
  lastHash: string | null
) {
  await trx.rawQuery(
    `UPDATE ledger_chain_heads SET position = ?, last_hash = ? WHERE organisation_id = ?`,
    [position, lastHash, organisationId] as never[]
  )
}

/**
 * Validates a locked draft entry: balance, open year, number from the journal sequence, hash
 * chained to the organisation's previous validated entry. Lock order (entry, sequence, chain
 * head) is the same everywhere, so concurrent validations queue instead of deadlocking.
 */
export async function sealEntry(
  trx: TransactionClientContract,
  entry: LockedEntry,
  userId: number | null
) {
  if (entry.status !== 'draft') {
    throw new ConflictException(
      `L’écriture a déjà été validée (n° ${entry.number}) par un autre utilisateur entre-temps : rechargez la page.`
    )
  }
  await openFiscalYear(trx, entry)
  const { rows: lines } = await trx.rawQuery(
    `SELECT account_number, debit::text AS debit, credit::text AS credit,
            to_char(entry_date, 'YYYY-MM-DD') AS entry_date
       FROM entry_lines WHERE entry_id = ? ORDER BY line_no, id`,
    [entry.id]
  )
  const debit = lines.reduce((sum: Decimal, line: { debit: string }) => sum.plus(line.debit), ZERO)
  const credit = lines.reduce(
    (sum: Decimal, line: { credit: string }) => sum.plus(line.credit),
    ZERO
  )
  if (lines.length < 2) throw new LedgerError('Une écriture doit compter au moins deux lignes.')
  if (!debit.equals(credit)) {
    throw new LedgerError(
      `Écriture déséquilibrée : débit ${debit.toFixed(2)} ≠ crédit ${credit.toFixed(2)} (écart ${debit.minus(credit).toFixed(2)}).`
    )
  }
  if (debit.isZero()) throw new LedgerError('Une écriture ne peut pas être nulle.')

  const sequence = await nextNumber(trx, entry)
  const number = String(sequence)
  const head = await lockChainHead(trx, entry.organisation_id)
  const hash = chainHash(
    head.lastHash,
    {
      organisationId: entry.organisation_id,
      journalId: entry.journal_id,
      fiscalYearId: entry.fiscal_year_id,
      number,
      entryDate: entry.entry_date,
      label: entry.label,
      pieceRef: entry.piece_ref,
      pieceDate: entry.piece_date,
    },
    lines.map(
      (line: { account_number: string; debit: string; credit: string; entry_date: string }) => ({
        accountNumber: line.account_number,
        debit: canonicalAmount(line.debit),
        credit: canonicalAmount(line.credit),
        entryDate: line.entry_date,
      })
    )
  )
  const position = head.position + 1
  await underDatabaseRules(() =>
    trx.rawQuery(
      `UPDATE entries SET status = 'validated', number = ?, sequence_number = ?, validated_at = now(),
              validated_by = ?, chain_position = ?, previous_hash = ?, hash = ?, version = version + 1,
              updated_at = now()
        WHERE id = ?`,
      [number, sequence, userId, position, head.lastHash, hash, entry.id] as never[]
    )
  )
  await moveChainHead(trx, entry.organisation_id, position, hash)
  await recordEvent({
    domain: 'accounting',
    action: 'validate',
    subjectType: 'entries',
    subjectId: entry.id,
    summary: `Écriture n° ${number} validée`,
    after: { number, hash },
    organisationId: entry.organisation_id,
    trx,
  })
  return { number, sequence, hash, position }
}

/** Validates a draft entry in its own transaction (or the given one). */
export async function validateEntry(
  entryId: number,
  options: { expectedVersion?: number; trx?: TransactionClientContract } = {}
) {
  const actor = ledgerActor()
  const run = async (trx: TransactionClientContract) => {
    const entry = await lockEntry(trx, actor.organisationId, entryId)
    if (
      entry.status === 'draft' &&
      options.expectedVersion !== undefined &&
      entry.version !== options.expectedVersion
    ) {
      throw new ConflictException(
        'Cette écriture a été modifiée par quelqu’un d’autre pendant votre saisie : rechargez la page.'
      )
    }
    return sealEntry(trx, entry, actor.userId)
  }
  return options.trx ? run(options.trx) : db.transaction(run)
}
