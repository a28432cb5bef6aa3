import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import app from '@adonisjs/core/services/app'
import { access, readFile, unlink } from 'node:fs/promises'
import { extractText, getDocumentProxy } from 'unpdf'
import {
  asOrganisation,
  demoOrganisation,
  isolated,
  makeOrganisation,
  makeUser,
  readWorkbook,
  tableCounts,
  tenantOf,
} from '#tests/helpers'
import { DEMO_ASSEMBLIES } from '#database/seeders/governance'
import { smallBoard } from '#tests/functional/governance/helpers'
import { BalanceSheet, IncomeStatement } from '#reports/accounting/statements'
import BilanSocialReport from '#reports/hr/bilan_social'
import EqualityIndexReport from '#reports/hr/equality_index'
import { formatMoney, formatNumber } from '#support/french_format'
import type Organisation from '#models/core/organisation'

/** The text of each page, spaces of every kind as plain spaces (fr-FR uses narrow ones). */
async function pdfPages(body: Buffer) {
  assert(body.subarray(0, 5).toString('latin1') === '%PDF-', 'not a PDF')
  const pdf = await getDocumentProxy(new Uint8Array(body))
  const { text } = await extractText(pdf, { mergePages: false })
  return text.map(plain)
}

function assert(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(message)
}

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ')
const money = (value: Parameters<typeof formatMoney>[0]) => plain(formatMoney(value))
const bodyOf = (response: { body(): unknown }) => Buffer.from(response.body() as ArrayBuffer)

async function demoAssembly(demo: Organisation) {
  return db
    .from('meetings')
    .where('organisation_id', demo.id)
    .where('title', DEMO_ASSEMBLIES[2023].title)
    .firstOrFail()
}

/** The pack form's fields as the page names them (`sections[0][key]`…), from section rows. */
function sectionsForm(rows: Array<{ key: string; shown?: boolean; position?: number }>) {
  const fields: Record<string, string> = {}
  rows.forEach((row, index) => {
    fields[`sections[${index}][key]`] = row.key
    fields[`sections[${index}][position]`] = String(row.position ?? index + 1)
    if (row.shown !== false) fields[`sections[${index}][shown]`] = '1'
  })
  return fields
}

/** These sections shown, in this order; the others hidden. */
const choose = (...keys: string[]) => sectionsForm(keys.map((key) => ({ key })))

