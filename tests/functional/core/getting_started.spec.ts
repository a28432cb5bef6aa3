import { test } from '@japa/runner'
import { createOrganisation } from '#actions/core/create_organisation'
import User from '#models/core/user'
import { GettingStarted } from '#reports/core/getting_started'
import { demoOrganisation, inspecting, isolated, makeUser, tenantOf } from '#tests/helpers'

const STEPS = ['fiscal_years', 'opening_balances', 'staff', 'funding', 'governance', 'referential']

/** The `data-step` items of the home page's checklist, with their state. */
function checklist(html: string) {
  const items = [
    ...html.matchAll(/<li class="(done|todo)" data-step="([a-z_]+)">([\s\S]*?)<\/li>/g),
  ]
  return items.map(([, state, key, body]) => ({ key, state, body }))
}

async function newOrganisation() {
  const { organisation, admin } = await createOrganisation({
    name: 'Mission Locale des Premiers Pas',
    siren: '780129987',
    adminEmail: 'premiers.pas@example.org',
    adminName: 'Paule Premiers',
  })
  return { organisation, admin: await inspecting(() => User.findOrFail(admin.id)) }
}

test.group('Getting-started checklist', (group) => {
  isolated(group)

  test('a new organisation sees every step to do, each linked to its page', async ({
    client,
    assert,
  }) => {
    const { organisation, admin } = await newOrganisation()
    const report = await new GettingStarted(tenantOf(organisation), {}).build()
    assert.deepEqual(
      report.steps.map((step) => [step.key, step.done]),
      STEPS.map((key) => [key, false])
    )
    assert.isFalse(report.complete)

    const home = await client.get('/').actingAs(admin)
    home.assertStatus(200)
    home.assertTextIncludes('Premiers pas : 0 étape sur 6')
    const items = checklist(home.text())
    assert.deepEqual(
      items.map((item) => [item.key, item.state]),
      STEPS.map((key) => [key, 'todo'])
    )
    const link = (key: string) => /href="([^"]+)"/.exec(items.find((i) => i.key === key)!.body)?.[1]
    assert.equal(link('fiscal_years'), '/comptabilite')
    assert.equal(link('opening_balances'), '/comptabilite/fec/import')
    assert.equal(link('staff'), '/imports/rh.salaries/nouveau')
    assert.equal(link('funding'), '/financements/financeurs')
    assert.equal(link('governance'), '/gouvernance/membres')
    assert.equal(link('referential'), '/imports/quality.referential/nouveau')

    // A role sees the steps it cannot do without a link.
    const hr = await makeUser(organisation, ['hr'])
    const hrItems = checklist((await client.get('/').actingAs(hr)).text())
    assert.match(hrItems.find((i) => i.key === 'staff')!.body, /href="\/imports\/rh.salaries/)
    assert.notMatch(hrItems.find((i) => i.key === 'fiscal_years')!.body, /href=/)
  })

  test('opening a fiscal year ticks its step', async ({ client, assert }) => {
    const { admin } = await newOrganisation()
    // January by default: the current calendar year is proposed; then the year after the last.
    const year = new Date().getFullYear()
    const ledger = await client.get('/comptabilite').actingAs(admin)
    assert.include(ledger.text(), `name="startDate" type="date" value="${year}-01-01"`)
    const opened = await client
      .post('/comptabilite/exercices')
      .form({ label: '2025', startDate: '2025-01-01', endDate: '2025-12-31' })
      .actingAs(admin)
      .withCsrfToken()
      .redirects(0)
    opened.assertStatus(302)
    const next = await client.get('/comptabilite').actingAs(admin)
    assert.include(next.text(), 'name="startDate" type="date" value="2026-01-01"')
    assert.include(next.text(), 'name="endDate" type="date" value="2026-12-31"')
    const home = await client.get('/').actingAs(admin)
    home.assertTextIncludes('Premiers pas : 1 étape sur 6')
    const items = checklist(home.text())
    assert.deepEqual(
      items.map((item) => [item.key, item.state]),
      STEPS.map((key) => [key, key === 'fiscal_years' ? 'done' : 'todo'])
    )
  })

  test('the demo organisation has done every step: no checklist', async ({ client, assert }) => {
    const demo = await demoOrganisation()
    const report = await new GettingStarted(tenantOf(demo), {}).build()
    assert.deepEqual(
      report.steps.filter((step) => !step.done).map((step) => step.key),
      []
    )
    assert.isTrue(report.complete)
    const admin = await inspecting(() =>
      User.query().where('email', 'admin@demo.socle.fr').firstOrFail()
    )
    const home = await client.get('/').actingAs(admin)
    home.assertStatus(200)
    assert.notInclude(home.text(), 'Premiers pas')
    assert.lengthOf(checklist(home.text()), 0)
  })
})
