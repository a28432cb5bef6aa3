import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import type Organisation from '#models/core/organisation'
import type User from '#models/core/user'
import {
  asOrganisation,
  inspecting,
  isolated,
  makeOrganisation,
  makeUser,
  tableCounts,
  tenantOf,
} from '#tests/helpers'
import { assertFieldError, assertRefused } from '#tests/support/refusals'
import CreateStrategicPlan from '#actions/quality/create_strategic_plan'
import AddStrategicAxis from '#actions/quality/add_strategic_axis'
import CreateWorkingGroup from '#actions/quality/create_working_group'
import AddWorkingGroupMember from '#actions/quality/add_working_group_member'
import AddStrategicAction from '#actions/quality/add_strategic_action'
import AddMilestone from '#actions/quality/add_milestone'
import { progressOf } from './helpers.js'

/**
 * Items of the strategic plan are corrected, deleted when nothing hangs on them, archived
 * otherwise (issue #15): each through HTTP, audited, with its refusals.
 */

const TABLES = [
  'strategic_axes',
  'working_groups',
  'working_group_members',
  'strategic_actions',
  'action_milestones',
  'audit_events',
]

/** A plan with, for each kind of item, one linked and one free. */
async function planFixture(organisation: Organisation) {
  return asOrganisation(organisation, async () => {
    const tenant = tenantOf(organisation)
    const plan = await CreateStrategicPlan.handle(tenant, {
      title: 'Plan 2025-2028',
      startYear: 2025,
      endYear: 2028,
    })
    const linkedAxis = await AddStrategicAxis.handle(tenant, { kind: 'metier', title: 'Axe lié' })
    const freeAxis = await AddStrategicAxis.handle(tenant, {
      kind: 'transversal',
      title: 'Axe libre',
    })
    const linkedGroup = await CreateWorkingGroup.handle(tenant, {
      name: 'Groupe lié',
      axisId: linkedAxis.id,
    })
    await AddWorkingGroupMember.handle(tenant, { groupId: linkedGroup.id, fullName: 'Camille' })
    const freeGroup = await CreateWorkingGroup.handle(tenant, { name: 'Groupe libre' })
    const linkedAction = await AddStrategicAction.handle(tenant, {
      axisId: linkedAxis.id,
      title: 'Action liée',
      status: 'planned',
    })
    const freeAction = await AddStrategicAction.handle(tenant, {
      axisId: linkedAxis.id,
      title: 'Action libre',
      status: 'done',
    })
    const linkedMilestone = await AddMilestone.handle(tenant, {
      actionId: linkedAction.id,
      title: 'Jalon atteint',
      reachedOn: new Date(2025, 2, 1),
    })
    const freeMilestone = await AddMilestone.handle(tenant, {
      actionId: linkedAction.id,
      title: 'Jalon prévu',
    })
    return {
      plan,
      axis: { linked: linkedAxis, free: freeAxis },
      working_group: { linked: linkedGroup, free: freeGroup },
      action: { linked: linkedAction, free: freeAction },
      milestone: { linked: linkedMilestone, free: freeMilestone },
    }
  })
}

const KINDS = [
  { kind: 'axis', segment: 'axes', table: 'strategic_axes', label: 'Axe' },
  {
    kind: 'working_group',
    segment: 'groupes',
    table: 'working_groups',
    label: 'Groupe de travail',
  },
  { kind: 'action', segment: 'actions', table: 'strategic_actions', label: 'Action' },
  { kind: 'milestone', segment: 'jalons', table: 'action_milestones', label: 'Jalon' },
] as const

const titleOf = (item: object) =>
  ((item as { title?: string }).title ?? (item as { name?: string }).name)!

function send(
  client: ApiClient,
  user: User,
  method: 'post' | 'put' | 'delete',
  url: string,
  form: Record<string, unknown> = {}
) {
  return client[method](url).form(form).withCsrfToken().actingAs(user).redirects(0)
}

async function auditsOf(organisationId: number, table: string, id: number, action: string) {
  return inspecting(() =>
    db.from('audit_events').where({
      organisation_id: organisationId,
      domain: 'quality',
      subject_type: table,
      subject_id: String(id),
      action,
    })
  )
}

