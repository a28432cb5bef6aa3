/**
 * The ledger side of the import's one pass, inside its one transaction: the checked lines (handed
 * by the analysis while the file has no error) become entries and lines streamed with COPY FROM
 * STDIN in batches of whole entries, each batch preceded by the journals and accounts it is the
 * first to use. Each entry's id, chain position, hash and number are computed here, and the ids of
 * entries, journals and accounts are taken from their sequences ahead of need, so the rows arrive
 * in their final shape; the database's statement-level triggers check each batch once (closed
 * year, dates, organisation, accounts and entries) and the balance of every entry at commit.
 * Reading and checking the next batch overlaps PostgreSQL ingesting the previous one.
 */
import { finished } from 'node:stream/promises'
import type { Client } from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { recordEvent } from '#support/audit'
import { chainHash } from '#actions/accounting/hash_chain'
import { lockChainHead, moveChainHead, reserveIds } from '#actions/accounting/ledger'
import { longestPrefixParent } from '#reference/pcg_associations'
import { centsToDecimal } from './format.js'
import { detached, type ParsedLine } from './lines.js'
import type { FiscalYearRow, LineSink } from './analysis.js'

/**
 * Lines per COPY: enough that per-statement work (the statement triggers, the audit event) is rare,
 * few enough that a batch is a few megabytes of buffer (RowBuffer) and its transition tables stay
 * in memory. Measured at a million lines (ADR 11): 10,000 took 13.0 to 13.7 s, 30,000 took 12.3 to
 * 12.6 s, 50,000 took 13.5 s with 40 MB more memory.
 */
export const BATCH_LINES = 30_000

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

/**
 * Ids taken from a table's sequence `chunk` at a time, the next chunk asked for when half of the
 * current one is used, so that it arrives (queued behind the batch being copied) before it is
 * needed and the reading never waits for it. The ids left at the end are skipped, as ids of a
 * rolled-back transaction are.
 */
class IdPool {
  private ids: number[] = []
  private next = 0
  private coming: Promise<number[]> | null = null

  constructor(
    private trx: TransactionClientContract,
    private table: 'entries' | 'journals' | 'accounts',
    private chunk: number
  ) {}

  private ask() {
    const asked = reserveIds(this.trx, this.table, this.chunk)
    // Awaited when needed; a failure meanwhile must not count as unhandled.
    asked.catch(() => {})
    return asked
  }

  /** Starts the first chunk; `take` awaits nothing afterwards unless the reading outruns it. */
  prepare() {
    this.coming ??= this.ask()
  }

  take(): number | Promise<number> {
    if (this.next < this.ids.length) {
      const id = this.ids[this.next++]
      if (!this.coming && this.next * 2 >= this.ids.length) this.coming = this.ask()
      return id
    }
    return this.refill().then(() => this.take() as number)
  }

  private async refill() {
    this.ids = await (this.coming ?? this.ask())
    this.next = 0
    this.coming = null
  }
}

interface NewAccount {
  id: number
  number: string
  label: string
}

export class LedgerWriter implements LineSink {
  private connection!: Client
  private previous: string | null = null
  private position = 0
  private validatedAt = ''
  private journalIds = new Map<string, number>()
  private accountIds = new Map<string, number>()
  private entryIds: IdPool
  private journalPool: IdPool
  private accountPool: IdPool
  /** Journals and accounts first used by the batch being filled, inserted before its COPY. */
  private newJournals: Array<{ id: number; code: string; label: string }> = []
  private newAccounts: NewAccount[] = []
  private createdAccounts: NewAccount[] = []
  private journalsCreated = 0
  private maxSequence = new Map<number, number>()
  // Two pairs of buffers: one filled while the other's batch is being copied.
  private buffers = [
    { entries: new RowBuffer(), lines: new RowBuffer() },
    { entries: new RowBuffer(), lines: new RowBuffer() },
  ]
  private filling = 0
  private batchLines = 0
  private batchEntries = 0
  private firstPosition = 0
  private group: ParsedLine[] = []
  private currentKey = ''
  private inFlight: Promise<void> = Promise.resolve()
  private org: string
  private user: string
  private fixed: string
  private tail: string

  constructor(
    private trx: TransactionClientContract,
    private target: WriteTarget
  ) {
    this.entryIds = new IdPool(trx, 'entries', 10_000)
    this.journalPool = new IdPool(trx, 'journals', 10)
    this.accountPool = new IdPool(trx, 'accounts', 100)
    this.org = String(target.organisationId)
    this.user = target.userId === null ? '\\N' : String(target.userId)
    this.fixed = `\t${target.year.id}`
    this.tail = `\t${target.importId}\t${this.user}\n`
  }

