/**
 * Pass 2, inside the import's one transaction: the journals and accounts the file lacks, then the
 * entries and their lines streamed with COPY FROM STDIN in batches of whole entries. Each entry's
 * id (reserved up front from the sequence), chain position, hash and number are computed here, so
 * the rows arrive in their final shape; the database's statement-level triggers check each batch
 * once (closed year, dates, organisation, accounts and entries) and the balance of every entry at
 * commit. Parsing the next batch overlaps PostgreSQL ingesting the previous one.
 */
import { finished } from 'node:stream/promises'
import type { Client } from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { recordEvent } from '#support/audit'
import { chainHash } from '#actions/accounting/hash_chain'
import { lockChainHead, moveChainHead } from '#actions/accounting/ledger'
import { longestPrefixParent } from '#reference/pcg_associations'
import { centsToDecimal, readTextLines } from './format.js'
import { Issues, parseLine, type ParsedLine } from './lines.js'
import type { Analysis, FiscalYearRow } from './analysis.js'
import type { ProgressMeter } from './progress.js'

/**
 * Lines per COPY: enough that per-statement work (triggers, audit event) is rare, few enough that
 * a batch is a couple of megabytes of buffer (RowBuffer).
 */
const BATCH_LINES = 10_000

export interface WriteTarget {
  organisationId: number
  userId: number | null
  importId: number
  fileName: string
  year: FiscalYearRow
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' }
const SPECIAL = /[\\\t\n\r]/
const SPECIALS = /[\\\t\n\r]/g

/** A field of COPY's text format. */
function copyText(value: string | null) {
  if (value === null) return '\\N'
  return SPECIAL.test(value) ? value.replace(SPECIALS, (c) => ESCAPES[c]) : value
}

const amount = (cents: bigint | null) => (cents === null ? '\\N' : centsToDecimal(cents))

/** The pg connection under a Lucid transaction (knex hands the transaction's own connection). */
async function connectionOf(trx: TransactionClientContract) {
  const client = trx.knexClient.client as unknown as { acquireConnection(): Promise<Client> }
  return client.acquireConnection()
}

/**
 * The COPY text of one batch, encoded as each row is made. A batch lives for seconds (it is
 * filled while PostgreSQL ingests the previous one), long enough for its rows to be promoted to
 * V8's old space if they stayed strings, growing the heap until a full collection; encoded into
 * a buffer reused from batch to batch, each row string dies young and the batch costs no heap.
 */
class RowBuffer {
  private bytes = Buffer.allocUnsafe(4 << 20)
  private length = 0

  push(row: string) {
    // UTF-8 needs at most 3 bytes per UTF-16 code unit.
    const room = this.length + row.length * 3
    if (room > this.bytes.length) {
      const larger = Buffer.allocUnsafe(Math.max(room, this.bytes.length * 2))
      this.bytes.copy(larger, 0, 0, this.length)
      this.bytes = larger
    }
    this.length += this.bytes.write(row, this.length)
  }

  /** The rows so far, to be sent before the buffer is filled again (`clear`). */
  get content() {
    return this.bytes.subarray(0, this.length)
  }

