import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { isolated, makeOrganisation, makeUser, tenantOf } from '#tests/helpers'
import { asOrg, setupLedger, simpleLines } from '#tests/fixtures/accounting'
import { createDraft } from '#actions/accounting/drafts'
import { validateEntry } from '#actions/accounting/ledger'
import { YearsWithData, DATA_DOMAINS, type DataDomain } from '#reports/core/years_with_data'
import type Organisation from '#models/core/organisation'

const plain = (html: string) => html.replace(/[\u00a0\u202f]/g, ' ')

/** The year the page's picker has selected (components/year_picker.edge). */
function pickedYear(html: string) {
  const select = /<select id="annee-choisie"[^>]*>([\s\S]*?)<\/select>/.exec(html)?.[1] ?? ''
  return /<option value="(\d{4})"\s*selected>/.exec(select)?.[1] ?? null
}

/**
 * An organisation whose data are all in 2022, with fiscal years 2022, 2023 and 2024 open: the
 * latest fiscal year that exists is 2024, the calendar year later still, and every yearly page
 * must open on 2022.
 */
async function dataOnlyIn2022() {
  const organisation = await makeOrganisation('Mission Locale 2022')
  const ledger = await setupLedger(organisation, [2022, 2023, 2024])
  await asOrg(organisation, async () => {
    const draft = await createDraft({
      journalId: ledger.journal.AC,
      entryDate: '2022-06-15',
      label: 'Achat fournitures',
      lines: simpleLines('500.00'),
    })
    await validateEntry(draft.id)
  })
  const org = organisation.id
  const [employee] = await db
    .table('employees')
    .insert({ organisation_id: org, surname: 'Martin', first_names: 'Léa', sex: 'F' })
    .returning('id')
  await db.table('contracts').insert({
    organisation_id: org,
    employee_id: employee.id,
    contract_type: 'cdd',
    job_title: 'Conseillère',
    start_date: '2022-02-01',
    end_date: '2022-11-30',
    end_reason: 'fin_cdd',
  })
  const [indicator] = await db
    .table('indicators')
    .insert({ organisation_id: org, code: 'jeunes_accompagnes', label: 'Jeunes accompagnés' })
    .returning('id')
  await db
    .table('indicator_values')
    .insert({ organisation_id: org, year: 2022, indicator_id: indicator.id, value: '120' })
  const [funder] = await db
    .table('funders')
    .insert({ organisation_id: org, name: 'Région', category: 'region' })
    .returning('id')
  await db.table('grants').insert({
    organisation_id: org,
    funder_id: funder.id,
    reference: 'REG-2022',
    title: 'Accompagnement 2022',
    period_start: '2022-01-01',
    period_end: '2022-12-31',
    amount_awarded: '10000',
  })
  return { organisation, ledger }
}

async function yearsOf(organisation: Organisation, domain: DataDomain, requested?: number) {
  return asOrg(organisation, () =>
    new YearsWithData(tenantOf(organisation), { domain, requested }).build()
  )
}

