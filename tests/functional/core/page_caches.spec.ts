import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { isolated, makeOrganisation, makeUser } from '#tests/helpers'
import { setupLedger } from '#tests/fixtures/accounting'

/**
 * What a page reads once per ledger version or together with the session's user (ADR 12) is
 * never stale: each test reads a page, changes what it shows behind its back (plain SQL, as
 * another process would), and reads the page again.
 */

/** The number in the header's alert counter. */
function headerCount(html: string) {
  const match = /class="alert-counter">Alertes <span class="badge">(\d+)<\/span>/.exec(html)
  if (!match) throw new Error('no alert counter in the header')
  return Number(match[1])
}

async function openAlert(
  organisationId: number,
  subject: string,
  audience: { roles?: string[]; userId?: number }
) {
  const [row] = await db
    .table('alerts')
    .insert({
      organisation_id: organisationId,
      kind: 'import_preview',
      subject_key: subject,
      title: `Alerte ${subject}`,
      due_on: '2024-01-31',
      overdue: true,
      link_route: 'home',
      roles: audience.roles ?? [],
      user_id: audience.userId ?? null,
      first_seen_on: '2024-01-01',
      last_seen_on: '2024-01-01',
    })
    .returning('id')
  return row.id as number
}

test.group('Pages under load | caches follow the data', (group) => {
  isolated(group)

  test('the statements list a fiscal year added after they were read; layouts are written on the first visit', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    await setupLedger(organisation, [2024])
    const user = await makeUser(organisation, ['finance'])
    const layouts = () =>
      db.from('statement_layouts').where('organisation_id', organisation.id).count('* as n')
    assert.equal(Number((await layouts())[0].n), 0)

    const first = await client
      .get('/comptabilite/etats/compte-de-resultat?annee=2024')
      .actingAs(user)
    first.assertStatus(200)
    assert.isAbove(Number((await layouts())[0].n), 0)
    assert.include(first.text(), 'value="rapport-annuel"')
    assert.notInclude(first.text(), 'Exercice cache 2025')

    await db.table('fiscal_years').insert({
      organisation_id: organisation.id,
      label: 'Exercice cache 2025',
      start_date: '2025-01-01',
      end_date: '2025-12-31',
    })
    const income = await client
      .get('/comptabilite/etats/compte-de-resultat?annee=2024')
      .actingAs(user)
    assert.include(income.text(), 'Exercice cache 2025')
    const balance = await client.get('/comptabilite/etats/bilan?annee=2024').actingAs(user)
    assert.include(balance.text(), 'Exercice cache 2025')
  })

  test('the balance générale lists a journal and a fiscal year added after it was read', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const ledger = await setupLedger(organisation, [2024])
    const user = await makeUser(organisation, ['finance'])
    const page = () =>
      client.get(`/comptabilite/balance?exercice=${ledger.fiscalYears[2024]}`).actingAs(user)

    const first = await page()
    first.assertStatus(200)
    assert.notInclude(first.text(), 'Journal ajouté après coup')

    await db.table('journals').insert({
      organisation_id: organisation.id,
      code: 'ZZ',
      label: 'Journal ajouté après coup',
    })
    const [year] = await db
      .table('fiscal_years')
      .insert({
        organisation_id: organisation.id,
        label: 'Exercice 2026',
        start_date: '2026-01-01',
        end_date: '2026-12-31',
      })
      .returning('id')
    const second = await page()
    second.assertStatus(200)
    assert.include(second.text(), 'Journal ajouté après coup')
    assert.include(second.text(), `<option value="${year.id}"`)
  })

  test('the balance générale names a programme, territory, convention and funder changed after it was read', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const ledger = await setupLedger(organisation, [2024])
    const user = await makeUser(organisation, ['finance'])
    const page = async () => {
      const response = await client
        .get(`/comptabilite/balance?exercice=${ledger.fiscalYears[2024]}`)
        .actingAs(user)
      response.assertStatus(200)
      return response.text()
    }
    const [funder] = await db
      .table('funders')
      .insert({ organisation_id: organisation.id, name: 'Financeur lu', category: 'region' })
      .returning('id')
    const convention = (reference: string, title: string) =>
      db.table('grants').insert({
        organisation_id: organisation.id,
        funder_id: funder.id,
        reference,
        title,
        period_start: '2024-01-01',
        period_end: '2024-12-31',
        amount_awarded: '1000.00',
        status: 'signed',
      })
    await convention('CV-AVANT', 'Convention lue')
    const first = await page()
    assert.include(first, 'label="Financeur lu"')
    assert.notInclude(first, 'Dispositif ajouté après coup')

    await db.table('programmes').insert({
      organisation_id: organisation.id,
      code: 'apres',
      name: 'Dispositif ajouté après coup',
      level: 'national',
    })
    await db.table('territories').insert({
      organisation_id: organisation.id,
      code: 'apres',
      name: 'Antenne ajoutée après coup',
      kind: 'antenna',
    })
    await convention('CV-APRES', 'Convention ajoutée après coup')
    const second = await page()
    assert.include(second, 'Dispositif ajouté après coup')
    assert.include(second, 'Antenne ajoutée après coup')
    assert.include(second, 'CV-APRES – Convention ajoutée après coup')

    await db.from('funders').where('id', funder.id).update({ name: 'Financeur renommé' })
    await db.from('programmes').where({ organisation_id: organisation.id, code: 'apres' }).delete()
    const third = await page()
    assert.include(third, 'label="Financeur renommé"')
    assert.notInclude(third, 'label="Financeur lu"')
    assert.notInclude(third, 'Dispositif ajouté après coup')
  })

  test('the header counts an alert opened, dismissed or resolved since the last page', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const other = await makeOrganisation('Autre organisation')
    const user = await makeUser(organisation, ['finance'])
    const count = async () => {
      const response = await client.get('/').actingAs(user)
      response.assertStatus(200)
      return headerCount(response.text())
    }
    assert.equal(await count(), 0)

    const forFinance = await openAlert(organisation.id, 'a', { roles: ['finance'] })
    await openAlert(organisation.id, 'b', { roles: ['hr'] })
    await openAlert(other.id, 'c', { roles: ['finance'] })
    assert.equal(await count(), 1)

    const forUser = await openAlert(organisation.id, 'd', { userId: user.id })
    assert.equal(await count(), 2)

    await db.table('alert_dismissals').insert({
      organisation_id: organisation.id,
      alert_id: forFinance,
      user_id: user.id,
    })
    assert.equal(await count(), 1)

    await db.from('alerts').where('id', forUser).update({ resolved_at: new Date() })
    assert.equal(await count(), 0)
  })

  test('a role changed or an organisation deactivated takes effect at the next request', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, ['hr'])
    ;(await client.get('/rh/salaries').actingAs(user)).assertStatus(200)

    // The home membership follows users.roles (trigger); the session is not revoked.
    await db
      .from('users')
      .where('id', user.id)
      .update({ roles: ['quality'] })
    const refused = await client.get('/rh/salaries').actingAs(user)
    refused.assertStatus(403)

    await db
      .from('users')
      .where('id', user.id)
      .update({ roles: ['hr'] })
    ;(await client.get('/rh/salaries').actingAs(user)).assertStatus(200)

    await db
      .from('organisations')
      .where('id', organisation.id)
      .update({ is_active: false, deactivated_at: new Date() })
    const ended = await client.get('/rh/salaries').actingAs(user).redirects(0)
    ended.assertStatus(302)
    assert.include(String(ended.header('location')), '/login')
  })
})
