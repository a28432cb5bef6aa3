import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { isolated, makeOrganisation } from '#tests/helpers'
import { asOrg, setupLedger, simpleLines } from '#tests/fixtures/accounting'
import { createDraft } from '#actions/accounting/drafts'
import { longestPrefixParent, PCG_ASSOCIATIONS } from '#reference/pcg_associations'

test.group('Chart of accounts', (group) => {
  isolated(group)

  test('the association chart is seeded with parents, classes and the 2025 versions', async ({
    assert,
  }) => {
    const organisation = await makeOrganisation()
    await setupLedger(organisation, [2024, 2025])
    const rows = await db.from('accounts').where('organisation_id', organisation.id)
    assert.lengthOf(rows, PCG_ASSOCIATIONS.length)
    const byNumber = new Map(rows.map((row) => [row.number, row]))
    for (const number of [
      '102',
      '1068',
      '194',
      '441',
      '486',
      '487',
      '6894',
      '7894',
      '864',
      '875',
    ]) {
      assert.isTrue(byNumber.has(number), number)
    }
    assert.equal(byNumber.get('6894').parent_id, byNumber.get('689').id)
    assert.equal(byNumber.get('1068').parent_id, byNumber.get('106').id)
    assert.equal(byNumber.get('7894').account_class, 7)
    assert.equal(byNumber.get('777').valid_to_year, 2024)
    assert.equal(byNumber.get('747').valid_from_year, 2025)
    assert.equal(byNumber.get('791').valid_to_year, 2024)
    assert.equal(longestPrefixParent('4011234', byNumber.keys()), '401')
    assert.isNull(longestPrefixParent('9999', byNumber.keys()))
  })

  test('accounts removed or created in 2025 are refused outside their years', async ({
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const ledger = await setupLedger(organisation, [2024, 2025])
    await assert.rejects(
      () =>
        asOrg(organisation, () =>
          createDraft({
            journalId: ledger.journal.OD,
            entryDate: '2025-03-01',
            label: 'Transfert',
            lines: simpleLines('10.00', '6411', '791'),
          })
        ),
      /791 n’est pas utilisable dans un exercice ouvert en 2025/
    )
    await assert.rejects(
      () =>
        asOrg(organisation, () =>
          createDraft({
            journalId: ledger.journal.OD,
            entryDate: '2024-03-01',
            label: 'Quote-part',
            lines: simpleLines('10.00', '139', '747'),
          })
        ),
      /747 n’est pas utilisable dans un exercice ouvert en 2024/
    )
    const ok = await asOrg(organisation, () =>
      createDraft({
        journalId: ledger.journal.OD,
        entryDate: '2025-03-01',
        label: 'Quote-part',
        lines: simpleLines('10.00', '139', '747'),
      })
    )
    assert.isNumber(ok.id)
  })
})
