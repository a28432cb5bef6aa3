import { test } from '@japa/runner'
import { DEMO_USERS } from '#database/seeders/demo_users'
import { ROLES } from '#policies/role_matrix'
import { demoOrganisation, isolated, makeOrganisation, makeUser } from '#tests/helpers'
import { walkAgainst } from '#tests/support/isolation_walk'

test.group('Organisation isolation', (group) => {
  isolated(group)

  test('a user of organisation A can neither read nor change anything of organisation B, through every route', async ({
    client,
    assert,
  }) => {
    const other = await demoOrganisation()
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, [...ROLES])
    const markers = [
      other.name === organisation.name ? null : `>${other.name}<`,
      ...DEMO_USERS.map((u) => u.fullName),
    ].filter(Boolean) as string[]
    await walkAgainst(client, assert, user, organisation, { id: other.id, markers })
  }).timeout(600_000)
})
