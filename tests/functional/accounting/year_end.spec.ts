import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { Decimal } from 'decimal.js'
import { demoOrganisation, isolated, tenantOf } from '#tests/helpers'
import { actingAs } from '#support/request_context'
import {
  closeFiscalYear,
  postAllocation,
  reopenFiscalYear,
  saveAllocation,
} from '#actions/accounting/year_end'
import { BalanceSheet } from '#reports/accounting/statements'

async function seeded() {
  // The shared demo organisation (2022 closed, 2023 and 2024 open); changes roll back.
  const organisation = await demoOrganisation()
  const as = <T>(fn: () => Promise<T>) =>
    actingAs({ organisationId: organisation.id, userId: null, label: 'test' }, fn)
  const years = await db
    .from('fiscal_years')
    .where('organisation_id', organisation.id)
    .orderBy('start_date')
  return { organisation, as, y2022: years[0], y2023: years[1], y2024: years[2] }
}

async function rejection(fn: () => Promise<unknown>) {
  try {
    await fn()
  } catch (error) {
    return (error as Error).message
  }
  throw new Error('expected a refusal')
}

test.group('Year-end | closing, allocation, reopening', (group) => {
  isolated(group)
  // Each test seeds the 2023 demo ledger (about 20,000 lines) in its rolled-back transaction.
  group.each.timeout(180_000)

  test('closing 2023 stores balances equal to a rescan and opens 2024 with the bilan', async ({
    assert,
  }) => {
    const { organisation, as, y2023, y2024 } = await seeded()
    const closed = await db.transaction((trx) =>
      as(() => closeFiscalYear(trx, organisation.id, y2023.id, null))
    )
    assert.equal(closed.result.toFixed(2), '403271.51')
    const { rows } = await db.rawQuery(
      `WITH stored AS (SELECT account_number, coalesce(programme_id, 0) AS p, coalesce(territory_id, 0) AS t, balance
                         FROM account_balances WHERE closing_id = ?),
            scan AS (SELECT l.account_number, coalesce(l.programme_id, 0) AS p, coalesce(l.territory_id, 0) AS t,
                            SUM(l.debit - l.credit) AS balance
                       FROM entry_lines l JOIN entries e ON e.id = l.entry_id
                      WHERE e.fiscal_year_id = ? GROUP BY 1, 2, 3)
       SELECT count(*) AS n, count(*) FILTER (WHERE stored.balance IS DISTINCT FROM scan.balance) AS diff
         FROM stored FULL JOIN scan USING (account_number, p, t)`,
      [closed.closingId, y2023.id]
    )
    assert.isAbove(Number(rows[0].n), 100)
    assert.equal(Number(rows[0].diff), 0)
    // The 2024 opening equals the 2023 closing: same bilan, result carried on 120.
    const b2023 = await new BalanceSheet(tenantOf(organisation), { year: 2023 }).build()
    const b2024 = await new BalanceSheet(tenantOf(organisation), { year: 2024 }).build()
    assert.equal(
      BalanceSheet.totals(b2024).actif.toFixed(2),
      BalanceSheet.totals(b2023).actif.toFixed(2)
    )
    assert.isTrue(BalanceSheet.totals(b2024).balanced)
    const year = await db.from('fiscal_years').where('id', y2023.id).first()
    assert.equal(year.status, 'closed')
    const opening = await db
      .from('entries')
      .where({ fiscal_year_id: y2024.id, id: closed.openingEntryId! })
      .first()
    assert.equal(opening.status, 'validated')
  })

  test('closing refuses a year with a draft entry, and changes nothing', async ({ assert }) => {
    const { organisation, as, y2023 } = await seeded()
    const journal = await db
      .from('journals')
      .where({ organisation_id: organisation.id, code: 'OD' })
      .first()
    await db.table('entries').insert({
      organisation_id: organisation.id,
      journal_id: journal.id,
      fiscal_year_id: y2023.id,
      entry_date: '2023-12-31',
      label: 'Brouillon',
    })
    const message = await rejection(() =>
      db.transaction((trx) => as(() => closeFiscalYear(trx, organisation.id, y2023.id, null)))
    )
    assert.match(message, /brouillon/)
    const year = await db.from('fiscal_years').where('id', y2023.id).first()
    assert.equal(year.status, 'open')
    const closings = await db.from('fiscal_year_closings').where('fiscal_year_id', y2023.id)
    assert.lengthOf(closings, 0)
  })

  test('a closed year takes no entry and its dates cannot move', async ({ assert }) => {
    const { organisation, y2022 } = await seeded()
    const journal = await db
      .from('journals')
      .where({ organisation_id: organisation.id, code: 'OD' })
      .first()
    const insert = await rejection(() =>
      db.transaction((trx) =>
        trx.table('entries').insert({
          organisation_id: organisation.id,
          journal_id: journal.id,
          fiscal_year_id: y2022.id,
          entry_date: '2022-06-30',
          label: 'Tardive',
        })
      )
    )
    assert.match(insert, /clôturé/)
    const move = await rejection(() =>
      db.transaction((trx) =>
        trx.from('fiscal_years').where('id', y2022.id).update({ end_date: '2023-01-31' })
      )
    )
    assert.match(move, /clôturé|chevauchent/)
  })

  test('the allocation cites the June 2024 general assembly of the demo, never the board', async ({
    assert,
  }) => {
    const { organisation, as, y2023 } = await seeded()
    await db.transaction((trx) => as(() => closeFiscalYear(trx, organisation.id, y2023.id, null)))
    const allocationResolution = (meetingKind: string) =>
      db
        .from('resolutions')
        .join('meetings', 'meetings.id', 'resolutions.meeting_id')
        .where('resolutions.organisation_id', organisation.id)
        .where('resolutions.fiscal_year_id', y2023.id)
        .where('resolutions.subject_kind', 'allocate_result')
        .where('meetings.kind', meetingKind)
        .select('resolutions.id')
        .firstOrFail()
    const board = await allocationResolution('ca')
    const assembly = await allocationResolution('ag_ordinaire')
    const before = await db
      .from('entries')
      .where('organisation_id', organisation.id)
      .count('* as n')
    const save = (resolutionId: number | null) =>
      db.transaction((trx) =>
        as(() =>
          saveAllocation(trx, organisation.id, y2023.id, {
            resolutionId,
            toReserves: new Decimal('100000'),
          })
        )
      )
    assert.match(await rejection(() => save(null)), /assemblée générale/)
    assert.match(await rejection(() => save(board.id)), /Conseil d'administration/)
    const nothing = await rejection(() =>
      db.transaction((trx) => as(() => postAllocation(trx, organisation.id, y2023.id, null)))
    )
    assert.match(nothing, /assemblée générale/)
    const after = await db.from('entries').where('organisation_id', organisation.id).count('* as n')
    assert.equal(after[0].n, before[0].n)
    // With the assembly's resolution: Dr 120 / Cr 110 and 1068, on the assembly's day.
    await save(assembly.id)
    const entryId = await db.transaction((trx) =>
      as(() => postAllocation(trx, organisation.id, y2023.id, null))
    )
    const { rows } = await db.rawQuery(
      `SELECT to_char(entry_date, 'YYYY-MM-DD') AS day, label FROM entries WHERE id = ?`,
      [entryId]
    )
    assert.equal(rows[0].day, '2024-06-20')
    assert.include(rows[0].label, 'AG du 20/06/2024')
    const lines = await db.from('entry_lines').where('entry_id', entryId).orderBy('line_no')
    assert.deepEqual(
      lines.map((l: any) => [
        l.account_number,
        new Decimal(l.debit).toFixed(2),
        new Decimal(l.credit).toFixed(2),
      ]),
      [
        ['120', '403271.51', '0.00'],
        ['110', '0.00', '303271.51'],
        ['1068', '0.00', '100000.00'],
      ]
    )
  })

  test('reopening needs a reason, cancels the à-nouveaux and is audited', async ({ assert }) => {
    const { organisation, as, y2023, y2024 } = await seeded()
    const closed = await db.transaction((trx) =>
      as(() => closeFiscalYear(trx, organisation.id, y2023.id, null))
    )
    const noReason = await rejection(() =>
      db.transaction((trx) => as(() => reopenFiscalYear(trx, organisation.id, y2023.id, null, ' ')))
    )
    assert.match(noReason, /motif/)
    await db.transaction((trx) =>
      as(() =>
        reopenFiscalYear(trx, organisation.id, y2023.id, null, 'Correction d’une facture oubliée')
      )
    )
    const year = await db.from('fiscal_years').where('id', y2023.id).first()
    assert.equal(year.status, 'open')
    const { rows } = await db.rawQuery(
      `SELECT count(*) AS n FROM (SELECT account_number FROM entry_lines l JOIN entries e ON e.id = l.entry_id
         WHERE e.fiscal_year_id = ? GROUP BY account_number HAVING SUM(l.debit - l.credit) <> 0) t`,
      [y2024.id]
    )
    assert.equal(Number(rows[0].n), 0)
    const reversal = await db
      .from('entries')
      .where('reversal_of_id', closed.openingEntryId!)
      .first()
    assert.exists(reversal)
    const audit = await db
      .from('audit_events')
      .where({ organisation_id: organisation.id, action: 'reopen' })
      .first()
    assert.include(audit.summary, 'facture oubliée')
  })
})
