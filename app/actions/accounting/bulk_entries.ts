import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { recordEvent } from '#support/audit'
import { canonicalAmount, chainHash } from '#actions/accounting/hash_chain'
import { lockChainHead, moveChainHead, reserveIds } from '#actions/accounting/ledger'
import { LedgerError } from '#actions/accounting/errors'

export interface BulkLine {
  accountNumber: string
  /** numeric(15,2) text, e.g. "1234.50" */
  debit: string
  credit: string
  label?: string | null
  auxNumber?: string | null
  auxLabel?: string | null
  programmeId?: number | null
  grantId?: number | null
  territoryId?: number | null
}

export interface BulkEntry {
  journalCode: string
  fiscalYearId: number
  date: string
  label: string
  pieceRef?: string | null
  reversalOfId?: number | null
  lines: BulkLine[]
}

export const STANDARD_JOURNALS: Record<string, string> = {
  AN: 'À-nouveaux',
  OD: 'Opérations diverses',
}

export async function journalIds(
  trx: TransactionClientContract,
  organisationId: number,
  labels: Record<string, string>
) {
  const ids = new Map<string, number>()
  for (const [code, label] of Object.entries(labels)) {
    const found = await trx
      .from('journals')
      .where({ organisation_id: organisationId, code })
      .first()
    if (found) ids.set(code, found.id)
    else {
      const [row] = await trx
        .table('journals')
        .insert({ organisation_id: organisationId, code, label })
        .returning('id')
      ids.set(code, row.id)
    }
  }
  return ids
}

/** Creates missing accounts, each attached to its longest existing prefix (parent). */
export async function ensureAccounts(
  trx: TransactionClientContract,
  organisationId: number,
  accounts: Record<string, string>
) {
  const existing = await trx
    .from('accounts')
    .where('organisation_id', organisationId)
    .select('id', 'number')
  const ids = new Map<string, number>(
    existing.map((r: { number: string; id: number }) => [r.number, r.id])
  )
  const numbers = Object.keys(accounts).sort((x, y) => x.length - y.length || x.localeCompare(y))
  for (const number of numbers) {
    if (ids.has(number)) continue
    let parent: number | null = null
    for (let len = number.length - 1; len >= 1 && parent === null; len--)
      parent = ids.get(number.slice(0, len)) ?? null
    const [row] = await trx
      .table('accounts')
      .insert({
        organisation_id: organisationId,
        number,
        label: accounts[number],
        parent_id: parent,
      })
      .returning('id')
    ids.set(number, row.id)
  }
  return ids
}

/**
 * Inserts validated entries in bulk, in the given order: numbers from the journal sequences,
 * the hash chain continued from the organisation's chain head (the ledger's canonical form),
 * entries then lines with INSERT ... SELECT unnest, line batches cut on entry boundaries so the
 * ledger's statement triggers check whole entries. Returns the new entry ids in order.
 */