test.group('Quality plan corrections: delete or archive', (group) => {
  isolated(group)

  for (const { kind, segment, table, label } of KINDS) {
    test(`${label}: a free one is deleted, a linked one refused then archived, all audited`, async ({
      client,
      assert,
    }) => {
      const organisation = await makeOrganisation()
      const quality = await makeUser(organisation, ['quality'])
      const fixture = await planFixture(organisation)
      const { linked, free } = fixture[kind]

      // Free: deleted, with its audit event.
      const deleted = await send(client, quality, 'delete', `/qualite/plan/${segment}/${free.id}`)
      deleted.assertStatus(302)
      deleted.assertHeader('location', '/qualite/plan')
      deleted.assertFlashMessage('success', `${label} supprimé(e).`)
      assert.isNull(await inspecting(() => db.from(table).where('id', free.id).first()))
      const deletion = await auditsOf(organisation.id, table, free.id, 'delete')
      assert.lengthOf(deletion, 1)
      assert.include(JSON.stringify(deletion[0].before), titleOf(free))

      // Linked: refused, nothing changed; the message says why and what to do.
      const before = await tableCounts(TABLES)
      const refused = await send(client, quality, 'delete', `/qualite/plan/${segment}/${linked.id}`)
      refused.assertStatus(303)
      assert.match(
        String(refused.flashMessages().error),
        /ne peut pas être supprimé \(.+\) : archivez-le\.$/
      )
      assert.include(String(refused.flashMessages().error), titleOf(linked))
      assert.deepEqual(await tableCounts(TABLES), before)

      // Archived instead: the row stays, dated and audited.
      const archived = await send(
        client,
        quality,
        'post',
        `/qualite/plan/${segment}/${linked.id}/archivage`
      )
      archived.assertStatus(302)
      archived.assertFlashMessage('success', `${label} archivé(e).`)
      const row = await inspecting(() => db.from(table).where('id', linked.id).firstOrFail())
      assert.isNotNull(row.archived_at)
      const update = await auditsOf(organisation.id, table, linked.id, 'update')
      assert.isTrue(update.some((e) => JSON.stringify(e.after).includes('archivedAt')))

      // Archiving twice is refused.
      const again = await send(
        client,
        quality,
        'post',
        `/qualite/plan/${segment}/${linked.id}/archivage`
      )
      assertRefused(assert, again, `${assertName(kind, titleOf(linked))} est déjà archivé.`)

      // Shown apart and struck out.
      const page = await client.get('/qualite/plan').actingAs(quality)
      page.assertStatus(200)
      const archives = page.text().split('id="archives"')[1] ?? ''
      assert.include(archives, `<del>`)
      assert.include(archives, titleOf(linked))
    })
  }

  test('an archived action counts in no progress figure', async ({ client, assert }) => {
    const organisation = await makeOrganisation()
    const quality = await makeUser(organisation, ['quality'])
    const fixture = await planFixture(organisation)
    const axisId = fixture.axis.linked.id
    const before = (await progressOf(organisation.id, fixture.plan.id)).find(
      (a) => a.axisId === axisId
    )!
    assert.equal(before.actions, 2)
    assert.equal(before.milestones, 2)
    ;(
      await send(
        client,
        quality,
        'post',
        `/qualite/plan/actions/${fixture.action.linked.id}/archivage`
      )
    ).assertStatus(302)
    const after = (await progressOf(organisation.id, fixture.plan.id)).find(
      (a) => a.axisId === axisId
    )!
    assert.equal(after.actions, 1)
    assert.equal(after.actionsDone, 1)
    assert.equal(after.milestones, 0)
    ;(await send(client, quality, 'post', `/qualite/plan/axes/${axisId}/archivage`)).assertStatus(
      302
    )
    const axes = await progressOf(organisation.id, fixture.plan.id)
    assert.isUndefined(axes.find((a) => a.axisId === axisId))
  })

  test('another organisation’s item is a 404; board and finance get 403; nothing changes', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const other = await makeOrganisation('Autre mission locale')
    const quality = await makeUser(organisation, ['quality'])
    const board = await makeUser(organisation, ['board'])
    const finance = await makeUser(organisation, ['finance'])
    await planFixture(organisation)
    const foreign = await planFixture(other)
    const own = await inspecting(() =>
      db.from('strategic_axes').where('organisation_id', organisation.id).firstOrFail()
    )
    const before = await tableCounts(TABLES)

    for (const { kind, segment } of KINDS) {
      const { free } = foreign[kind]
      const url = `/qualite/plan/${segment}/${free.id}`
      ;(await send(client, quality, 'delete', url)).assertStatus(404)
      ;(await send(client, quality, 'post', `${url}/archivage`)).assertStatus(404)
      for (const user of [board, finance]) {
        ;(await send(client, user, 'delete', url)).assertStatus(403)
        ;(await send(client, user, 'post', `${url}/archivage`)).assertStatus(403)
      }
    }
    const axisForm = { kind: 'metier', title: 'Repris', version: 1 }
    ;(
      await send(client, quality, 'put', `/qualite/plan/axes/${foreign.axis.free.id}`, axisForm)
    ).assertStatus(404)
    ;(
      await send(client, quality, 'put', `/qualite/plan/groupes/${foreign.working_group.free.id}`, {
        name: 'Repris',
        version: 1,
      })
    ).assertStatus(404)
    for (const user of [board, finance]) {
      ;(await send(client, user, 'put', `/qualite/plan/axes/${own.id}`, axisForm)).assertStatus(403)
      ;(
        await send(client, user, 'put', `/qualite/plan/groupes/${foreign.working_group.free.id}`, {
          name: 'Repris',
          version: 1,
        })
      ).assertStatus(403)
    }
    assert.deepEqual(await tableCounts(TABLES), before)
  })
})