  clear() {
    this.length = 0
  }
}

async function copy(connection: Client, sql: string, rows: RowBuffer) {
  const stream = connection.query(copyFrom(sql))
  stream.end(rows.content)
  await finished(stream)
}

const ENTRY_COPY = `COPY entries (id, organisation_id, journal_id, fiscal_year_id, entry_date, number,
  sequence_number, label, piece_ref, piece_date, status, validated_at, validated_by, valid_date,
  chain_position, previous_hash, hash, import_id, created_by) FROM STDIN`
const LINE_COPY = `COPY entry_lines (entry_id, organisation_id, line_no, account_id, account_number,
  entry_date, debit, credit, label, aux_number, aux_label, lettering, lettering_date,
  currency_amount, currency) FROM STDIN`

/** Journals and accounts the file uses and the organisation lacks; their ids by code/number. */
async function references(trx: TransactionClientContract, target: WriteTarget, analysis: Analysis) {
  const organisationId = target.organisationId
  const journalRows = await trx
    .from('journals')
    .where('organisation_id', organisationId)
    .select('id', 'code')
  const journalIds = new Map<string, number>(journalRows.map((row) => [row.code, row.id]))
  let journalsCreated = 0
  for (const [code, label] of analysis.journals) {
    if (journalIds.has(code)) continue
    const [row] = await trx
      .insertQuery()
      .table('journals')
      .insert({ organisation_id: organisationId, code, label: label || code })
      .returning('id')
    journalIds.set(code, row.id)
    journalsCreated++
  }
  const accountRows = await trx
    .from('accounts')
    .where('organisation_id', organisationId)
    .select('id', 'number')
  const accountIds = new Map<string, number>(accountRows.map((row) => [row.number, row.id]))
  let accountsCreated = 0
  const missing = [...analysis.accounts.keys()]
    .filter((n) => !accountIds.has(n))
    .sort((a, b) => a.length - b.length || a.localeCompare(b))
  for (const number of missing) {
    const parent = longestPrefixParent(number, accountIds.keys())
    const [row] = await trx
      .insertQuery()
      .table('accounts')
      .insert({
        organisation_id: organisationId,
        number,
        label: analysis.accounts.get(number) || number,
        parent_id: parent ? accountIds.get(parent) : null,
      })
      .returning('id')
    accountIds.set(number, row.id)
    accountsCreated++
  }
  if (journalsCreated + accountsCreated > 0) {
    await recordEvent({
      domain: 'accounting',
      action: 'create',
      subjectType: 'accounts',
      summary: `Import FEC ${target.fileName} : ${accountsCreated} compte(s) et ${journalsCreated} journal(aux) créés`,
      organisationId,
      trx,
    })
  }
  return { journalIds, accountIds, journalsCreated, accountsCreated }
}

/** Ids for `count` entries, taken from the sequence in one round trip. */
async function reserveEntryIds(trx: TransactionClientContract, count: number) {
  const { rows } = await trx.rawQuery(
    `SELECT coalesce(array_agg(nextval(pg_get_serial_sequence('entries', 'id'))::int), '{}') AS ids
       FROM generate_series(1, ?)`,
    [count]
  )
  return rows[0].ids as number[]
}

export async function writeLedger(
  trx: TransactionClientContract,
  path: string,
  target: WriteTarget,
  analysis: Analysis,
  meter: ProgressMeter
) {
  const { organisationId, userId, importId, year } = target
  const refs = await references(trx, target, analysis)
  const head = await lockChainHead(trx, organisationId)
  const ids = await reserveEntryIds(trx, analysis.entries)
  const { rows: clock } = await trx.rawQuery('SELECT transaction_timestamp()::text AS now')
  // Validated rows must carry their transaction's own timestamp (checked by the triggers).
  const validatedAt = clock[0].now as string
  const connection = await connectionOf(trx)
  const org = String(organisationId)
  const user = userId === null ? '\\N' : String(userId)
  const fixed = `\t${year.id}`
  const tail = `\t${importId}\t${user}\n`

  let previous = head.lastHash
  let position = head.position
  let entryIndex = 0
  const maxSequence = new Map<number, number>()
  // Two pairs of buffers: one filled while the other's batch is being copied.
  const buffers = [
    { entries: new RowBuffer(), lines: new RowBuffer() },
    { entries: new RowBuffer(), lines: new RowBuffer() },
  ]
  let filling = 0
  let batchLines = 0
  let batchEntries = 0
  let firstPosition = position + 1
  let group: ParsedLine[] = []

  const seal = () => {
    if (group.length === 0) return
    const first = group[0]
    const journalId = refs.journalIds.get(first.journalCode)!
    const id = ids[entryIndex++]
    position++
    const hash = chainHash(
      previous,
      {
        organisationId,
        journalId,
        fiscalYearId: year.id,
        number: first.number,
        entryDate: first.date,
        label: first.label,
        pieceRef: first.pieceRef,
        pieceDate: first.pieceDate,
      },
      group.map((line) => ({
        accountNumber: line.account,
        debit: centsToDecimal(line.debit),
        credit: centsToDecimal(line.credit),
        entryDate: line.date,
      }))
    )
    const sequence = /^\d{1,9}$/.test(first.number) ? Number(first.number) : null
    if (sequence !== null && sequence > (maxSequence.get(journalId) ?? 0))
      maxSequence.set(journalId, sequence)
    buffers[filling].entries.push(
      `${id}\t${org}\t${journalId}${fixed}\t${first.date}\t${copyText(first.number)}\t` +
        `${sequence ?? '\\N'}\t${copyText(first.label)}\t${copyText(first.pieceRef)}\t` +
        `${first.pieceDate ?? '\\N'}\tvalidated\t${validatedAt}\t${user}\t${first.validDate ?? '\\N'}\t` +
        `${position}\t${previous ?? '\\N'}\t${hash}${tail}`
    )
    for (const [index, line] of group.entries()) {
      buffers[filling].lines.push(
        `${id}\t${org}\t${index + 1}\t${refs.accountIds.get(line.account)}\t${copyText(line.account)}\t` +
          `${line.date}\t${centsToDecimal(line.debit)}\t${centsToDecimal(line.credit)}\t` +
          `${copyText(line.label)}\t${copyText(line.auxNumber)}\t${copyText(line.auxLabel)}\t` +
          `${copyText(line.lettering)}\t${line.letteringDate ?? '\\N'}\t${amount(line.currencyAmount)}\t` +
          `${copyText(line.currency)}\n`
      )
    }
    batchLines += group.length
    batchEntries++
    previous = hash
    group = []
  }

  const flush = async (batch: (typeof buffers)[number], summary: string) => {
    await copy(connection, ENTRY_COPY, batch.entries)
    await copy(connection, LINE_COPY, batch.lines)
    await recordEvent({
      domain: 'accounting',
      action: 'import',
      subjectType: 'entries',
      subjectId: importId,
      summary,
      organisationId,
      trx,
    })
  }
  let inFlight: Promise<void> = Promise.resolve()
  const send = async () => {
    if (batchEntries === 0) return
    const summary = `Import FEC ${target.fileName} : ${batchEntries} écriture(s), ${batchLines} ligne(s) (positions ${firstPosition}–${position})`
    const batch = buffers[filling]
    batchLines = batchEntries = 0
    firstPosition = position + 1
    await inFlight
    inFlight = flush(batch, summary)
    // The other pair's batch was copied (awaited just above): it can be filled again.
    filling = 1 - filling
    buffers[filling].entries.clear()
    buffers[filling].lines.clear()
    // Awaited by the next send; a failure meanwhile must not count as unhandled.
    inFlight.catch(() => {})
  }

  const layout = analysis.layout!
  const discard = new Issues(0)
  let currentKey = ''
  let written = 0
  await meter.start()
  for await (const batch of readTextLines(path, analysis.encoding)) {
    for (const [offset, text] of batch.texts.entries()) {
      const line = batch.first + offset
      if (line === 1 || text.trim() === '') continue
      written++
      const report = meter.tick(written, written)
      if (report) await report
      const parsed = parseLine(text, line, layout, discard)!
      const key = `${parsed.journalCode}\u0000${parsed.number}`
      if (key !== currentKey) {
        seal()
        currentKey = key
        if (batchLines >= BATCH_LINES) await send()
      }
      group.push(parsed)
    }
  }
  seal()
  await send()
  await inFlight

  for (const [journalId, last] of maxSequence) {
    await trx.rawQuery(
      `INSERT INTO journal_sequences (organisation_id, journal_id, fiscal_year_id, last_number) VALUES (?, ?, ?, ?)
       ON CONFLICT (journal_id, fiscal_year_id) DO UPDATE SET last_number = GREATEST(journal_sequences.last_number, EXCLUDED.last_number)`,
      [organisationId, journalId, year.id, last]
    )
  }
  await moveChainHead(trx, organisationId, position, previous)
  await meter.end()
  return { journalsCreated: refs.journalsCreated, accountsCreated: refs.accountsCreated }
}
