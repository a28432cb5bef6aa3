import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import {
  demoOrganisation,
  inspecting,
  isolated,
  makeUser,
  asOrganisation,
  tenantOf,
} from '#tests/helpers'
import { ReconciliationStatement } from '#reports/bank/reconciliation_statement'
import { DEMO_IBAN } from '#database/seeders/bank'

test.group('Bank: the demo', (group) => {
  isolated(group)

  test('twelve CAMT.053 statements of 2023 made from the ledger, most operations matched, the reconciliation statement explains everything', async ({
    assert,
    client,
  }) => {
    const organisation = await demoOrganisation()
    const account = await inspecting(() =>
      db
        .from('bank_accounts')
        .where({ organisation_id: organisation.id, iban: DEMO_IBAN })
        .firstOrFail()
    )
    const statements = await inspecting(() =>
      db.from('bank_statements').where('bank_account_id', account.id).orderBy('closing_date')
    )
    assert.lengthOf(statements, 12)
    assert.equal(statements[0].format, 'camt053')
    for (let i = 1; i < statements.length; i++) {
      assert.equal(statements[i].opening_balance, statements[i - 1].closing_balance)
    }
    const [{ total, matched }] = (
      await inspecting(() =>
        db.rawQuery(
          `SELECT count(*)::int AS total,
                  count(*) FILTER (WHERE EXISTS (SELECT 1 FROM bank_match_items i WHERE i.bank_operation_id = o.id AND i.active))::int AS matched
             FROM bank_operations o WHERE o.bank_account_id = ?`,
          [account.id]
        )
      )
    ).rows
    assert.isAbove(total, 300)
    assert.isAbove(matched / total, 0.9)

    const statement = await asOrganisation(organisation, () =>
      new ReconciliationStatement(tenantOf(organisation), {
        bankAccountId: account.id,
        date: '2023-12-31',
      }).build()
    )
    assert.equal(statement.unexplained.toFixed(2), '0.00')
    assert.equal(statement.bankBalance.toFixed(2), statements[11].closing_balance)
    assert.isAtLeast(statement.bankUnmatched.length, 2)
    assert.isAtLeast(statement.ledgerUnmatched.length, 2)

    const board = await makeUser(organisation, ['board'])
    for (const url of [
      '/banque',
      `/banque/comptes/${account.id}`,
      `/banque/comptes/${account.id}/rapprochement`,
      `/banque/comptes/${account.id}/etat`,
    ]) {
      const page = await client.get(url).actingAs(board)
      assert.equal(page.status(), 200, url)
    }
    const page = await client.get(`/banque/comptes/${account.id}/etat`).actingAs(board)
    assert.include(page.text(), 'au 31/12/2023')
    const finance = await makeUser(organisation, ['finance'])
    const home = await client.get('/').actingAs(finance)
    assert.include(home.text(), 'Opérations bancaires à rapprocher')
    assert.match(home.text(), /Compte courant<\/a> :\s+\d+ opération\(s\) non rapprochée\(s\)/)
    const hr = await makeUser(organisation, ['hr'])
    assert.notInclude(
      (await client.get('/').actingAs(hr)).text(),
      'Opérations bancaires à rapprocher'
    )
  }).timeout(300000)
})