test.group('Yearly pages open on the latest year with data', (group) => {
  isolated(group)

  test('each domain says which years hold data, and the default is the latest of them', async ({
    assert,
  }) => {
    const { organisation } = await dataOnlyIn2022()
    for (const domain of ['accounting', 'hr', 'grants', 'activity', 'reconciliation'] as const) {
      const years = await yearsOf(organisation, domain)
      assert.deepEqual(years.years, [2022], domain)
      assert.equal(years.year, 2022, domain)
      assert.equal(years.latest, 2022, domain)
      // The picker offers the fiscal years that hold nothing, said so, and selects 2022.
      assert.deepEqual(
        years.choices.filter((c) => c.selected).map((c) => c.value),
        [2022],
        domain
      )
    }
    const accounting = await yearsOf(organisation, 'accounting')
    assert.deepEqual(
      accounting.choices.map((c) => c.label),
      ['2024 (sans données)', '2023 (sans données)', '2022']
    )
    // Asked for a year: that year, even empty; nothing at all: the latest ended fiscal year.
    assert.equal((await yearsOf(organisation, 'hr', 2024)).year, 2024)
    const empty = await makeOrganisation('Mission Locale vide')
    await setupLedger(empty, [2021, 2022])
    const none = await yearsOf(empty, 'accounting')
    assert.isNull(none.latest)
    assert.equal(none.year, 2022)
    // Governance and quality count meetings held and assessments made.
    assert.deepEqual((await yearsOf(organisation, 'governance')).years, [])
    assert.deepEqual((await yearsOf(organisation, 'quality')).years, [])
    assert.includeMembers(Object.keys(DATA_DOMAINS), ['governance', 'quality', 'network'])
  })

  test('every yearly page opens on 2022, with its year picker', async ({ client, assert }) => {
    const { organisation, ledger } = await dataOnlyIn2022()
    const admin = await makeUser(organisation, ['admin'])
    const get = async (url: string) => {
      const response = await client.get(url).actingAs(admin)
      response.assertStatus(200)
      return plain(response.text())
    }
    // Pages with the shared picker: it selects 2022 and the heading says so.
    for (const [url, heading] of [
      ['/rh', 'Ressources humaines — 2022'],
      ['/rh/bilan-social', 'Bilan social 2022'],
      ['/rh/formation', 'Formation 2022'],
      ['/rh/temps', 'par dispositif — 2022'],
      ['/rh/egalite', 'du 01/01/2022 au 31/12/2022'],
      ['/activite', 'Chiffres clés de l’activité 2022'],
      ['/activite/valeurs', 'Valeurs d’activité 2022'],
      ['/activite/dispositifs', 'Dispositifs 2022'],
      ['/financements/fin-exercice', "Positions de fin d'exercice 2022"],
      ['/financements/financeurs', 'Financeurs'],
      ['/rapprochements', 'Rapprochements 2022'],
    ]) {
      const html = await get(url)
      assert.equal(pickedYear(html), '2022', url)
      assert.include(html, heading, url)
    }
    // The ledger screens choose the fiscal year 2022 (by id), not the open 2024.
    for (const url of [
      '/comptabilite/balance',
      '/comptabilite/grand-livre',
      '/comptabilite/ecritures',
    ]) {
      const html = await get(url)
      assert.match(
        html,
        new RegExp(`<option value="${ledger.fiscalYears[2022]}"\\s*selected>2022</option>`),
        url
      )
      assert.match(
        html,
        new RegExp(
          `<option value="${ledger.fiscalYears[2024]}"\\s*>2024 \\(sans données\\)</option>`
        )
      )
    }
    const ledgerPage = await get('/comptabilite/grand-livre')
    assert.include(ledgerPage, '500,00')
    assert.include(await get('/comptabilite/etats/compte-de-resultat'), 'Compte de résultat — 2022')
  })

  test('the picker changes the year; a year out of range is refused', async ({
    client,
    assert,
  }) => {
    const { organisation } = await dataOnlyIn2022()
    const admin = await makeUser(organisation, ['admin'])
    const home = plain((await client.get('/rh?annee=2024').actingAs(admin)).text())
    assert.include(home, 'Ressources humaines — 2024')
    assert.equal(pickedYear(home), '2024')
    assert.include(home, '<option value="2024" selected>2024 (sans données)</option>')
    assert.match(home, /<option value="2022"\s*>2022<\/option>/)
    // The picker keeps the page's other parameters, and starts a list again at its first page.
    const time = (await client.get('/rh/temps?taux=grand-livre&page=3').actingAs(admin)).text()
    assert.include(time, '<input type="hidden" name="taux" value="grand-livre">')
    assert.notInclude(time, 'name="page"')
    // Pages with filters of their own carry the picker inside their form.
    const values = (await client.get('/activite/valeurs?annee=2023').actingAs(admin)).text()
    assert.match(
      values,
      /<form[^>]*activite\/valeurs[^>]*>[\s\S]*id="annee-choisie"[\s\S]*name="indicateur"/
    )
    assert.equal(pickedYear(values), '2023')
    const refused = await client.get('/rh?annee=1800').actingAs(admin).redirects(0)
    assert.oneOf(refused.status(), [302, 422])
  })
})
