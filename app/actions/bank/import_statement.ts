import { createHash } from 'node:crypto'
import { isUtf8 } from 'node:buffer'
import { readFile, stat } from 'node:fs/promises'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Decimal } from 'decimal.js'
import { DateTime } from 'luxon'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { recordEvent } from '#support/audit'
import { RuleError } from '#support/domain_errors'
import { formatMoney } from '#support/french_format'
import { sumMoney, toMoney, ZERO } from '#support/money'
import ImportRecord from '#models/core/import_record'
import BankStatement from '#models/bank/bank_statement'
import type BankAccount from '#models/bank/bank_account'
import { normaliseIban } from '#models/bank/iban'
import { lockBankAccount } from '#actions/bank/bank_accounts'
import { readCamt053 } from '#imports/bank/camt053'
import { readOfx } from '#imports/bank/ofx'
import { readCsvStatement, type CsvMapping } from '#imports/bank/csv'
import {
  dedupKey,
  refuse,
  type ParsedStatement,
  type StatementFormat,
} from '#imports/bank/statement'

export const STATEMENT_MAX_BYTES = 20 * 1024 * 1024
const IMPORT_KIND = 'bank.statement'

export interface StatementFile {
  path: string
  fileName: string
}

export interface ImportStatementInput {
  bankAccountId: number
  format: StatementFormat
  file: StatementFile
  /** CSV only: the closing balance printed by the bank, to check the operations against. */
  closingBalance?: Decimal | null
}

/** UTF-8 when the bytes are UTF-8, Latin-1 (Windows-1252 for our purpose) otherwise. */
function decode(bytes: Buffer) {
  const text = isUtf8(bytes) ? bytes.toString('utf8') : bytes.toString('latin1')
  return text.replace(/^\uFEFF/, '')
}

async function readStatement(account: BankAccount, input: ImportStatementInput) {
  if (input.format === 'csv') {
    const mapping = account.csvMapping as CsvMapping | null
    if (!mapping) {
      throw new RuleError(
        'Enregistrez d’abord les colonnes du fichier CSV de cette banque (correspondance des colonnes).'
      )
    }
    return readCsvStatement(input.file.path, mapping)
  }
  const text = decode(await readFile(input.file.path))
  return input.format === 'camt053' ? readCamt053(text) : readOfx(text)
}

/**
 * The bank balance at the start of a day, from the stored statements: the opening balance of
 * the first one and every operation booked before that day (a CSV carries no balance).
 */
async function balanceBefore(account: BankAccount, day: string, t: TransactionClientContract) {
  const first = await BankStatement.query({ client: t })
    .where('bank_account_id', account.id)
    .orderBy('opening_date')
    .orderBy('id')
    .first()
  if (!first) return null
  const [row] = await t
    .from('bank_operations')
    .where({ organisation_id: account.organisationId, bank_account_id: account.id })
    .where('booking_date', '<', day)
    .sum('amount as total')
  return first.openingBalance.plus(toMoney(row.total ?? '0'))
}

const MAX_AMOUNT = toMoney('10000000000000')
const MAX_OPERATIONS = 50_000

/**
 * Texts cut to what a person reads (a hostile file may carry megabytes in a reference), dates in
 * order and amounts within numeric(15,2).
 */
function bounded(statement: ParsedStatement): ParsedStatement {
  if (statement.closingDate < statement.openingDate) {
    refuse('période du relevé', 'la date de fin précède la date de début')
  }
  if (statement.operations.length > MAX_OPERATIONS) {
    refuse('relevé', `plus de ${MAX_OPERATIONS} opérations : découpez le relevé par période`)
  }
  const tooLarge = statement.operations.find((op) =>
    op.amount.abs().greaterThanOrEqualTo(MAX_AMOUNT)
  )
  if (tooLarge)
    refuse(tooLarge.where, 'montant hors limites (13 chiffres avant la virgule au plus)')
  return {
    ...statement,
    reference: statement.reference.slice(0, 200),
    operations: statement.operations.map((op) => ({
      ...op,
      label: op.label.slice(0, 500),
      reference: op.reference?.slice(0, 140) ?? null,
      counterparty: op.counterparty?.slice(0, 200) ?? null,
    })),
  }
}

/** The file is about this account, in euros. */
function checkAccount(account: BankAccount, statement: ParsedStatement) {
  const iban = normaliseIban(account.iban)
  if (statement.accountId !== null) {
    const named = normaliseIban(statement.accountId)
    const matches =
      statement.format === 'ofx' ? iban === named || iban.includes(named) : iban === named
    if (!matches) {
      refuse(
        statement.format === 'camt053'
          ? 'Document/BkToCstmrStmt/Stmt/Acct/Id/IBAN'
          : 'BANKACCTFROM/ACCTID',
        `le relevé est celui du compte ${statement.accountId}, pas de ${account.iban}`
      )
    }
  }
  if (statement.currency !== null && statement.currency !== 'EUR') {
    refuse(
      statement.format === 'camt053' ? 'Document/BkToCstmrStmt/Stmt/Acct/Ccy' : 'CURDEF',
      `devise ${statement.currency} : seuls les relevés en euros sont acceptés`
    )
  }
}