test.group('Board pack of the demo’s June 2024 general assembly', (group) => {
  isolated(group)

  test('the PDF carries the 2023 figures as the records compute them, a contents page and page numbers', async ({
    client,
    assert: expect,
  }) => {
    const demo = await demoOrganisation()
    const board = await makeUser(demo, ['board'])
    const meeting = await demoAssembly(demo)
    const response = await client
      .get(`/gouvernance/seances/${meeting.id}/dossier.pdf`)
      .actingAs(board)
    response.assertStatus(200)
    expect.equal(response.header('content-type'), 'application/pdf')
    expect.include(response.header('content-disposition'), 'attachment')
    const pages = await pdfPages(bodyOf(response))
    const text = pages.join('\n')

    const tenant = tenantOf(demo)
    const { income, balance, bilan, index } = await asOrganisation(demo, async () => ({
      income: await new IncomeStatement(tenant, { year: 2023 }).build(),
      balance: await new BalanceSheet(tenant, { year: 2023 }).build(),
      bilan: await new BilanSocialReport(tenant, { year: 2023 }).build(),
      index: await new EqualityIndexReport(tenant, {
        from: '2023-01-01',
        to: '2023-12-31',
      }).build(),
    }))
    const line = (code: string) => income.rows.find((row) => row.code === code)!.current
    expect.equal(income.fiscalYear.label, 'Exercice 2023')
    expect.include(text, `Total des produits Exercice 2023 ${money(line('TP'))}`)
    expect.include(text, `Total des charges Exercice 2023 ${money(line('TC'))}`)
    expect.include(
      text,
      `Résultat Exercice 2023 (excédent + / déficit −) ${money(income.result.current)}`
    )
    expect.include(text, `Résultat Exercice 2022 ${money(income.result.previous)}`)
    expect.include(
      text,
      `Total du bilan Exercice 2023 ${money(BalanceSheet.totals(balance).actif)}`
    )
    const headcount = bilan.headcount.find((row) => row.kind === 'total')!.current.total
    expect.isAbove(headcount, 0)
    expect.include(text, `Effectif au 31/12/2023 ${formatNumber(headcount, 0).replace(/\s/g, ' ')}`)
    expect.isNotNull(index.index)
    expect.include(text, `Index de l’égalité professionnelle 2023 (sur 100) ${index.index}`)

    // The cover, then the contents with each section's page, then "page n sur N" on every page.
    expect.include(pages[0], 'Dossier du conseil')
    expect.include(pages[0], DEMO_ASSEMBLIES[2023].title)
    expect.include(pages[1], 'Sommaire')
    expect.match(pages[1], /Ressources humaines \d+/)
    expect.match(pages[1], /Compte de résultat \d+/)
    pages.forEach((page, i) => expect.include(page, `Page ${i + 1} sur ${pages.length}`))
    const hrPage = Number(/Ressources humaines (\d+)/.exec(pages[1])![1])
    expect.include(pages[hrPage - 1], 'Effectif au 31/12/2023')

    // No member of staff is named anywhere in the pack.
    const staff = await db
      .from('employees')
      .where('organisation_id', demo.id)
      .select('first_names', 'surname')
    expect.isAbove(staff.length, 0)
    for (const person of staff) {
      expect.notInclude(text, `${person.first_names} ${person.surname}`)
      expect.notInclude(text, `${person.surname} ${person.first_names}`)
    }
  }).timeout(120000)

  test('the sections shown and their order are the meeting’s; a stale form is refused', async ({
    client,
    assert: expect,
  }) => {
    const demo = await demoOrganisation()
    const admin = await makeUser(demo, ['admin'])
    const meeting = await demoAssembly(demo)
    const url = `/gouvernance/seances/${meeting.id}/dossier`

    const saved = await client
      .post(url)
      .form(
        sectionsForm([{ key: 'hr' }, { key: 'income_statement' }, { key: 'cover', shown: false }])
      )
      .withCsrfToken()
      .actingAs(admin)
      .redirects(0)
    saved.assertStatus(302)
    expect.equal(saved.header('location'), url)
    const pack = await db.from('board_packs').where('meeting_id', meeting.id).firstOrFail()
    expect.deepEqual(pack.sections, ['hr', 'income_statement'])
    expect.equal(pack.version, 1)
    const audit = await db
      .from('audit_events')
      .where({ subject_type: 'board_packs', subject_id: String(pack.id), action: 'create' })
    expect.lengthOf(audit, 1)

    const pages = await pdfPages(bodyOf(await client.get(`${url}.pdf`).actingAs(admin)))
    expect.include(pages[0], 'Sommaire')
    expect.notInclude(pages.join('\n'), 'Labellisation')
    expect.match(pages[0], /Ressources humaines 2\s+Compte de résultat 3/)
    expect.include(pages[1], 'Ressources humaines')
    expect.include(pages[2], 'Compte de résultat')

    // Reordered at version 1; the same form sent again is stale.
    const form = { ...choose('income_statement', 'hr', 'label'), version: '1' }
    const reordered = await client.post(url).form(form).withCsrfToken().actingAs(admin).redirects(0)
    reordered.assertStatus(302)
    const stale = await client.post(url).form(form).withCsrfToken().actingAs(admin).redirects(0)
    stale.assertStatus(303)
    expect.include(String(stale.flashMessages().error), 'modifiée par quelqu')
    const after = await db.from('board_packs').where('id', pack.id).firstOrFail()
    expect.deepEqual(after.sections, ['income_statement', 'hr', 'label'])
    expect.equal(after.version, 2)

    const page = await client.get(url).actingAs(admin)
    page.assertStatus(200)
    page.assertTextIncludes('Enregistrer les sections')
  }).timeout(120000)

  test('generating attaches the PDF to the meeting; again replaces it; the board finds it on its portal', async ({
    client,
    assert: expect,
  }) => {
    const demo = await demoOrganisation()
    const admin = await makeUser(demo, ['admin'])
    const board = await makeUser(demo, ['board'])
    const meeting = await demoAssembly(demo)
    const url = `/gouvernance/seances/${meeting.id}/dossier/document`
    const storage = (name: string) => app.makePath(`storage/governance/${name}`)

    const first = await client.post(url).withCsrfToken().actingAs(admin).redirects(0)
    expect.equal(first.status(), 302, JSON.stringify(first.flashMessages()))
    expect.include(String(first.flashMessages().success), 'édition 1')
    const pack = await db.from('board_packs').where('meeting_id', meeting.id).firstOrFail()
    expect.equal(pack.edition, 1)
    const document = await db.from('meeting_documents').where('id', pack.document_id).firstOrFail()
    expect.equal(document.meeting_id, meeting.id)
    expect.equal(document.mime_type, 'application/pdf')
    expect.equal(document.original_name, 'dossier-du-conseil-2024-06-20-v1.pdf')
    const firstFile = await readFile(storage(document.stored_name))
    expect.equal(firstFile.subarray(0, 5).toString('latin1'), '%PDF-')
    expect.equal(document.size, firstFile.length)

    const again = await client.post(url).withCsrfToken().actingAs(admin).redirects(0)
    again.assertStatus(302)
    const regenerated = await db.from('board_packs').where('id', pack.id).firstOrFail()
    expect.equal(regenerated.edition, 2)
    expect.equal(regenerated.document_id, document.id)
    const replaced = await db.from('meeting_documents').where('id', document.id).firstOrFail()
    expect.notEqual(replaced.stored_name, document.stored_name)
    expect.equal(replaced.title, 'Dossier du conseil (édition 2)')
    await expect.rejects(() => access(storage(document.stored_name)))
    const audits = await db
      .from('audit_events')
      .where({ subject_type: 'meeting_documents', subject_id: String(document.id) })
      .orderBy('id')
    expect.deepEqual(
      audits.map((event) => event.action),
      ['create', 'update']
    )

    try {
      // The meeting is among the next ones on the portal as it stood on 1 June 2024.
      const portal = await client.get('/gouvernance/portail?date=2024-06-01').actingAs(board)
      portal.assertStatus(200)
      portal.assertTextIncludes(`/gouvernance/documents/${document.id}`)
      portal.assertTextIncludes('Dossier du conseil (édition 2)')
      const download = await client.get(`/gouvernance/documents/${document.id}`).actingAs(board)
      download.assertStatus(200)
      expect.include(download.header('content-disposition'), 'dossier-du-conseil-2024-06-20-v2.pdf')
      const pages = await pdfPages(bodyOf(download))
      expect.include(pages[1], 'Sommaire')
    } finally {
      await unlink(storage(replaced.stored_name)).catch(() => undefined)
    }
  }).timeout(120000)

  test('the print preview and the workbook show the same pack', async ({
    client,
    assert: expect,
  }) => {
    const demo = await demoOrganisation()
    const board = await makeUser(demo, ['board'])
    const meeting = await demoAssembly(demo)
    const preview = await client
      .get(`/gouvernance/seances/${meeting.id}/dossier/apercu`)
      .actingAs(board)
    preview.assertStatus(200)
    preview.assertTextIncludes('Sommaire')
    preview.assertTextIncludes('Effectif au 31/12/2023')
    preview.assertTextIncludes('Index de l’égalité professionnelle 2023')
    const show = await client.get(`/gouvernance/seances/${meeting.id}/dossier`).actingAs(board)
    show.assertStatus(200)
    expect.notInclude(show.text(), 'Enregistrer les sections')
    const workbook = await readWorkbook(
      await client.get(`/gouvernance/seances/${meeting.id}/dossier.xlsx`).actingAs(board)
    )
    const figures = workbook.getWorksheet('Chiffres clés')!
    const labels = figures.getColumn(2).values.map(String)
    expect.include(labels, 'Effectif au 31/12/2023')
    expect.isAbove(workbook.worksheets.length, 5)
  }).timeout(120000)
})

