import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { isolated, makeOrganisation, makeUser, tableCounts } from '#tests/helpers'
import { setupLedger } from '#tests/fixtures/accounting'
import { assertRefused } from '#tests/support/refusals'
import { abolishedAncestor } from '#reference/pcg_associations'

/**
 * The 2025 chart (ANC 2022-06) through the chart-of-accounts form: no new sub-account under an
 * account abolished for the organisation's latest fiscal year, with the replacement named.
 */

async function world(years: number[]) {
  const organisation = await makeOrganisation()
  await setupLedger(organisation, years)
  const user = await makeUser(organisation, ['finance'])
  return { organisation, user }
}

const numbers = async (organisationId: number) =>
  (await db.from('accounts').where('organisation_id', organisationId).select('number')).map(
    (row) => row.number as string
  )

test.group('Chart 2025 | sub-accounts of abolished accounts', (group) => {
  isolated(group)

  test('on the 2025 chart, 7917 and 7771 are refused with their replacement, nothing written', async ({
    client,
    assert,
  }) => {
    const { organisation, user } = await world([2024, 2025])
    const before = await tableCounts(['accounts', 'audit_events'])
    const transfer = await client
      .post('/comptabilite/plan-comptable')
      .form({ number: '7917', label: 'Remboursements OPCO' })
      .withCsrfToken()
      .redirects(0)
      .actingAs(user)
    assertRefused(
      assert,
      transfer,
      'Le compte 791 est supprimé à partir des exercices 2025 (ANC 2022-06) : créditez directement le compte de charge (649 pour les remboursements de personnel).'
    )
    const subsidy = await client
      .post('/comptabilite/plan-comptable')
      .form({ number: '7771', label: 'Quote-part subvention véhicule' })
      .withCsrfToken()
      .redirects(0)
      .actingAs(user)
    assertRefused(
      assert,
      subsidy,
      'Le compte 777 est supprimé à partir des exercices 2025 (ANC 2022-06) : utilisez 747 (quote-part des subventions d’investissement virée au résultat).'
    )
    const deeper = await client
      .post('/comptabilite/plan-comptable')
      .form({ number: '79712', label: 'Transfert exceptionnel' })
      .withCsrfToken()
      .redirects(0)
      .actingAs(user)
    assert.oneOf(deeper.status(), [302, 303])
    assert.match(String(deeper.flashMessages().error), /^Le compte 797 est supprimé .*\(67\)\.$/)
    assert.deepEqual(await tableCounts(['accounts', 'audit_events']), before)
    assert.notInclude(await numbers(organisation.id), '7917')
  })

  test('the replacements are accepted on the 2025 chart; a 2024 organisation still opens 7917', async ({
    client,
    assert,
  }) => {
    const modern = await world([2024, 2025])
    for (const [number, label] of [
      ['6491', 'Remboursements OPCO'],
      ['7471', 'Quote-part subvention véhicule'],
    ]) {
      const response = await client
        .post('/comptabilite/plan-comptable')
        .form({ number, label })
        .withCsrfToken()
        .redirects(0)
        .actingAs(modern.user)
      assert.oneOf(response.status(), [302, 303])
      assert.isUndefined(response.flashMessages().error)
    }
    assert.includeMembers(await numbers(modern.organisation.id), ['6491', '7471'])

    const older = await world([2023, 2024])
    const response = await client
      .post('/comptabilite/plan-comptable')
      .form({ number: '7917', label: 'Remboursements OPCO' })
      .withCsrfToken()
      .redirects(0)
      .actingAs(older.user)
    assert.oneOf(response.status(), [302, 303])
    assert.isUndefined(response.flashMessages().error)
    const created = await db
      .from('accounts')
      .where({ organisation_id: older.organisation.id, number: '7917' })
      .first()
    assert.exists(created)
    const audit = await db
      .from('audit_events')
      .where({ organisation_id: older.organisation.id, subject_id: created.id })
      .first()
    assert.exists(audit)
  })

  test('the replacement table: longest abolished prefix, none before 2025 or for live accounts', ({
    assert,
  }) => {
    assert.equal(abolishedAncestor('7917', 2025)?.number, '791')
    assert.equal(abolishedAncestor('79', 2026)?.number, '79')
    assert.equal(abolishedAncestor('7771', 2025)?.fromYear, 2025)
    assert.isNull(abolishedAncestor('7917', 2024))
    assert.isNull(abolishedAncestor('7471', 2025))
    assert.isNull(abolishedAncestor('7894', 2025))
    assert.isNull(abolishedAncestor('6491', 2025))
  })
})
