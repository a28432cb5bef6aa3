import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import type User from '#models/core/user'
import { addMember } from '#tests/fixtures/organisations'
import { isolated, makeOrganisation, makeUser, tableCounts } from '#tests/helpers'
import { assertRefused } from '#tests/support/refusals'
import { QUALITY_TABLES, seedQualityDemo } from '#tests/functional/quality/helpers'

/**
 * People pickers list the organisation's members (issue #13, ADR 9): a person whose account
 * lives in another organisation and who was made a member is offered, can be chosen, saved and
 * is named on the pages; a person of that other organisation who is not a member, or a former
 * member, is neither offered nor accepted when their id is posted anyway.
 */

const REFUSAL = 'La personne choisie ne fait pas partie des membres de l’organisation.'

/** The options of every `<select name="…">` of a page, as their labels. */
function optionsOf(html: string, name: string) {
  const selects = [
    ...html.matchAll(new RegExp(`<select[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`, 'g')),
  ]
  if (selects.length === 0) throw new Error(`no select named ${name}`)
  return selects.map((select) =>
    [...select[1].matchAll(/<option[^>]*>([^<]*)<\/option>/g)].map((m) => m[1].trim())
  )
}

async function named(user: User, fullName: string) {
  await db.from('users').where('id', user.id).update({ full_name: fullName })
  user.fullName = fullName
  return user
}

function send(client: ApiClient, user: User, method: 'post' | 'put', url: string, form: object) {
  return client[method](url).form(form).withCsrfToken().actingAs(user).redirects(0)
}

/** Two organisations: Alpha, whose quality lead picks people, and Bêta, home of the others. */
async function people() {
  const alpha = await makeOrganisation('Mission Locale Alpha')
  const beta = await makeOrganisation('Mission Locale Bêta')
  const quality = await makeUser(alpha, ['quality'])
  const member = await named(await makeUser(beta, ['finance']), 'Maëlle Membre-Ailleurs')
  const stranger = await named(await makeUser(beta, ['quality']), 'Zoé Étrangère')
  const former = await named(await makeUser(beta, ['hr']), 'Ulysse Ancien-Membre')
  await addMember(alpha, member, ['quality'])
  await addMember(alpha, former, ['board'])
  await db
    .from('memberships')
    .where({ organisation_id: alpha.id, user_id: former.id })
    .update({ is_active: false })
  const { criteria } = await seedQualityDemo(alpha)
  return { alpha, quality, member, stranger, former, criteria }
}