test.group('Board pack refusals', (group) => {
  isolated(group)

  test('a bad section, no section or a section twice is refused and changes nothing', async ({
    client,
    assert: expect,
  }) => {
    const organisation = await makeOrganisation()
    const admin = await makeUser(organisation, ['admin'])
    const { meeting } = await smallBoard(organisation)
    const url = `/gouvernance/seances/${meeting.id}/dossier`
    const before = await tableCounts(['board_packs', 'audit_events'])

    const unknown = await client
      .post(url)
      .form(choose('salaires'))
      .withCsrfToken()
      .actingAs(admin)
      .redirects(0)
    unknown.assertStatus(302)
    expect.isNotEmpty(unknown.flashMessages().inputErrorsBag)

    const none = await client
      .post(url)
      .form(sectionsForm([{ key: 'hr', shown: false }]))
      .withCsrfToken()
      .actingAs(admin)
      .redirects(0)
    none.assertStatus(303)
    expect.include(String(none.flashMessages().error), 'au moins une section')

    const twice = await client
      .post(url)
      .form(choose('hr', 'hr'))
      .withCsrfToken()
      .actingAs(admin)
      .redirects(0)
    twice.assertStatus(303)
    expect.include(String(twice.flashMessages().error), 'donnée deux fois')
    expect.deepEqual(await tableCounts(['board_packs', 'audit_events']), before)
  })

  test('the board reads the pack but can neither configure nor generate it', async ({
    client,
    assert: expect,
  }) => {
    const organisation = await makeOrganisation()
    const board = await makeUser(organisation, ['board'])
    const { meeting } = await smallBoard(organisation)
    const url = `/gouvernance/seances/${meeting.id}/dossier`
    const before = await tableCounts(['board_packs', 'meeting_documents'])
    const configure = await client
      .post(url)
      .form(choose('hr'))
      .withCsrfToken()
      .actingAs(board)
      .redirects(0)
    configure.assertStatus(403)
    const generate = await client
      .post(`${url}/document`)
      .withCsrfToken()
      .actingAs(board)
      .redirects(0)
    generate.assertStatus(403)
    expect.deepEqual(await tableCounts(['board_packs', 'meeting_documents']), before)
    const read = await client.get(`${url}.pdf`).actingAs(board)
    read.assertStatus(200)
    // A meeting without accounts nor records still makes a pack that says so.
    const text = (await pdfPages(bodyOf(read))).join('\n')
    expect.include(text, 'aucun exercice comptable achevé avant la séance')
  }).timeout(120000)

  test('the cover carries the organisation’s logo; an unreadable one is left out', async ({
    client,
    assert: expect,
  }) => {
    const organisation = await makeOrganisation()
    const board = await makeUser(organisation, ['board'])
    const { meeting } = await smallBoard(organisation)
    const url = `/gouvernance/seances/${meeting.id}/dossier.pdf`
    const logo = (contentType: string, bytes: Buffer) =>
      db.rawQuery(
        `INSERT INTO organisation_logos (organisation_id, content_type, bytes, sha256, updated_at)
         VALUES (?, ?, ?, repeat('0', 64), now())
         ON CONFLICT (organisation_id) DO UPDATE SET content_type = EXCLUDED.content_type,
           bytes = EXCLUDED.bytes`,
        [organisation.id, contentType, bytes]
      )
    const logos: number[] = []
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64'
    )
    for (const [type, bytes] of [
      ['image/png', png],
      // Passes the upload's check of the first bytes, but is no image.
      [
        'image/jpeg',
        Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 0x20)]),
      ],
    ] as const) {
      await logo(type, bytes)
      const response = await client.get(url).actingAs(board)
      response.assertStatus(200)
      const body = bodyOf(response)
      expect.include((await pdfPages(body))[0], 'Dossier du conseil')
      logos.push(body.toString('latin1').includes('/Subtype /Image') ? 1 : 0)
    }
    expect.deepEqual(logos, [1, 0])
  }).timeout(120000)

  test('a cancelled meeting has no pack to generate', async ({ client, assert: expect }) => {
    const organisation = await makeOrganisation()
    const admin = await makeUser(organisation, ['admin'])
    const { meeting } = await smallBoard(organisation)
    await db.from('meetings').where('id', meeting.id).update({ status: 'cancelled' })
    const before = await tableCounts(['board_packs', 'meeting_documents', 'audit_events'])
    const response = await client
      .post(`/gouvernance/seances/${meeting.id}/dossier/document`)
      .withCsrfToken()
      .actingAs(admin)
      .redirects(0)
    response.assertStatus(303)
    expect.include(String(response.flashMessages().error), 'La séance est annulée')
    expect.deepEqual(
      await tableCounts(['board_packs', 'meeting_documents', 'audit_events']),
      before
    )
  })

  test('an unknown meeting or another organisation’s is not found', async ({
    client,
    assert: expect,
  }) => {
    const organisation = await makeOrganisation()
    const admin = await makeUser(organisation, ['admin'])
    const other = await makeOrganisation('Autre Mission Locale')
    const { meeting: foreign } = await smallBoard(other)
    const before = await tableCounts(['board_packs', 'meeting_documents'])
    for (const id of [999999, foreign.id]) {
      const url = `/gouvernance/seances/${id}/dossier`
      for (const path of [url, `${url}/apercu`, `${url}.pdf`, `${url}.xlsx`]) {
        const response = await client.get(path).actingAs(admin)
        expect.equal(response.status(), 404, path)
      }
      const update = await client
        .post(url)
        .form(choose('hr'))
        .withCsrfToken()
        .actingAs(admin)
        .redirects(0)
      expect.equal(update.status(), 404)
      const generate = await client
        .post(`${url}/document`)
        .withCsrfToken()
        .actingAs(admin)
        .redirects(0)
      expect.equal(generate.status(), 404)
    }
    expect.deepEqual(await tableCounts(['board_packs', 'meeting_documents']), before)
  })
})