/**
 * Imports a bank statement into one bank account: the file is read and checked whole first
 * (its account, its currency, every operation, opening + operations = closing), then the
 * statement and its new operations are written in one transaction with the import record and
 * an audit event. An operation already imported (same bank reference, else same date, amount
 * and label) is skipped and counted. The same file twice is refused.
 */
export default class ImportStatement {
  static async handle(
    tenant: Tenant,
    input: ImportStatementInput,
    trx?: TransactionClientContract
  ) {
    const { size } = await stat(input.file.path)
    if (size > STATEMENT_MAX_BYTES) {
      throw new RuleError('Le fichier dépasse 20 Mo : découpez le relevé par période.')
    }
    const bytes = await readFile(input.file.path)
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    return withTransaction(trx, async (t) => {
      const account = await lockBankAccount(input.bankAccountId, t)
      const parsed = bounded(await readStatement(account, input))
      checkAccount(account, parsed)

      const already = await ImportRecord.query({ client: t })
        .where({ kind: IMPORT_KIND, sha256, status: 'committed' })
        .whereIn('id', (q) =>
          q.from('bank_statements').where('bank_account_id', account.id).select('import_id')
        )
        .first()
      if (already) {
        throw new RuleError(`Ce fichier a déjà été importé sur ce compte (${already.fileName}).`)
      }

      const total = sumMoney(parsed.operations.map((operation) => operation.amount))
      let opening = parsed.openingBalance
      let closing = parsed.closingBalance
      if (opening === null && closing !== null) opening = closing.minus(total)
      if (opening === null && input.closingBalance) opening = input.closingBalance.minus(total)
      if (opening === null) opening = (await balanceBefore(account, parsed.openingDate, t)) ?? ZERO
      if (closing === null) closing = input.closingBalance ?? opening.plus(total)
      if ([opening, closing].some((amount) => amount.abs().greaterThanOrEqualTo(MAX_AMOUNT))) {
        refuse('soldes du relevé', 'solde hors limites (13 chiffres avant la virgule au plus)')
      }
      if (!opening.plus(total).equals(closing)) {
        refuse(
          'soldes du relevé',
          `solde d’ouverture ${formatMoney(opening)} + opérations ${formatMoney(total)} ≠ solde de clôture ${formatMoney(closing)}`
        )
      }

      const seen = new Map<string, number>()
      const keyed = parsed.operations.map((operation) => {
        const base = dedupKey(operation)
        const count = (seen.get(base) ?? 0) + 1
        seen.set(base, count)
        return { operation, key: count === 1 ? base : `${base}#${count}` }
      })
      const existing = new Set<string>()
      for (let i = 0; i < keyed.length; i += 1000) {
        const rows: Array<{ dedup_key: string }> = await t
          .from('bank_operations')
          .where({ organisation_id: tenant.organisationId, bank_account_id: account.id })
          .whereIn(
            'dedup_key',
            keyed.slice(i, i + 1000).map((k) => k.key)
          )
          .select('dedup_key')
        for (const row of rows) existing.add(row.dedup_key)
      }
      const fresh = keyed.filter((k) => !existing.has(k.key))

      const record = await ImportRecord.create(
        {
          organisationId: tenant.organisationId,
          userId: tenant.userId,
          kind: IMPORT_KIND,
          fileName: input.file.fileName.slice(0, 255),
          sha256,
          sizeBytes: size,
          status: 'committed',
          rowsTotal: parsed.operations.length,
          rowsValid: fresh.length,
          rowsRejected: 0,
          committedAt: DateTime.now(),
        },
        { client: t }
      )
      const statement = await BankStatement.create(
        {
          bankAccountId: account.id,
          importId: record.id,
          format: parsed.format,
          reference: parsed.reference.slice(0, 200),
          openingDate: DateTime.fromISO(parsed.openingDate),
          closingDate: DateTime.fromISO(parsed.closingDate),
          openingBalance: opening,
          closingBalance: closing,
          operationsCount: fresh.length,
          skippedCount: keyed.length - fresh.length,
        },
        { client: t }
      )
      for (let i = 0; i < fresh.length; i += 1000) {
        await t.table('bank_operations').multiInsert(
          fresh.slice(i, i + 1000).map(({ operation, key }) => ({
            organisation_id: tenant.organisationId,
            bank_account_id: account.id,
            statement_id: statement.id,
            booking_date: operation.bookingDate,
            value_date: operation.valueDate,
            label: operation.label,
            amount: operation.amount.toFixed(2),
            reference: operation.reference,
            counterparty: operation.counterparty,
            dedup_key: key,
          }))
        )
      }
      await recordEvent({
        domain: 'accounting',
        action: 'import',
        subjectType: 'bank_statements',
        subjectId: statement.id,
        summary: `Relevé ${parsed.reference} importé sur ${account.name} : ${fresh.length} opération(s), ${keyed.length - fresh.length} déjà importée(s)`,
        after: {
          bankAccountId: account.id,
          format: parsed.format,
          file: input.file.fileName,
          sha256,
          openingBalance: opening.toFixed(2),
          closingBalance: closing.toFixed(2),
        },
        trx: t,
      })
      return { statement, imported: fresh.length, skipped: keyed.length - fresh.length }
    })
  }
}
