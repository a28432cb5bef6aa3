import { test } from '@japa/runner'
import { ROLES } from '#policies/role_matrix'
import { insertId, seedYear, startOrganisation, type Figures } from '#tests/fixtures/organisations'
import { isolated, makeUser } from '#tests/helpers'
import { walkAgainst } from '#tests/support/isolation_walk'

const SAMPLE: Figures = {
  young: 321,
  firstWelcomes: 123,
  programmes: [['CEJ', 'Contrat d’engagement jeune', 45]],
  revenue: [['region', '4321.00']],
  charges: '1234.00',
  contracts: [['cdi', '1.0000']],
  criteria: [1, 1, 0],
}

/** An organisation started by organisation:create, with a year of data marked as its own. */
async function markedOrganisation(name: string, marker: string) {
  const { organisation, admin } = await startOrganisation(name)
  await seedYear(organisation, SAMPLE, ` ${marker}`)
  const body = await insertId('member_bodies', {
    organisation_id: organisation.id,
    name: `Commune ${marker}`,
  })
  await insertId('persons', {
    organisation_id: organisation.id,
    full_name: `Élu ${marker}`,
    member_body_id: body,
  })
  return {
    organisation,
    markers: [marker, admin.fullName, admin.email, `>${organisation.name}<`],
  }
}

/**
 * Two organisations started by organisation:create (issue #13): a user of either, holding every
 * role, reads nothing of the other on any page or download, cannot reach any of its rows by
 * id, and changes nothing of it; both directions.
 */
test.group('Organisation isolation | two organisations started by organisation:create', (group) => {
  isolated(group)

  test('neither organisation reads nor changes anything of the other, both directions', async ({
    client,
    assert,
  }) => {
    const xenon = await markedOrganisation('Mission Locale Xénon', 'MARQUEUR-XENON')
    const yttrium = await markedOrganisation('Mission Locale Yttrium', 'MARQUEUR-YTTRIUM')
    for (const [mine, theirs] of [
      [xenon, yttrium],
      [yttrium, xenon],
    ]) {
      const user = await makeUser(mine.organisation, [...ROLES])
      const { pages, probes } = await walkAgainst(client, assert, user, mine.organisation, {
        id: theirs.organisation.id,
        markers: theirs.markers,
      })
      // The walk did see the pages and downloads of the user's own organisation.
      assert.isAbove(pages.length, 50)
      assert.isAbove(probes.length, 5)
      assert.include(pages, '/reseau')
      assert.include(pages, '/admin/membres')
    }
  }).timeout(900_000)
})
