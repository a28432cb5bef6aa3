import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import type User from '#models/core/user'
import type { Role } from '#policies/role_matrix'
import { toMoney } from '#support/money'
import { writeCamt053 } from '#exports/bank/camt053'
import { inspecting, isolated, makeOrganisation, makeUser, readWorkbook } from '#tests/helpers'
import { flashed, send } from '#tests/functional/grants/helpers'
import { bankEntry, bankLedger, IBAN } from '#tests/fixtures/bank'
import { upload } from '#tests/functional/bank/helpers'
import { PAY_LABEL } from '#reports/bank/pay_privacy'

/** Words of the salary operations' texts: none may reach a reader without payroll detail. */
const SECRETS = ['DELEAGE', 'ZAZIE', 'QUIDAM', 'ZORGLUB', 'JANVIER MME']
/** The supplier payment: its texts stay visible to every reader. */
const SUPPLIER = 'FACTURE 17 IMPRIMERIE MARTINEAU'

/** Upper case without accents, to look for a word however it was written. */
const plain = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase()

/**
 * January 2023 on one bank account. Employees Déléage and Martin are on the register.
 * - A: −1 843,27 to "M JEAN DELEAGE" (an employee's surname, no salary word);
 * - B: −2 100,00 "RÉMUNÉRATION JANVIER MME ZAZIE" (a salary word), proposed for a PAIE line;
 * - C: −1 500,00 "VIR 0042 ZORGLUB" (nothing in its texts), matched with a PAIE line;
 * - D: −300,00 to the printer Martineau (a supplier: "Martin" is not a whole word of it).
 */
async function setting(client: ApiClient) {
  const organisation = await makeOrganisation()
  const users = Object.fromEntries(
    await Promise.all(
      (['finance', 'direction', 'board', 'admin'] as Role[]).map(
        async (role) => [role, await makeUser(organisation, [role])] as const
      )
    )
  ) as Record<'finance' | 'direction' | 'board' | 'admin', User>
  await db.table('employees').multiInsert(
    [
      ['Déléage', 'Jean'],
      ['Martin', 'Paul'],
    ].map(([surname, firstNames]) => ({
      organisation_id: organisation.id,
      surname,
      first_names: firstNames,
      sex: 'H',
    }))
  )
  const ledger = await bankLedger(organisation)
  const paie = (day: string, amount: string) =>
    bankEntry(organisation, ledger, day, amount, 'Salaires janvier', { journal: 'PAIE' })
  const lines = { b: await paie('2023-01-27', '-2100'), c: await paie('2023-01-28', '-1500') }
  const statement = writeCamt053({
    iban: IBAN,
    reference: 'RELEVE-2023-01',
    openingDate: '2023-01-01',
    closingDate: '2023-01-31',
    openingBalance: toMoney('10000'),
    entries: [
      ['2023-01-26', '-1843.27', 'VIR SEPA M JEAN DELEAGE', 'DELEAGE-2023-01', 'Jean Déléage'],
      ['2023-01-27', '-2100.00', 'VIR SEPA RÉMUNÉRATION JANVIER MME ZAZIE', 'B', 'Zazie Quidam'],
      ['2023-01-28', '-1500.00', 'VIR 0042 ZORGLUB', 'C', 'ZORGLUB'],
      ['2023-01-30', '-300.00', SUPPLIER, 'F17', 'Imprimerie Martineau'],
    ].map(([day, amount, label, reference, counterparty]) => ({
      bookingDate: day,
      amount: toMoney(amount),
      label,
      reference,
      counterparty,
    })),
  })
  const imported = await upload(client, users.finance, ledger.bankAccountId, 'jan.xml', statement)
  if (imported.status() !== 302) throw new Error(flashed(imported))
  const operations = await inspecting(() =>
    db
      .from('bank_operations')
      .where('bank_account_id', ledger.bankAccountId)
      .select('id', 'reference', 'statement_id')
  )
  const c = operations.find((o) => o.reference === 'C')!
  const matched = await send(
    client,
    users.finance,
    'post',
    `/banque/comptes/${ledger.bankAccountId}/rapprochements`,
    { operationIds: [c.id], entryLineIds: [lines.c] }
  )
  if (flashed(matched)) throw new Error(flashed(matched))
  const id = ledger.bankAccountId
  return {
    users,
    pages: [
      `/banque/comptes/${id}`,
      `/banque/comptes/${id}?releve=${c.statement_id}`,
      `/banque/comptes/${id}/rapprochement`,
      `/banque/comptes/${id}/etat?date=2023-01-31`,
      `/banque/comptes/${id}/etat/impression?date=2023-01-31`,
      '/',
    ],
    workbooks: [
      `/banque/comptes/${id}/operations.xlsx`,
      `/banque/comptes/${id}/rapprochement.xlsx`,
      `/banque/comptes/${id}/etat.xlsx?date=2023-01-31`,
    ],
  }
}

/** Every text of a workbook, one cell after another. */
async function workbookText(response: { body(): unknown }) {
  const workbook = await readWorkbook(response)
  const texts: string[] = []
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.text))))
  )
  return texts.join('\n')
}

/** Each page and workbook of the setting as `user` reads it, by address. */
async function read(client: ApiClient, user: User, setup: Awaited<ReturnType<typeof setting>>) {
  const seen: Array<[string, number, string]> = []
  for (const url of setup.pages) {
    const response = await client.get(url).actingAs(user)
    seen.push([url, response.status(), response.text()])
  }
  for (const url of setup.workbooks) {
    const response = await client.get(url).actingAs(user)
    seen.push([url, response.status(), await workbookText(response)])
  }
  return seen
}

test.group('Bank pages and individual pay', (group) => {
  isolated(group)

  for (const role of ['finance', 'direction', 'board'] as const) {
    test(`${role} sees no salary operation’s text, in any page or workbook`, async ({
      client,
      assert,
    }) => {
      const setup = await setting(client)
      for (const [url, status, text] of await read(client, setup.users[role], setup)) {
        assert.equal(status, 200, url)
        for (const secret of SECRETS) {
          assert.notInclude(plain(text), secret, `${url} shows ${secret}`)
        }
        if (url !== '/') {
          assert.include(text, SUPPLIER, `${url} hides the supplier`)
          assert.include(text, PAY_LABEL, `${url} has no masked operation`)
        }
      }
    })
  }

  test('the administrator (payroll detail) sees the salary operations as the bank wrote them', async ({
    client,
    assert,
  }) => {
    const setup = await setting(client)
    const seen = await read(client, setup.users.admin, setup)
    const [, , account] = seen[0]
    assert.include(account, 'VIR SEPA M JEAN DELEAGE')
    assert.include(account, 'DELEAGE-2023-01')
    assert.include(account, 'RÉMUNÉRATION JANVIER MME ZAZIE')
    const [, , statementPage] = seen[1]
    assert.include(statementPage, 'VIR 0042 ZORGLUB')
    const [, , operations] = seen.find(([url]) => url.endsWith('/operations.xlsx'))!
    for (const text of ['Jean Déléage', 'Zazie Quidam', 'VIR 0042 ZORGLUB', SUPPLIER]) {
      assert.include(operations, text)
    }
  })
})