  /** The chain head locked, the organisation's journals and accounts, the first ids asked for. */
  async open() {
    const { trx, target } = this
    const head = await lockChainHead(trx, target.organisationId)
    this.previous = head.lastHash
    this.position = head.position
    this.firstPosition = head.position + 1
    const { rows: clock } = await trx.rawQuery('SELECT transaction_timestamp()::text AS now')
    // Validated rows must carry their transaction's own timestamp (checked by the triggers).
    this.validatedAt = clock[0].now as string
    const journals = await trx
      .from('journals')
      .where('organisation_id', target.organisationId)
      .select('id', 'code')
    for (const row of journals) this.journalIds.set(row.code, row.id)
    const accounts = await trx
      .from('accounts')
      .where('organisation_id', target.organisationId)
      .select('id', 'number')
    for (const row of accounts) this.accountIds.set(row.number, row.id)
    this.connection = await connectionOf(trx)
    this.entryIds.prepare()
  }

  take(line: ParsedLine): Promise<void> | undefined {
    const key = `${line.journalCode}\u0000${line.number}`
    if (key === this.currentKey) {
      this.group.push(line)
      return
    }
    const sealing = this.seal()
    this.currentKey = key
    this.group = [line]
    if (sealing) return sealing.then(() => this.sendIfFull())
    return this.sendIfFull()
  }

  private sendIfFull() {
    return this.batchLines >= BATCH_LINES ? this.send() : undefined
  }

  /** The journal's id, a new journal taking one from the pool (its row goes with the batch). */
  private journalOf(line: ParsedLine): number | Promise<number> {
    const known = this.journalIds.get(line.journalCode)
    if (known !== undefined) return known
    const code = detached(line.journalCode)
    const adopt = (id: number) => {
      this.journalIds.set(code, id)
      this.newJournals.push({ id, code, label: detached(line.journalLib) || code })
      this.journalsCreated++
      return id
    }
    const id = this.journalPool.take()
    return typeof id === 'number' ? adopt(id) : id.then(adopt)
  }

  private async accountsOf(group: ParsedLine[]) {
    for (const line of group) {
      if (this.accountIds.has(line.account)) continue
      const id = await this.accountPool.take()
      const account = {
        id,
        number: detached(line.account),
        label: detached(line.accountLib) || line.account,
      }
      this.accountIds.set(account.number, id)
      this.newAccounts.push(account)
      this.createdAccounts.push(account)
    }
  }

  /** The entry of the lines gathered so far, in its final shape; a promise if an id is awaited. */
  private seal(): Promise<void> | undefined {
    const group = this.group
    if (group.length === 0) return
    this.group = []
    const unknownAccount = group.some((line) => !this.accountIds.has(line.account))
    const journalId = this.journalOf(group[0])
    const entryId = this.entryIds.take()
    if (!unknownAccount && typeof journalId === 'number' && typeof entryId === 'number') {
      this.encode(group, journalId, entryId)
      return
    }
    return (async () => {
      if (unknownAccount) await this.accountsOf(group)
      this.encode(group, await journalId, await entryId)
    })()
  }

