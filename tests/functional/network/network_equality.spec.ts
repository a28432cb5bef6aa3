import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import EqualityIndexReport, { EqualityIndexes } from '#reports/hr/equality_index'
import { NetworkFigures } from '#reports/network/network_figures'
import type Organisation from '#models/core/organisation'
import { insertId } from '#tests/fixtures/organisations'
import { isolated, makeOrganisation, makeUser, tenantOf } from '#tests/helpers'
import { seededHrOrganisation } from '#tests/functional/hr/helpers'
import { actingAs } from '#support/request_context'

/**
 * The network's equality index is computed for all its members at once (`EqualityIndexes`: the
 * inputs gathered by one query per input grouped by organisation, each member scored alone), and
 * gives exactly what each member's own `EqualityIndexReport` gives.
 */

const PERIOD = { from: '2023-01-01', to: '2023-12-31' }

/**
 * The HR demo's register under another name, declared over 250 (the other method applies), with
 * the men raised early in the year.
 */
async function otherRegister() {
  const { organisation } = await seededHrOrganisation()
  await db.from('organisations').where('id', organisation.id).update({
    name: 'Mission Locale Bêta',
    equality_size_band: 'over_250',
  })
  organisation.name = 'Mission Locale Bêta'
  // Every man raised to 60 000 € on 2 January: a wide pay gap, men's raise rate at 100 %.
  await db.rawQuery(
    `INSERT INTO salary_events (organisation_id, employee_id, effective_date, kind, gross_annual_fte)
     SELECT organisation_id, id, '2023-01-02', 'raise', 60000 FROM employees
      WHERE organisation_id = ? AND sex = 'H'`,
    [organisation.id]
  )
  return organisation
}

function alone(organisation: Organisation) {
  const tenant = tenantOf(organisation)
  return actingAs(tenant, () => new EqualityIndexReport(tenant, PERIOD).build())
}

test.group('Network | equality index, set-based', (group) => {
  isolated(group)

  test('two members with registers and one without: the same index as each member’s own report', async ({
    assert,
  }) => {
    const alpha = (await seededHrOrganisation()).organisation
    const beta = await otherRegister()
    const empty = await makeOrganisation('Mission Locale sans salariés')
    const region = await makeOrganisation('Association régionale')
    for (const member of [alpha, beta, empty]) {
      await insertId('network_members', {
        organisation_id: member.id,
        network_organisation_id: region.id,
        sharing_agreed_at: new Date(),
      })
    }

    const own = { alpha: await alone(alpha), beta: await alone(beta), empty: await alone(empty) }
    // The two registers give two different indexes by two methods: a mix-up would show.
    assert.equal(own.alpha.index, 92)
    assert.equal(own.alpha.method, '50-250')
    assert.equal(own.beta.method, '251+')
    assert.notEqual(own.beta.index, own.alpha.index)
    assert.isFalse(own.empty.calculable)

    // Every figure of each member's index, not only its score.
    const tenant = tenantOf(region)
    const together = await actingAs(tenant, () =>
      new EqualityIndexes(tenant, {
        ...PERIOD,
        organisationIds: [alpha.id, beta.id, empty.id],
      }).build()
    )
    assert.deepEqual(
      JSON.parse(JSON.stringify(together.get(alpha.id))),
      JSON.parse(JSON.stringify(own.alpha))
    )
    assert.deepEqual(
      JSON.parse(JSON.stringify(together.get(beta.id))),
      JSON.parse(JSON.stringify(own.beta))
    )
    assert.deepEqual(
      JSON.parse(JSON.stringify(together.get(empty.id))),
      JSON.parse(JSON.stringify(own.empty))
    )

    // The network's table: a row per member with its own index, the mean of the calculable ones.
    const reader = await makeUser(region, ['network'])
    const networkTenant = { ...tenantOf(region), userId: reader.id }
    const figures = await actingAs(networkTenant, () =>
      new NetworkFigures(networkTenant, { year: 2023 }).build()
    )
    const table = figures.tables.find((candidate) => candidate.key === 'egalite')!
    const index = (name: string) => table.rows.find((row) => row.label === name)?.index ?? null
    assert.equal(index(alpha.name), own.alpha.index)
    assert.equal(index(beta.name), own.beta.index)
    assert.isNull(index(empty.name))
    assert.equal(
      String(index('Moyenne des organisations')),
      String((own.alpha.index! + own.beta.index!) / 2)
    )
  })
})
