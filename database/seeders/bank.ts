import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Organisation from '#models/core/organisation'
import { toMoney, ZERO } from '#support/money'
import CreateBankAccount from '#actions/bank/create_bank_account'
import ImportStatement from '#actions/bank/import_statement'
import { AcceptUnambiguousProposals } from '#actions/bank/accept_proposals'
import { writeCamt053, type Camt053Entry } from '#exports/bank/camt053'

/** A valid IBAN (checksum) for the demo's current account. */
export const DEMO_IBAN = 'FR3442559100000801234567889'

/** The bank's own lines, not in the ledger: December fees booked by the bank alone. */
const BANK_ONLY: Camt053Entry[] = [
  {
    bookingDate: '2023-12-29',
    amount: toMoney('-18.60'),
    label: 'COMMISSION TENUE DE COMPTE',
    reference: 'DEMO-FRAIS-1',
  },
  {
    bookingDate: '2023-12-29',
    amount: toMoney('-4.20'),
    label: 'FRAIS CARTE',
    reference: 'DEMO-FRAIS-2',
  },
]

/** Ledger lines the bank has not paid by 31 December: the last two supplier payments. */
const NOT_YET_AT_BANK = 2

const lastDay = (month: number) => new Date(Date.UTC(2023, month, 0)).toISOString().slice(0, 10)

/**
 * The demo's bank (issue #18): a current account on 5121 and its twelve CAMT.053 statements of
 * 2023, made from the ledger's 5121 lines (the opening balance is the 5121 à-nouveau), imported
 * through the import action; the unambiguous proposals are then accepted. The last supplier
 * payments of December are not at the bank yet and the bank's own December fees not in the
 * ledger, so that the reconciliation statement has something to explain.
 */
export async function seedBank(organisation: Organisation, trx: TransactionClientContract) {
  const tenant = { organisationId: organisation.id, userId: null, label: 'démo' }
  const account = await trx
    .from('accounts')
    .where({ organisation_id: organisation.id, number: '5121' })
    .firstOrFail()
  const bankAccount = await CreateBankAccount.handle(
    tenant,
    { name: 'Compte courant', accountId: account.id, iban: DEMO_IBAN, bic: 'CCOPFRPPXXX' },
    trx
  )
  const lines: Array<{ id: string; day: string; amount: string; label: string; journal: string }> =
    (
      await trx.rawQuery(
        `SELECT l.id::text AS id, to_char(l.entry_date, 'YYYY-MM-DD') AS day, (l.debit - l.credit)::text AS amount,
              e.label, j.code AS journal
         FROM entry_lines l
         JOIN entries e ON e.organisation_id = l.organisation_id AND e.id = l.entry_id
         JOIN journals j ON j.organisation_id = e.organisation_id AND j.id = e.journal_id
        WHERE l.organisation_id = ? AND l.account_id = ?
          AND l.entry_date BETWEEN '2023-01-01' AND '2023-12-31' AND (l.debit - l.credit) <> 0
        ORDER BY l.entry_date, l.id`,
        [organisation.id, account.id]
      )
    ).rows
  let balance = lines
    .filter((line) => line.journal === 'AN')
    .reduce((sum, line) => sum.plus(toMoney(line.amount)), ZERO)
  const movements = lines.filter((line) => line.journal !== 'AN')
  const held = new Set(
    movements
      .filter((line) => line.day.startsWith('2023-12') && line.amount.startsWith('-'))
      .slice(-NOT_YET_AT_BANK)
      .map((line) => line.id)
  )
  const dir = await mkdtemp(join(tmpdir(), 'socle-demo-bank-'))
  try {
    for (let month = 1; month <= 12; month++) {
      const prefix = `2023-${String(month).padStart(2, '0')}`
      const entries: Camt053Entry[] = movements
        .filter((line) => line.day.startsWith(prefix) && !held.has(line.id))
        .map((line) => ({
          bookingDate: line.day,
          amount: toMoney(line.amount),
          label: line.label,
          reference: `DEMO-${line.id}`,
          counterparty: null,
        }))
      if (month === 12) entries.push(...BANK_ONLY)
      const xml = writeCamt053({
        iban: DEMO_IBAN,
        reference: `RELEVE-${prefix}`,
        openingDate: `${prefix}-01`,
        closingDate: lastDay(month),
        openingBalance: balance,
        entries,
      })
      balance = entries.reduce((sum, entry) => sum.plus(entry.amount), balance)
      const path = join(dir, `releve-${prefix}.xml`)
      await writeFile(path, xml)
      await ImportStatement.handle(
        tenant,
        {
          bankAccountId: bankAccount.id,
          format: 'camt053',
          file: { path, fileName: `releve-${prefix}.xml` },
        },
        trx
      )
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
  // Statistics first: the freshly seeded tables would otherwise be planned as empty (nested loops).
  await trx.rawQuery(
    'ANALYZE bank_operations, entry_lines, entries, journals, grant_receipts, grant_payment_schedules'
  )
  await AcceptUnambiguousProposals.handle(tenant, { bankAccountId: bankAccount.id }, trx)
}
