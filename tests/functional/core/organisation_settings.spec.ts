import { test } from '@japa/runner'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type { Role } from '#policies/role_matrix'
import { isolated, makeOrganisation, makeUser, tableCounts } from '#tests/helpers'

/** A real 1x1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64'
)
/** The start of a JPEG (SOI and an APP0 marker): the type is judged by these bytes. */
const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  Buffer.from('JFIF\0'),
  Buffer.alloc(64, 0x20),
])
const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'

const SETTINGS = {
  name: 'Mission Locale du Val',
  siren: '732 829 320',
  address: '12 rue des Lilas\n35000 Rennes',
  fiscalYearStartMonth: '9',
  employerChargeRate: '42,5',
  chartVersion: 'anc_2018_06',
  equalitySizeBand: 'over_250',
}

let scratch: string | undefined
async function sample(name: string, content: string | Buffer) {
  scratch ??= await mkdtemp(join(tmpdir(), 'socle-logo-spec-'))
  const path = join(scratch, name)
  await writeFile(path, content)
  return path
}

async function adminOf(name = 'Mission Locale Paramètres') {
  const organisation = await makeOrganisation(name)
  return { organisation, admin: await makeUser(organisation, ['admin']) }
}

async function organisationRow(id: number) {
  return db.from('organisations').where('id', id).firstOrFail()
}

async function logoRow(id: number) {
  return db.from('organisation_logos').where('organisation_id', id).first()
}