test.group('People pickers | members from another organisation', (group) => {
  isolated(group)

  test('criterion owner: the member is offered, saved and named; a stranger or a former member is refused', async ({
    client,
    assert,
  }) => {
    const { alpha, quality, member, stranger, former, criteria } = await people()
    const page = await client.get(`/qualite/criteres/${criteria[0].id}`).actingAs(quality)
    page.assertStatus(200)
    const [owners] = optionsOf(page.text(), 'ownerId')
    assert.includeMembers(owners, [quality.fullName, member.fullName])
    assert.notInclude(owners, stranger.fullName)
    assert.notInclude(owners, former.fullName)

    const assessment = await db
      .from('criterion_assessments')
      .where('criterion_id', criteria[0].id)
      .firstOrFail()
    const form = (ownerId: number, version: number) => ({
      status: assessment.status,
      ownerId,
      comment: assessment.comment ?? '',
      version,
    })
    const url = `/qualite/criteres/${criteria[0].id}`

    const before = await tableCounts(QUALITY_TABLES)
    for (const intruder of [stranger, former]) {
      const refused = await send(client, quality, 'put', url, form(intruder.id, assessment.version))
      assertRefused(assert, refused, REFUSAL)
      const bag = refused.flashMessages().inputErrorsBag as Record<string, string[]>
      assert.deepEqual(bag.ownerId, [REFUSAL])
    }
    assert.deepEqual(await tableCounts(QUALITY_TABLES), before)

    const saved = await send(client, quality, 'put', url, form(member.id, assessment.version))
    assert.oneOf(saved.status(), [302, 303])
    assert.notExists(saved.flashMessages().error)
    const after = await db.from('criterion_assessments').where('id', assessment.id).firstOrFail()
    assert.equal(after.owner_id, member.id)

    // Named as the owner on the criterion's page and in the criteria list.
    const edited = await client.get(url).actingAs(quality)
    assert.match(edited.text(), new RegExp(`<option value="${member.id}"[^>]*selected`))
    const reader = await makeUser(alpha, ['board'])
    const shown = await client.get(url).actingAs(reader)
    assert.include(shown.text(), `<dd>${member.fullName}</dd>`)
    const list = await client.get('/qualite/criteres').actingAs(quality)
    list.assertStatus(200)
    assert.include(list.text(), member.fullName)
  })

  test('working group members and action owners: the member is offered and saved; a stranger is refused and nothing changes', async ({
    client,
    assert,
  }) => {
    const { alpha, quality, member, stranger, former } = await people()
    const plan = await client.get('/qualite/plan').actingAs(quality)
    plan.assertStatus(200)
    for (const name of ['userId', 'ownerId']) {
      for (const options of optionsOf(plan.text(), name)) {
        assert.include(options, member.fullName, name)
        assert.notInclude(options, stranger.fullName, name)
        assert.notInclude(options, former.fullName, name)
      }
    }

    const workingGroup = await db
      .from('working_groups')
      .where('organisation_id', alpha.id)
      .orderBy('id')
      .firstOrFail()
    const axis = await db
      .from('strategic_axes')
      .where('organisation_id', alpha.id)
      .orderBy('id')
      .firstOrFail()
    const action = await db
      .from('strategic_actions')
      .where('organisation_id', alpha.id)
      .orderBy('id')
      .firstOrFail()
    const membersUrl = `/qualite/plan/groupes/${workingGroup.id}/membres`
    const newAction = (ownerId: number) => ({
      axisId: axis.id,
      title: 'Accueil des partenaires',
      ownerId,
      status: 'planned',
      dueDate: '2025-06-30',
    })
    const correction = (ownerId: number) => ({
      status: action.status,
      title: action.title,
      ownerId,
      version: action.version,
    })

    const before = await tableCounts(QUALITY_TABLES)
    assertRefused(
      assert,
      await send(client, quality, 'post', membersUrl, { userId: stranger.id, role: 'Pilote' }),
      REFUSAL
    )
    assertRefused(
      assert,
      await send(client, quality, 'post', membersUrl, { userId: former.id }),
      REFUSAL
    )
    assertRefused(
      assert,
      await send(client, quality, 'post', '/qualite/plan/actions', newAction(stranger.id)),
      REFUSAL
    )
    assertRefused(
      assert,
      await send(
        client,
        quality,
        'put',
        `/qualite/plan/actions/${action.id}`,
        correction(stranger.id)
      ),
      REFUSAL
    )
    assert.deepEqual(await tableCounts(QUALITY_TABLES), before)
    const untouched = await db.from('strategic_actions').where('id', action.id).firstOrFail()
    assert.equal(untouched.version, action.version)
    assert.equal(untouched.owner_id, action.owner_id)

    const added = await send(client, quality, 'post', membersUrl, {
      userId: member.id,
      role: 'Pilote',
    })
    added.assertStatus(302)
    assert.notExists(added.flashMessages().error)
    assert.exists(
      await db
        .from('working_group_members')
        .where({ working_group_id: workingGroup.id, user_id: member.id })
        .first()
    )
    const created = await send(
      client,
      quality,
      'post',
      '/qualite/plan/actions',
      newAction(member.id)
    )
    created.assertStatus(302)
    assert.exists(
      await db
        .from('strategic_actions')
        .where({ axis_id: axis.id, title: 'Accueil des partenaires', owner_id: member.id })
        .first()
    )
    const corrected = await send(
      client,
      quality,
      'put',
      `/qualite/plan/actions/${action.id}`,
      correction(member.id)
    )
    assert.oneOf(corrected.status(), [302, 303])
    assert.notExists(corrected.flashMessages().error)
    assert.equal(
      (await db.from('strategic_actions').where('id', action.id).firstOrFail()).owner_id,
      member.id
    )

    // The plan names them: as a group member and as the owner of both actions.
    const text = (await client.get('/qualite/plan').actingAs(quality)).text()
    assert.include(text, `${member.fullName} (Pilote)`)
    assert.lengthOf(text.match(new RegExp(`<td>${member.fullName}</td>`, 'g')) ?? [], 2)
  })
})
