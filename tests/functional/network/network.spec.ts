import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type ExcelJS from 'exceljs'
import { ACTIVE_ORGANISATION } from '#middleware/tenant_middleware'
import {
  insertId,
  seedYear,
  startOrganisation,
  type Figures,
  YEAR,
} from '#tests/fixtures/organisations'
import { isolated, makeUser, readWorkbook, tableCounts } from '#tests/helpers'

/**
 * The network role (ADR 9): a regional association reads the consolidated figures of the
 * member organisations that agreed to share them, one table per figure with a row per member
 * and a total. Every expected number below is computed by hand from the rows written here.
 */

const ALPHA: Figures = {
  young: 1200,
  firstWelcomes: 400,
  programmes: [
    ['CEJ', 'Contrat d’engagement jeune', 300],
    ['PACEA', 'PACEA', 150],
  ],
  revenue: [
    ['region', '10000.00'],
    ['etat_dreets', '5000.00'],
  ],
  charges: '3000.00',
  contracts: [
    ['cdi', '1.0000'],
    ['cdi', '0.8000'],
    ['cdd', '0.5000'],
    ['cdd_remplacement', '1.0000'],
  ],
  criteria: [3, 1, 0],
}

const BETA: Figures = {
  young: 800,
  firstWelcomes: 250,
  programmes: [
    ['CEJ', 'Contrat d’engagement jeune', 200],
    ['BOOST', 'Boost emploi', 40],
  ],
  revenue: [['region', '7000.50']],
  charges: '2500.25',
  contracts: [
    ['cdi', '1.0000'],
    ['apprentissage', '1.0000'],
  ],
  criteria: [1, 0, 1],
}

/** Figures of organisations the network must never count: any of them in a total is a leak. */
const OUTSIDER: Figures = {
  young: 99999,
  firstWelcomes: 88888,
  programmes: [['CEJ', 'Contrat d’engagement jeune', 77777]],
  revenue: [['region', '66666.00']],
  charges: '55555.00',
  contracts: [['cdi', '1.0000']],
  criteria: [0, 5, 0],
}

/** The cells of a sheet, as rows of text keyed by the first column. */
function sheetRows(sheet: ExcelJS.Worksheet) {
  const rows: Record<string, string[]> = {}
  sheet.eachRow((row) => {
    const cells: string[] = []
    row.eachCell({ includeEmpty: true }, (cell) => cells.push(String(cell.value ?? '')))
    rows[cells[0]] = cells.slice(1)
  })
  return rows
}