  private encode(group: ParsedLine[], journalId: number, id: number) {
    const { organisationId, year } = this.target
    const first = group[0]
    this.position++
    const hash = chainHash(
      this.previous,
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
    if (sequence !== null && sequence > (this.maxSequence.get(journalId) ?? 0))
      this.maxSequence.set(journalId, sequence)
    const { org, user } = this
    const buffers = this.buffers[this.filling]
    buffers.entries.push(
      `${id}\t${org}\t${journalId}${this.fixed}\t${first.date}\t${copyText(first.number)}\t` +
        `${sequence ?? '\\N'}\t${copyText(first.label)}\t${copyText(first.pieceRef)}\t` +
        `${first.pieceDate ?? '\\N'}\tvalidated\t${this.validatedAt}\t${user}\t${first.validDate ?? '\\N'}\t` +
        `${this.position}\t${this.previous ?? '\\N'}\t${hash}${this.tail}`
    )
    for (const [index, line] of group.entries()) {
      buffers.lines.push(
        `${id}\t${org}\t${index + 1}\t${this.accountIds.get(line.account)}\t${copyText(line.account)}\t` +
          `${line.date}\t${centsToDecimal(line.debit)}\t${centsToDecimal(line.credit)}\t` +
          `${copyText(line.label)}\t${copyText(line.auxNumber)}\t${copyText(line.auxLabel)}\t` +
          `${copyText(line.lettering)}\t${line.letteringDate ?? '\\N'}\t${amount(line.currencyAmount)}\t` +
          `${copyText(line.currency)}\n`
      )
    }
    this.batchLines += group.length
    this.batchEntries++
    this.previous = hash
  }

  /** The journals or accounts a batch is the first to use (id from the pool, code or number, label). */
  private async insertNew(
    table: 'journals' | 'accounts',
    column: 'code' | 'number',
    rows: Array<[id: number, key: string, label: string]>
  ) {
    if (rows.length === 0) return
    await this.trx.rawQuery(
      `INSERT INTO ${table} (id, organisation_id, ${column}, label)
         SELECT id, ?, key, label FROM unnest(?::int[], ?::text[], ?::text[]) AS n (id, key, label)`,
      [
        this.target.organisationId,
        rows.map((row) => row[0]),
        rows.map((row) => row[1]),
        rows.map((row) => row[2]),
      ]
    )
  }

  private async flush(
    batch: (typeof this.buffers)[number],
    journals: LedgerWriter['newJournals'],
    accounts: NewAccount[],
    summary: string
  ) {
    const { trx, target } = this
    await this.insertNew(
      'journals',
      'code',
      journals.map((j) => [j.id, j.code, j.label])
    )
    await this.insertNew(
      'accounts',
      'number',
      accounts.map((a) => [a.id, a.number, a.label])
    )
    await copy(this.connection, ENTRY_COPY, batch.entries)
    await copy(this.connection, LINE_COPY, batch.lines)
    await recordEvent({
      domain: 'accounting',
      action: 'import',
      subjectType: 'entries',
      subjectId: target.importId,
      summary,
      organisationId: target.organisationId,
      trx,
    })
  }

  private async send() {
    if (this.batchEntries === 0) return
    const summary = `Import FEC ${this.target.fileName} : ${this.batchEntries} écriture(s), ${this.batchLines} ligne(s) (positions ${this.firstPosition}–${this.position})`
    const batch = this.buffers[this.filling]
    const journals = this.newJournals
    const accounts = this.newAccounts
    this.newJournals = []
    this.newAccounts = []
    this.batchLines = this.batchEntries = 0
    this.firstPosition = this.position + 1
    await this.inFlight
    this.inFlight = this.flush(batch, journals, accounts, summary)
    // The other pair's batch was copied (awaited just above): it can be filled again.
    this.filling = 1 - this.filling
    this.buffers[this.filling].entries.clear()
    this.buffers[this.filling].lines.clear()
    // Awaited by the next send; a failure meanwhile must not count as unhandled.
    this.inFlight.catch(() => {})
  }

  /**
   * The last entry and batch, then each new account's parent (its longest prefix among the
   * organisation's accounts, as if the shorter numbers had been created first), the journals'
   * sequences and the chain head. Called only for a file without error.
   */
  async finish() {
    const { trx, target } = this
    const sealing = this.seal()
    if (sealing) await sealing
    await this.send()
    await this.inFlight
    const parents = this.createdAccounts.flatMap((account) => {
      const parent = longestPrefixParent(account.number, this.accountIds.keys())
      return parent ? [{ id: account.id, parent: this.accountIds.get(parent)! }] : []
    })
    if (parents.length > 0) {
      await trx.rawQuery(
        `UPDATE accounts a SET parent_id = p.parent
           FROM unnest(?::int[], ?::int[]) AS p (id, parent)
          WHERE a.organisation_id = ? AND a.id = p.id`,
        [parents.map((p) => p.id), parents.map((p) => p.parent), target.organisationId]
      )
    }
    const accountsCreated = this.createdAccounts.length
    if (this.journalsCreated + accountsCreated > 0) {
      await recordEvent({
        domain: 'accounting',
        action: 'create',
        subjectType: 'accounts',
        summary: `Import FEC ${target.fileName} : ${accountsCreated} compte(s) et ${this.journalsCreated} journal(aux) créés`,
        organisationId: target.organisationId,
        trx,
      })
    }
    for (const [journalId, last] of this.maxSequence) {
      await trx.rawQuery(
        `INSERT INTO journal_sequences (organisation_id, journal_id, fiscal_year_id, last_number) VALUES (?, ?, ?, ?)
         ON CONFLICT (journal_id, fiscal_year_id) DO UPDATE SET last_number = GREATEST(journal_sequences.last_number, EXCLUDED.last_number)`,
        [target.organisationId, journalId, target.year.id, last]
      )
    }
    await moveChainHead(trx, target.organisationId, this.position, this.previous)
    return { journalsCreated: this.journalsCreated, accountsCreated }
  }

  /** What was sent before the file turned out to be refused: awaited before rolling back. */
  async abandon() {
    await this.inFlight.catch(() => {})
  }
}