test.group('Organisation settings', (group) => {
  isolated(group)

  test('an admin updates the settings; audited, and read by the HR costs and the equality index', async ({
    client,
    assert,
  }) => {
    const { organisation, admin } = await adminOf()
    const page = await client.get('/admin/organisation').actingAs(admin)
    page.assertStatus(200)
    page.assertTextIncludes('Paramètres de l’organisation')
    page.assertTextIncludes('Taux de charges patronales')
    const home = await client.get('/').actingAs(admin)
    assert.include(home.text(), 'href="/admin/organisation"')

    const before = await client.get('/rh/egalite?annee=2024').actingAs(admin)
    before.assertStatus(200)
    before.assertTextIncludes('entreprises de 50 à 250 salariés')

    const saved = await client
      .put('/admin/organisation')
      .form({ ...SETTINGS, version: '1' })
      .actingAs(admin)
      .withCsrfToken()
      .redirects(0)
    saved.assertStatus(302)
    saved.assertHeader('location', '/admin/organisation')
    saved.assertFlashMessage('success', 'Paramètres de l’organisation enregistrés.')

    const row = await organisationRow(organisation.id)
    assert.equal(row.name, 'Mission Locale du Val')
    assert.equal(row.siren, '732829320')
    assert.equal(row.address, '12 rue des Lilas\n35000 Rennes')
    assert.equal(row.fiscal_year_start_month, 9)
    assert.equal(row.chart_version, 'anc_2018_06')
    assert.equal(row.equality_size_band, 'over_250')
    assert.equal(row.version, 2)
    const hr = await db.from('hr_settings').where('organisation_id', organisation.id).firstOrFail()
    assert.equal(hr.employer_charge_rate, '0.4250')
    const event = await db
      .from('audit_events')
      .where({ organisation_id: organisation.id, subject_type: 'organisations' })
      .orderBy('id', 'desc')
      .firstOrFail()
    assert.equal(event.action, 'update')
    assert.equal(event.user_id, admin.id)
    assert.equal(event.before.employerChargeRate, '45.00')
    assert.equal(event.after.employerChargeRate, '42.50')
    assert.equal(event.after.siren, '732829320')

    // One rate, two screens: the HR time page reads it, the equality index uses the band.
    const time = await client.get('/rh/temps').actingAs(admin)
    time.assertStatus(200)
    assert.match(time.text(), /taux paramétré de 42,50 %/)
    const after = await client.get('/rh/egalite?annee=2024').actingAs(admin)
    after.assertTextIncludes('entreprises de plus de 250 salariés')
    // The first fiscal year proposed starts on the latest 1 September up to today.
    const today = DateTime.now()
    let start = DateTime.fromObject({ year: today.year, month: 9, day: 1 })
    if (start > today) start = start.minus({ years: 1 })
    const ledger = await client.get('/comptabilite').actingAs(admin)
    assert.include(ledger.text(), `name="startDate" type="date" value="${start.toISODate()}"`)
    assert.include(
      ledger.text(),
      `name="endDate" type="date" value="${start.plus({ years: 1 }).minus({ days: 1 }).toISODate()}"`
    )
    assert.include(ledger.text(), `value="${start.year}-${start.year + 1}"`)
    const again = await client.get('/admin/organisation').actingAs(admin)
    assert.include(again.text(), 'value="42,5"')
    assert.include(again.text(), 'name="version" value="2"')
  })

  test('bad input is refused in French and changes nothing', async ({ client, assert }) => {
    const { organisation, admin } = await adminOf()
    const other = await makeOrganisation('Autre Mission Locale')
    await db.from('organisations').where('id', other.id).update({ siren: '552100554' })
    const before = await organisationRow(organisation.id)
    const counts = await tableCounts(['audit_events', 'hr_settings'])

    const refused = await client
      .put('/admin/organisation')
      .form({
        ...SETTINGS,
        siren: '732829321',
        employerChargeRate: 'beaucoup',
        fiscalYearStartMonth: '13',
        chartVersion: 'pcg_1999',
        equalitySizeBand: 'enorme',
      })
      .actingAs(admin)
      .withCsrfToken()
      .redirects(0)
    refused.assertStatus(302)
    const errors = refused.flashMessages().inputErrorsBag as Record<string, string[]>
    assert.match(errors.siren[0], /^Le SIREN 732829321 n’est pas valide/)
    assert.deepEqual(errors.employerChargeRate, [
      'Le champ taux de charges patronales doit être un pourcentage, par exemple « 45 » ou « 42,5 » (deux décimales au plus).',
    ])
    assert.deepEqual(errors.fiscalYearStartMonth, [
      'Le champ premier mois de l’exercice doit être compris entre 1 et 12.',
    ])
    assert.deepEqual(errors.chartVersion, ['La valeur choisie pour plan comptable est invalide.'])
    assert.property(errors, 'equalitySizeBand')

    const tooHigh = await client
      .put('/admin/organisation')
      .form({ ...SETTINGS, employerChargeRate: '250' })
      .actingAs(admin)
      .withCsrfToken()
      .redirects(0)
    const highErrors = tooHigh.flashMessages().inputErrorsBag as Record<string, string[]>
    assert.deepEqual(highErrors.employerChargeRate, [
      'Le champ taux de charges patronales doit être inférieur à 200 %.',
    ])

    // Another organisation's SIREN, and a stale form: domain refusals, 303 back with the message.
    const taken = await client
      .put('/admin/organisation')
      .form({ ...SETTINGS, siren: '552100554' })
      .actingAs(admin)
      .withCsrfToken()
      .redirects(0)
    taken.assertStatus(303)
    taken.assertFlashMessage('error', 'Une organisation avec ce SIREN existe déjà.')
    const stale = await client
      .put('/admin/organisation')
      .form({ ...SETTINGS, version: '7' })
      .actingAs(admin)
      .withCsrfToken()
      .redirects(0)
    stale.assertStatus(303)
    assert.match(String(stale.flashMessages().error), /modifiée par quelqu'un d'autre/)

    assert.deepEqual(await organisationRow(organisation.id), before)
    assert.deepEqual(await tableCounts(['audit_events', 'hr_settings']), counts)
  })

  test('other roles get 403 on every settings route and change nothing', async ({
    client,
    assert,
  }) => {
    const { organisation } = await adminOf()
    const before = await organisationRow(organisation.id)
    for (const role of ['direction', 'finance', 'hr', 'board', 'quality'] as Role[]) {
      const user = await makeUser(organisation, [role])
      const page = await client.get('/admin/organisation').actingAs(user)
      page.assertStatus(403)
      const put = await client
        .put('/admin/organisation')
        .form(SETTINGS)
        .actingAs(user)
        .withCsrfToken()
        .redirects(0)
      assert.equal(put.status(), 403, role)
      const upload = await client
        .post('/admin/organisation/logo')
        .file('fichier', await sample('logo.png', PNG))
        .actingAs(user)
        .withCsrfToken()
        .redirects(0)
      assert.equal(upload.status(), 403, role)
      const removal = await client
        .delete('/admin/organisation/logo')
        .actingAs(user)
        .withCsrfToken()
        .redirects(0)
      assert.equal(removal.status(), 403, role)
    }
    assert.deepEqual(await organisationRow(organisation.id), before)
    assert.isNull(await logoRow(organisation.id))
  })

  test('the logo is checked by its content, printed at the top of pages, and removed', async ({
    client,
    assert,
  }) => {
    const { organisation, admin } = await adminOf('Mission Locale au Logo')
    const reader = await makeUser(organisation, ['finance'])

    // Not an image whatever its name, an SVG (scripts), a PDF, an empty file: refused.
    for (const [name, content, reason] of [
      ['logo.png', 'ceci est du texte', /Type de fichier refusé \(texte\)/],
      ['logo.svg', SVG, /Type de fichier refusé \(texte\)/],
      ['logo.png', '%PDF-1.4 pas une image', /Type de fichier refusé \(document PDF\)/],
      ['vide.png', '', /Le fichier est vide/],
    ] as const) {
      const refused = await client
        .post('/admin/organisation/logo')
        .file('fichier', await sample(name, content))
        .actingAs(admin)
        .withCsrfToken()
        .redirects(0)
      refused.assertStatus(303)
      assert.match(String(refused.flashMessages().error), reason)
      assert.match(String(refused.flashMessages().error), /Le logo n’a pas changé\.$/)
    }
    const big = await client
      .post('/admin/organisation/logo')
      .file('fichier', await sample('grand.png', Buffer.concat([PNG, Buffer.alloc(600 * 1024)])))
      .actingAs(admin)
      .withCsrfToken()
      .redirects(0)
    big.assertStatus(303)
    assert.match(String(big.flashMessages().error), /trop volumineux/)
    assert.isNull(await logoRow(organisation.id))

    const stored = await client
      .post('/admin/organisation/logo')
      .file('fichier', await sample('logo.png', PNG))
      .actingAs(admin)
      .withCsrfToken()
      .redirects(0)
    stored.assertStatus(302)
    stored.assertHeader('location', '/admin/organisation')
    const row = await logoRow(organisation.id)
    assert.equal(row.content_type, 'image/png')
    assert.deepEqual(Buffer.from(row.bytes), PNG)

    // Every user of the organisation gets it, on the printed letterhead of any page.
    const image = await client.get('/organisation/logo').actingAs(reader)
    image.assertStatus(200)
    assert.equal(image.header('content-type'), 'image/png')
    assert.equal(image.header('x-content-type-options'), 'nosniff')
    const page = await client.get('/comptabilite').actingAs(reader)
    const masthead = page.text().match(/<div class="print-masthead">[\s\S]*?<\/strong>/)?.[0] ?? ''
    assert.include(masthead, `src="/organisation/logo?v=${row.sha256.slice(0, 16)}"`)
    assert.include(masthead, 'Mission Locale au Logo')

    // A JPEG replaces it; another organisation never sees it.
    const replaced = await client
      .post('/admin/organisation/logo')
      .file('fichier', await sample('logo.jpg', JPEG))
      .actingAs(admin)
      .withCsrfToken()
      .redirects(0)
    replaced.assertStatus(302)
    assert.equal((await logoRow(organisation.id)).content_type, 'image/jpeg')
    const { admin: stranger } = await adminOf('Mission Locale Voisine')
    const foreign = await client.get('/organisation/logo').actingAs(stranger)
    foreign.assertStatus(404)
    const strangerPage = await client.get('/').actingAs(stranger)
    assert.notInclude(strangerPage.text(), '/organisation/logo')
    const events = await db
      .from('audit_events')
      .where({ organisation_id: organisation.id, subject_type: 'organisation_logos' })
      .orderBy('id')
      .select('action')
    assert.deepEqual(
      events.map((event) => event.action),
      ['create', 'update']
    )

    const removed = await client
      .delete('/admin/organisation/logo')
      .actingAs(admin)
      .withCsrfToken()
      .redirects(0)
    removed.assertStatus(302)
    assert.isNull(await logoRow(organisation.id))
    const gone = await client.get('/organisation/logo').actingAs(reader)
    gone.assertStatus(404)
    const twice = await client
      .delete('/admin/organisation/logo')
      .actingAs(admin)
      .withCsrfToken()
      .redirects(0)
    twice.assertStatus(303)
    twice.assertFlashMessage(
      'error',
      'Cette organisation n’a pas de logo : il n’y a rien à retirer.'
    )
  })
})