test.group('Network | consolidated figures', (group) => {
  isolated(group)

  async function network() {
    const region = await startOrganisation('Association régionale des Missions Locales')
    const alpha = await startOrganisation('Mission Locale Alpha')
    const beta = await startOrganisation('Mission Locale Bêta')
    const gamma = await startOrganisation('Mission Locale Gamma')
    const delta = await startOrganisation('Mission Locale Delta')
    await seedYear(alpha.organisation, ALPHA)
    await seedYear(beta.organisation, BETA)
    await seedYear(gamma.organisation, OUTSIDER)
    await seedYear(delta.organisation, OUTSIDER)
    // Alpha, Bêta and Gamma belong to the network; Delta does not.
    const links: Record<string, number> = {}
    for (const member of [alpha, beta, gamma]) {
      links[member.organisation.name] = await insertId('network_members', {
        organisation_id: member.organisation.id,
        network_organisation_id: region.organisation.id,
      })
    }
    const reader = await makeUser(region.organisation, ['network'])
    return { region, alpha, beta, gamma, delta, links, reader }
  }

  test('a member admin agrees to share, or withdraws; refusals change nothing', async ({
    client,
    assert,
  }) => {
    const { alpha, gamma, links } = await network()
    const admin = await makeUser(alpha.organisation, ['admin'])
    const page = await client.get('/admin/reseau').actingAs(admin)
    page.assertStatus(200)
    assert.include(page.text(), 'Association régionale des Missions Locales')
    assert.include(page.text(), 'Non accepté')

    const link = links['Mission Locale Alpha']
    const agreed = await client
      .post(`/admin/reseau/${link}/accord`)
      .actingAs(admin)
      .withCsrfToken()
      .redirects(0)
    agreed.assertStatus(302)
    const row = await db.from('network_members').where('id', link).firstOrFail()
    assert.isNotNull(row.sharing_agreed_at)
    assert.equal(row.sharing_agreed_by, admin.id)

    const before = await tableCounts(['audit_events'])
    const again = await client
      .post(`/admin/reseau/${link}/accord`)
      .actingAs(admin)
      .withCsrfToken()
      .redirects(0)
    again.assertStatus(303)
    again.assertFlashMessage(
      'error',
      'Votre organisation partage déjà ses chiffres avec Association régionale des Missions Locales.'
    )
    // Another organisation's link is not found from Alpha.
    ;(
      await client
        .post(`/admin/reseau/${links['Mission Locale Gamma']}/accord`)
        .actingAs(admin)
        .withCsrfToken()
        .redirects(0)
    ).assertStatus(404)
    assert.deepEqual(await tableCounts(['audit_events']), before)
    assert.isNull(
      (await db.from('network_members').where('id', links['Mission Locale Gamma']).firstOrFail())
        .sharing_agreed_at
    )

    const withdrawn = await client
      .delete(`/admin/reseau/${link}/accord`)
      .actingAs(admin)
      .withCsrfToken()
      .redirects(0)
    withdrawn.assertStatus(302)
    assert.isNull(
      (await db.from('network_members').where('id', link).firstOrFail()).sharing_agreed_at
    )
    const twice = await client
      .delete(`/admin/reseau/${link}/accord`)
      .actingAs(admin)
      .withCsrfToken()
      .redirects(0)
    twice.assertStatus(303)

    // Only the member's admin.
    const finance = await makeUser(alpha.organisation, ['finance'])
    ;(await client.get('/admin/reseau').actingAs(finance).redirects(0)).assertStatus(403)
    void gamma
  })

  test('the network table sums the two members that share, and nothing else', async ({
    client,
    assert,
  }) => {
    const { alpha, beta, links, reader } = await network()
    for (const name of ['Mission Locale Alpha', 'Mission Locale Bêta']) {
      await db
        .from('network_members')
        .where('id', links[name])
        .update({ sharing_agreed_at: new Date() })
    }

    const page = await client.get(`/reseau?annee=${YEAR}`).actingAs(reader)
    page.assertStatus(200)
    const html = page.text()
    assert.include(html, 'Mission Locale Alpha')
    assert.include(html, 'Mission Locale Bêta')
    // Gamma is named as not counted; Delta, not a member, is not named at all.
    assert.include(
      html,
      'Non comptées (partage non accepté par leur administrateur) : Mission Locale Gamma.'
    )
    assert.notInclude(html, 'Mission Locale Delta')
    assert.include(html, 'data-chart=')
    // Never personal data, never a number of the outsiders.
    assert.notInclude(html, 'SALARIÉ-SECRET')
    assert.notInclude(html, 'Camille')
    assert.notInclude(html, alpha.admin.email)
    for (const leak of ['99 999', '88 888', '77 777', '66 666', '55 555']) {
      assert.notInclude(html.replace(/\u202f|\u00a0/g, ' '), leak)
    }

    const download = await client.get(`/reseau/export.xlsx?annee=${YEAR}`).actingAs(reader)
    download.assertStatus(200)
    const workbook = await readWorkbook(download)
    const sheet = (prefix: string) =>
      sheetRows(workbook.worksheets.find((s) => s.name.startsWith(prefix))!)

    // Jeunes accompagnés: 1 200 + 800 = 2 000; premiers accueils: 400 + 250 = 650.
    assert.deepEqual(sheet('Jeunes accompagnés')['Total du réseau'], ['2000'])
    assert.deepEqual(sheet('Jeunes accompagnés')['Mission Locale Alpha'], ['1200'])
    assert.deepEqual(sheet('Premiers accueils')['Total du réseau'], ['650'])

    // Programmes, columns by name (Boost emploi, Contrat d’engagement jeune, PACEA) then total:
    // Alpha 0 / 300 / 150 = 450; Bêta 40 / 200 / – = 240; network 40 / 500 / 150 = 690.
    const programmes = sheet('Entrées en dispositif')
    assert.deepEqual(programmes.Organisation, [
      'Boost emploi',
      'Contrat d’engagement jeune',
      'PACEA',
      'Total',
    ])
    assert.deepEqual(programmes['Mission Locale Alpha'], ['', '300', '150', '450'])
    assert.deepEqual(programmes['Mission Locale Bêta'], ['40', '200', '', '240'])
    assert.deepEqual(programmes['Total du réseau'], ['40', '500', '150', '690'])

    // Produits by family (État : DREETS, Région): Alpha 5 000 + 10 000 = 15 000;
    // Bêta – + 7 000,50; network 5 000 + 17 000,50 = 22 000,50.
    const revenue = sheet('Produits des conventions')
    assert.deepEqual(revenue.Organisation, ['État : DREETS / DEETS', 'Région', 'Total'])
    assert.deepEqual(revenue['Mission Locale Alpha'], ['5000', '10000', '15000'])
    assert.deepEqual(revenue['Mission Locale Bêta'], ['', '7000.5', '7000.5'])
    assert.deepEqual(revenue['Total du réseau'], ['5000', '17000.5', '22000.5'])

    // Budget: charges 3 000 + 2 500,25 = 5 500,25; produits 15 000 + 7 000,50 = 22 000,50.
    assert.deepEqual(sheet('Budget')['Total du réseau'], ['5500.25', '22000.5'])

    // Headcount on 31/12 (replacement CDD left out): Alpha 3 (1 + 0,8 + 0,5 = 2,3 FTE),
    // Bêta 2 (2 FTE); network 5 and 4,3.
    const staff = sheet('Effectifs')
    assert.deepEqual(staff['Mission Locale Alpha'], ['3', '2.3'])
    assert.deepEqual(staff['Mission Locale Bêta'], ['2', '2'])
    assert.deepEqual(staff['Total du réseau'], ['5', '4.3'])

    // Equality index: not calculable for these small registers.
    assert.deepEqual(sheet('Index de l')['Moyenne des organisations'], [''])

    // Labellisation: Alpha 3 / 4 = 75 %; Bêta 1 / 1 (one not applicable) = 100 %; mean 87,5 %.
    const score = sheet('Score de labellisation')
    assert.deepEqual(score['Mission Locale Alpha'], ['0.75'])
    assert.deepEqual(score['Mission Locale Bêta'], ['1'])
    assert.deepEqual(score['Moyenne des organisations'], ['0.875'])
    void beta
  })

  test('the network role reads the network pages only; others cannot read them', async ({
    client,
    assert,
  }) => {
    const { alpha, region, reader } = await network()
    ;(await client.get('/').actingAs(reader).redirects(0)).assertHeader('location', '/reseau')
    for (const path of [
      '/comptabilite',
      '/rh',
      '/financements',
      '/gouvernance',
      '/admin/utilisateurs',
    ]) {
      ;(await client.get(path).actingAs(reader).redirects(0)).assertStatus(403)
    }
    // A member's admin, or the network organisation's admin without the role: 403.
    const memberAdmin = await makeUser(alpha.organisation, ['admin', 'direction'])
    ;(await client.get('/reseau').actingAs(memberAdmin).redirects(0)).assertStatus(403)
    const regionAdmin = await makeUser(region.organisation, ['admin'])
    ;(await client.get('/reseau/export.xlsx').actingAs(regionAdmin).redirects(0)).assertStatus(403)

    // A person with the network role in the region and finance at home reads the network only
    // while acting for the region.
    const both = await makeUser(alpha.organisation, ['finance'])
    await db.table('memberships').insert({
      organisation_id: region.organisation.id,
      user_id: both.id,
      roles: ['network'],
    })
    ;(await client.get('/reseau').actingAs(both).redirects(0)).assertStatus(403)
    const inRegion = { [ACTIVE_ORGANISATION]: region.organisation.id }
    ;(await client.get('/reseau').actingAs(both).withSession(inRegion).redirects(0)).assertStatus(
      200
    )
    ;(
      await client.get('/comptabilite').actingAs(both).withSession(inRegion).redirects(0)
    ).assertStatus(403)
    // Nobody shares yet: the page says so.
    const empty = await client.get('/reseau').actingAs(reader)
    assert.include(empty.text(), 'Aucune organisation membre ne partage encore ses chiffres')
  })
})
