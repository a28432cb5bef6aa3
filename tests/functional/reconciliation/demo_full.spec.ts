import { test } from '@japa/runner'
import { demoOrganisation, isolated, tenantOf } from '#tests/helpers'
import { ReconciliationChecks } from '#reports/reconciliation/check_results'

/*
 * The whole demo (every domain seeded, shared by the test run): what the reconciliation of 2023
 * finds across domains.
 */
test.group('Reconciliation of the whole demo 2023', (group) => {
  isolated(group)

  test('grant revenue per funder matches the ledger as the grants domain attributes it', async ({
    assert,
  }) => {
    const organisation = await demoOrganisation()
    const results = await new ReconciliationChecks(tenantOf(organisation), { year: 2023 }).build()
    const revenue = results.filter((r) => r.checkId.startsWith('cross.grant_revenue_vs_ledger:'))
    // One result per funder with revenue in 2023, plus the 74x coverage.
    assert.isAbove(revenue.length, 10)
    assert.deepEqual(
      revenue.filter((r) => r.status !== 'ok').map((r) => `${r.title}: ${r.explanation}`),
      []
    )
  })
})
