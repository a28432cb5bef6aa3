import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { Decimal } from 'decimal.js'
import type Organisation from '#models/core/organisation'
import Funder from '#models/grants/funder'
import { addEvent, lockGrant, saveGrant } from '#actions/grants/conventions'
import { actingAs } from '#support/request_context'

export function asOrg<T>(organisation: Organisation, work: () => Promise<T>) {
  return actingAs({ organisationId: organisation.id, userId: null, label: 'test' }, work)
}

/** One funder and one signed 100 000 € convention over 2023–2024. */
export async function makeGrant(
  organisation: Organisation,
  reference = 'CONV-1',
  amount = '100000'
) {
  return asOrg(organisation, () =>
    db.transaction(async (trx) => {
      const funder = await Funder.create(
        { name: `Région ${reference}`, category: 'region', revenueAccount: '7413' },
        { client: trx }
      )
      const start = DateTime.fromISO('2023-01-01')
      const grant = await saveGrant(
        {
          funderId: funder.id,
          reference,
          title: 'Accompagnement renforcé',
          periodStart: start,
          periodEnd: DateTime.fromISO('2024-12-31'),
          amountAwarded: new Decimal(amount),
          revenueAccount: '7413',
        },
        trx
      )
      // Requested, notified and signed on its first day, as the lifecycle has it.
      const signed = await lockGrant(grant.id, trx)
      await addEvent(signed, 'notified', start, null, trx)
      await addEvent(signed, 'signed', start, null, trx)
      return signed
    })
  )
}

/** A minimal ledger (fiscal year 2023, accounts, OD journal) for one organisation. */
export async function makeLedger(organisation: Organisation, numbers: string[]) {
  const [fy] = await db
    .table('fiscal_years')
    .insert({
      organisation_id: organisation.id,
      label: '2023',
      start_date: '2023-01-01',
      end_date: '2023-12-31',
    })
    .returning('id')
  const [journal] = await db
    .table('journals')
    .insert({ organisation_id: organisation.id, code: 'OD', label: 'Opérations diverses' })
    .returning('id')
  const accounts: Record<string, number> = {}
  for (const number of numbers) {
    const [row] = await db
      .table('accounts')
      .insert({ organisation_id: organisation.id, number, label: `Compte ${number}` })
      .returning('id')
    accounts[number] = row.id
  }
  return { fiscalYearId: fy.id as number, journalId: journal.id as number, accounts }
}

/** A draft entry with its lines, written straight to the tables. */
export async function postEntry(
  organisation: Organisation,
  ledger: Awaited<ReturnType<typeof makeLedger>>,
  date: string,
  lines: Array<{ account: string; debit?: string; credit?: string; grantId?: number | null }>
) {
  const [entry] = await db
    .table('entries')
    .insert({
      organisation_id: organisation.id,
      journal_id: ledger.journalId,
      fiscal_year_id: ledger.fiscalYearId,
      entry_date: date,
      label: 'Test',
      status: 'draft',
    })
    .returning('id')
  await db.table('entry_lines').multiInsert(
    lines.map((line, index) => ({
      entry_id: entry.id,
      organisation_id: organisation.id,
      line_no: index + 1,
      account_id: ledger.accounts[line.account],
      account_number: line.account,
      entry_date: date,
      debit: line.debit ?? '0',
      credit: line.credit ?? '0',
      grant_id: line.grantId ?? null,
    }))
  )
  return entry.id as number
}

/** The tenant reports and actions are built with in tests that call them directly. */
export function tenantOf(organisation: { id: number }) {
  return { organisationId: organisation.id, userId: null, label: 'test' }
}