export async function insertValidatedEntries(
  trx: TransactionClientContract,
  organisationId: number,
  entries: BulkEntry[],
  summary = 'insertion groupée'
): Promise<number[]> {
  if (entries.length === 0) return []
  const journals = await trx
    .from('journals')
    .where('organisation_id', organisationId)
    .select('id', 'code')
  const journalByCode = new Map<string, number>(
    journals.map((j: { code: string; id: number }) => [j.code, j.id])
  )
  const accounts = await trx
    .from('accounts')
    .where('organisation_id', organisationId)
    .select('id', 'number')
  const accountByNumber = new Map<string, number>(
    accounts.map((a: { number: string; id: number }) => [a.number, a.id])
  )
  const { rows: seqRows } = await trx.rawQuery(
    `SELECT journal_id, fiscal_year_id, last_number FROM journal_sequences WHERE organisation_id = ? FOR UPDATE`,
    [organisationId]
  )
  const sequences = new Map<string, number>(
    seqRows.map((r: { journal_id: number; fiscal_year_id: number; last_number: number }) => [
      `${r.journal_id}:${r.fiscal_year_id}`,
      r.last_number,
    ])
  )
  const head = await lockChainHead(trx, organisationId)
  const ids = await reserveIds(trx, 'entries', entries.length)
  let previous = head.lastHash
  let position = head.position
  const e: Record<string, unknown[]> = {
    id: [],
    journal: [],
    fy: [],
    date: [],
    number: [],
    seq: [],
    label: [],
    piece: [],
    pos: [],
    prev: [],
    hash: [],
    rev: [],
  }
  const l: Record<string, unknown[]> = {
    entry: [],
    no: [],
    account: [],
    number: [],
    date: [],
    debit: [],
    credit: [],
    label: [],
    aux: [],
    auxLabel: [],
    programme: [],
    grant: [],
    territory: [],
  }
  entries.forEach((entry, index) => {
    const journalId = journalByCode.get(entry.journalCode)
    if (!journalId) throw new LedgerError(`Journal inconnu : ${entry.journalCode}`)
    const key = `${journalId}:${entry.fiscalYearId}`
    const sequence = (sequences.get(key) ?? 0) + 1
    sequences.set(key, sequence)
    const number = String(sequence)
    const hash = chainHash(
      previous,
      {
        organisationId,
        journalId,
        fiscalYearId: entry.fiscalYearId,
        number,
        entryDate: entry.date,
        label: entry.label,
        pieceRef: entry.pieceRef ?? null,
        pieceDate: null,
      },
      entry.lines.map((line) => ({
        accountNumber: line.accountNumber,
        debit: canonicalAmount(line.debit),
        credit: canonicalAmount(line.credit),
        entryDate: entry.date,
      }))
    )
    position++
    const id = ids[index]
    e.id.push(id)
    e.journal.push(journalId)
    e.fy.push(entry.fiscalYearId)
    e.date.push(entry.date)
    e.number.push(number)
    e.seq.push(sequence)
    e.label.push(entry.label)
    e.piece.push(entry.pieceRef ?? null)
    e.pos.push(position)
    e.prev.push(previous)
    e.hash.push(hash)
    e.rev.push(entry.reversalOfId ?? null)
    previous = hash
    entry.lines.forEach((line, i) => {
      const accountId = accountByNumber.get(line.accountNumber)
      if (!accountId)
        throw new LedgerError(`Compte absent du plan comptable : ${line.accountNumber}`)
      l.entry.push(id)
      l.no.push(i + 1)
      l.account.push(accountId)
      l.number.push(line.accountNumber)
      l.date.push(entry.date)
      l.debit.push(line.debit)
      l.credit.push(line.credit)
      l.label.push(line.label ?? entry.label)
      l.aux.push(line.auxNumber ?? null)
      l.auxLabel.push(line.auxLabel ?? null)
      l.programme.push(line.programmeId ?? null)
      l.grant.push(line.grantId ?? null)
      l.territory.push(line.territoryId ?? null)
    })
  })
  await trx.rawQuery(
    `INSERT INTO entries (id, organisation_id, journal_id, fiscal_year_id, entry_date, number, sequence_number,
                          label, piece_ref, status, validated_at, chain_position, previous_hash, hash, reversal_of_id)
     SELECT id, ?, journal_id, fy, d, num, seq, label, piece, 'validated', now(), pos, prev, hash, rev
       FROM unnest(?::int[], ?::int[], ?::int[], ?::date[], ?::text[], ?::int[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::int[])
            AS t(id, journal_id, fy, d, num, seq, label, piece, pos, prev, hash, rev)`,
    [
      organisationId,
      e.id,
      e.journal,
      e.fy,
      e.date,
      e.number,
      e.seq,
      e.label,
      e.piece,
      e.pos,
      e.prev,
      e.hash,
      e.rev,
    ] as never[]
  )
  for (let start = 0, end = 0; start < l.entry.length; start = end) {
    end = Math.min(start + 20000, l.entry.length)
    while (end < l.entry.length && l.entry[end] === l.entry[end - 1]) end++
    const slice = (values: unknown[]) => values.slice(start, end)
    await trx.rawQuery(
      `INSERT INTO entry_lines (entry_id, organisation_id, line_no, account_id, account_number, entry_date,
                                debit, credit, label, aux_number, aux_label, programme_id, grant_id, territory_id)
       SELECT entry_id, ?, no, account_id, num, d, debit, credit, label, aux, aux_label, programme_id, grant_id, territory_id
         FROM unnest(?::int[], ?::smallint[], ?::int[], ?::text[], ?::date[], ?::numeric[], ?::numeric[], ?::text[], ?::text[], ?::text[], ?::int[], ?::int[], ?::int[])
              AS t(entry_id, no, account_id, num, d, debit, credit, label, aux, aux_label, programme_id, grant_id, territory_id)`,
      [
        organisationId,
        ...[
          l.entry,
          l.no,
          l.account,
          l.number,
          l.date,
          l.debit,
          l.credit,
          l.label,
          l.aux,
          l.auxLabel,
          l.programme,
          l.grant,
          l.territory,
        ].map(slice),
      ] as never[]
    )
  }
  for (const [key, last] of sequences) {
    const [journalId, fiscalYearId] = key.split(':').map(Number)
    await trx.rawQuery(
      `INSERT INTO journal_sequences (organisation_id, journal_id, fiscal_year_id, last_number) VALUES (?, ?, ?, ?)
       ON CONFLICT (journal_id, fiscal_year_id) DO UPDATE SET last_number = EXCLUDED.last_number`,
      [organisationId, journalId, fiscalYearId, last]
    )
  }
  await moveChainHead(trx, organisationId, position, previous)
  await recordEvent({
    domain: 'accounting',
    action: 'bulk_validate',
    subjectType: 'entries',
    summary: `${entries.length} écriture(s) validée(s) (${l.entry.length} lignes) — ${summary}`,
    organisationId,
    trx,
  })
  return ids
}