test.group('Quality plan corrections: edits', (group) => {
  isolated(group)

  test('an axis and a group are corrected (audited); bad input and stale forms change nothing', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const quality = await makeUser(organisation, ['quality'])
    const fixture = await planFixture(organisation)
    const axis = fixture.axis.free

    const saved = await send(client, quality, 'put', `/qualite/plan/axes/${axis.id}`, {
      kind: 'metier',
      title: 'Axe renommé',
      description: 'Nouvelle description',
      version: 1,
    })
    saved.assertStatus(302)
    saved.assertFlashMessage('success', 'Axe corrigé.')
    const row = await inspecting(() => db.from('strategic_axes').where('id', axis.id).firstOrFail())
    assert.equal(row.title, 'Axe renommé')
    assert.equal(row.kind, 'metier')
    assert.equal(row.version, 2)
    const audits = await auditsOf(organisation.id, 'strategic_axes', axis.id, 'update')
    assert.isTrue(audits.some((e) => JSON.stringify(e.after).includes('Axe renommé')))

    const before = await tableCounts(TABLES)
    const bad = await send(client, quality, 'put', `/qualite/plan/axes/${axis.id}`, {
      kind: 'inconnu',
      title: 'A',
      version: row.version,
    })
    assertFieldError(assert, bad, 'title')
    assertFieldError(assert, bad, 'kind')
    const json = await client
      .put(`/qualite/plan/axes/${axis.id}`)
      .header('accept', 'application/json')
      .form({ kind: 'metier', title: '', version: row.version })
      .withCsrfToken()
      .actingAs(quality)
    json.assertStatus(422)
    const stale = await send(client, quality, 'put', `/qualite/plan/axes/${axis.id}`, {
      kind: 'metier',
      title: 'Trop tard',
      version: 1,
    })
    stale.assertStatus(303)
    assert.match(String(stale.flashMessages().error), /modifiée par quelqu'un d'autre/)
    assert.deepEqual(await tableCounts(TABLES), before)

    const workingGroup = fixture.working_group.free
    const moved = await send(client, quality, 'put', `/qualite/plan/groupes/${workingGroup.id}`, {
      name: 'Groupe renommé',
      axisId: fixture.axis.linked.id,
      version: 1,
    })
    moved.assertStatus(302)
    moved.assertFlashMessage('success', 'Groupe de travail corrigé.')
    const groupRow = await inspecting(() =>
      db.from('working_groups').where('id', workingGroup.id).firstOrFail()
    )
    assert.equal(groupRow.name, 'Groupe renommé')
    assert.equal(groupRow.axis_id, fixture.axis.linked.id)
    assert.lengthOf(await auditsOf(organisation.id, 'working_groups', workingGroup.id, 'update'), 1)

    const afterMove = await tableCounts(TABLES)
    const badGroup = await send(
      client,
      quality,
      'put',
      `/qualite/plan/groupes/${workingGroup.id}`,
      {
        name: '',
        version: groupRow.version,
      }
    )
    assertFieldError(assert, badGroup, 'name')
    const jsonGroup = await client
      .put(`/qualite/plan/groupes/${workingGroup.id}`)
      .header('accept', 'application/json')
      .form({ name: 'G', version: groupRow.version })
      .withCsrfToken()
      .actingAs(quality)
    jsonGroup.assertStatus(422)
    assert.deepEqual(await tableCounts(TABLES), afterMove)
  })

  test('an action and a milestone are corrected as a whole (audited); bad input changes nothing', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const quality = await makeUser(organisation, ['quality'])
    const fixture = await planFixture(organisation)
    const action = fixture.action.linked

    const saved = await send(client, quality, 'put', `/qualite/plan/actions/${action.id}`, {
      title: 'Action corrigée',
      ownerName: 'Dominique',
      dueDate: '2026-06-30',
      status: 'in_progress',
      version: 1,
    })
    saved.assertStatus(302)
    saved.assertFlashMessage('success', 'Action corrigée.')
    const row = await inspecting(() =>
      db.from('strategic_actions').where('id', action.id).firstOrFail()
    )
    assert.equal(row.title, 'Action corrigée')
    assert.equal(row.owner_name, 'Dominique')
    assert.equal(row.status, 'in_progress')
    assert.lengthOf(await auditsOf(organisation.id, 'strategic_actions', action.id, 'update'), 1)

    const before = await tableCounts(TABLES)
    const bad = await send(client, quality, 'put', `/qualite/plan/actions/${action.id}`, {
      title: 'X',
      dueDate: '2026-02-30',
      status: 'in_progress',
      version: row.version,
    })
    assertFieldError(assert, bad, 'title')
    assert.deepEqual(await tableCounts(TABLES), before)

    const milestone = fixture.milestone.linked
    const corrected = await send(client, quality, 'put', `/qualite/plan/jalons/${milestone.id}`, {
      title: 'Jalon corrigé',
      dueDate: '2026-01-31',
      reachedOn: '',
    })
    corrected.assertStatus(302)
    corrected.assertFlashMessage('success', 'Jalon corrigé.')
    const milestoneRow = await inspecting(() =>
      db.from('action_milestones').where('id', milestone.id).firstOrFail()
    )
    assert.equal(milestoneRow.title, 'Jalon corrigé')
    assert.isNull(milestoneRow.reached_on)
    assert.lengthOf(await auditsOf(organisation.id, 'action_milestones', milestone.id, 'update'), 1)

    const afterMilestone = await tableCounts(TABLES)
    const noDay = await send(client, quality, 'put', `/qualite/plan/jalons/${milestone.id}`, {})
    assertRefused(assert, noDay, 'Indiquez le jour où le jalon a été atteint.')
    const badDay = await send(client, quality, 'put', `/qualite/plan/jalons/${milestone.id}`, {
      title: 'Jalon',
      reachedOn: 'hier',
    })
    assertFieldError(assert, badDay, 'reachedOn')
    assert.deepEqual(await tableCounts(TABLES), afterMilestone)
  })
})

/** The item as the refusal names it (« L’axe « X » »…). */
function assertName(kind: (typeof KINDS)[number]['kind'], title: string) {
  switch (kind) {
    case 'axis':
      return `L’axe « ${title} »`
    case 'working_group':
      return `Le groupe « ${title} »`
    case 'action':
      return `L’action « ${title} »`
    case 'milestone':
      return `Le jalon « ${title} »`
  }
}
