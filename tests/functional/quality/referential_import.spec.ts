import { test } from '@japa/runner'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import db from '@adonisjs/lucid/services/db'
import { isolated, makeOrganisation, makeUser, tableCounts } from '#tests/helpers'
import { buildWorkbook, type ColumnSpec } from '#support/spreadsheet/writer'
import { importFile } from '#imports/core/pipeline'
import referentialImport from '#imports/quality/referential'
import { seedQualityDemo, QUALITY_TABLES, scoreOf } from './helpers.js'

const columns: ColumnSpec[] = [
  { header: 'Thème', key: 'theme', type: 'text' },
  { header: 'Code', key: 'code', type: 'text' },
  { header: 'Titre', key: 'title', type: 'text' },
  { header: 'Texte', key: 'text', type: 'text' },
  { header: 'Preuves attendues', key: 'evidence', type: 'text' },
]

async function workbook(rows: Array<Record<string, string>>) {
  const dir = await mkdtemp(join(tmpdir(), 'socle-referential-'))
  const path = join(dir, 'referentiel.xlsx')
  await writeFile(path, await buildWorkbook([{ name: 'Référentiel', columns, rows }]))
  return path
}

const row = (theme: string, code: string, title: string) => ({
  theme,
  code,
  title,
  text: `Texte ${code}`,
  evidence: 'PV',
})

test.group('Quality: referential import', (group) => {
  isolated(group)

  test('duplicate codes are refused with row, column and reason; nothing is written', async ({
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const quality = await makeUser(organisation, ['quality'])
    await seedQualityDemo(organisation)
    const path = await workbook([
      row('Gouvernance', 'G1', 'Statuts à jour'),
      row('Gouvernance', 'G2', 'CA réguliers'),
      row('Offre de service', 'g1', 'Doublon en minuscules'),
    ])
    const before = await tableCounts(QUALITY_TABLES)
    const outcome = await importFile(referentialImport, path, {
      organisationId: organisation.id,
      userId: quality.id,
      label: quality.email,
    })
    assert.equal(outcome.record.status, 'rejected')
    assert.deepEqual(outcome.issues, [
      {
        line: 4,
        column: 'B (Code)',
        value: 'g1',
        message: 'code en double : déjà utilisé ligne 2',
      },
    ])
    assert.deepEqual(await tableCounts(QUALITY_TABLES), before)
  })

  test('the preview page shows the duplicate with its line over HTTP', async ({ client }) => {
    const organisation = await makeOrganisation()
    const quality = await makeUser(organisation, ['quality'])
    const path = await workbook([row('Gouvernance', 'G1', 'A'), row('Gouvernance', 'G1', 'B')])
    const response = await client
      .post('/imports/quality.referential')
      .file('fichier', path)
      .withCsrfToken()
      .actingAs(quality)
    response.assertStatus(200)
    response.assertTextIncludes('code en double : déjà utilisé ligne 2')
  })

  test('a new edition becomes current and keeps the old one with its assessments', async ({
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const quality = await makeUser(organisation, ['quality'])
    await seedQualityDemo(organisation)
    const old = await db
      .from('referentials')
      .where('organisation_id', organisation.id)
      .firstOrFail()
    const path = await workbook([
      row('La gouvernance', 'G1', 'Statuts'),
      row('La gouvernance', 'G2', 'CA'),
      row("L'offre de service", 'O1', 'Offre formalisée'),
    ])
    const outcome = await importFile(referentialImport, path, {
      organisationId: organisation.id,
      userId: quality.id,
      label: quality.email,
    })
    assert.deepEqual(outcome.issues, [])
    assert.equal(outcome.record.status, 'committed')

    const referentials = await db
      .from('referentials')
      .where('organisation_id', organisation.id)
      .orderBy('id')
    assert.lengthOf(referentials, 2)
    assert.isFalse(referentials[0].is_current)
    assert.isTrue(referentials[1].is_current)
    assert.isFalse(referentials[1].is_demo)
    assert.equal(referentials[1].imported_from, 'referentiel.xlsx')
    assert.equal(referentials[1].threshold_percent, referentials[0].threshold_percent)

    const current = (await scoreOf(organisation.id))!
    assert.equal(current.overall.total, 3)
    assert.equal(current.overall.validated, 0)
    assert.deepEqual(
      current.themes.map((t) => t.name),
      ['La gouvernance', "L'offre de service"]
    )
    const previous = (await scoreOf(organisation.id, { referentialId: old.id }))!
    assert.equal(previous.overall.validated, 26)
  })

  test('over HTTP: upload, preview, then commit makes the new edition current', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const quality = await makeUser(organisation, ['quality'])
    const path = await workbook([row('Gouvernance', 'G1', 'Statuts'), row('Offre', 'O1', 'Offre')])
    const preview = await client
      .post('/imports/quality.referential')
      .file('fichier', path)
      .withCsrfToken()
      .actingAs(quality)
    preview.assertStatus(200)
    const record = await db
      .from('imports')
      .where('organisation_id', organisation.id)
      .where('kind', 'quality.referential')
      .firstOrFail()
    assert.equal(record.status, 'previewed')
    assert.equal(
      await db
        .from('referentials')
        .where('organisation_id', organisation.id)
        .count('* as c')
        .first()
        .then((r) => Number(r.c)),
      0
    )
    const commit = await client
      .post(`/imports/quality.referential/${record.id}/validation`)
      .withCsrfToken()
      .actingAs(quality)
      .redirects(0)
    commit.assertStatus(302)
    commit.assertHeader('location', '/qualite/criteres')
    const page = await client.get('/qualite/criteres').actingAs(quality)
    page.assertTextIncludes('Référentiel de labellisation des Missions Locales (édition 1)')
    page.assertTextIncludes('Importé depuis « referentiel.xlsx »')
  })

  test('the template and the export carry the columns the import reads back', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const quality = await makeUser(organisation, ['quality'])
    await seedQualityDemo(organisation)
    const template = await client.get('/imports/quality.referential/modele.xlsx').actingAs(quality)
    template.assertStatus(200)
    const exported = await client.get('/qualite/referentiel.xlsx').actingAs(quality)
    exported.assertStatus(200)
    const dir = await mkdtemp(join(tmpdir(), 'socle-referential-'))
    const path = join(dir, 'export.xlsx')
    await writeFile(path, exported.body() as unknown as Buffer)
    const outcome = await importFile(referentialImport, path, {
      organisationId: organisation.id,
      userId: quality.id,
      label: quality.email,
    })
    assert.deepEqual(outcome.issues, [])
    const current = (await scoreOf(organisation.id))!
    assert.equal(current.overall.total, 35)
    assert.equal(current.referential.edition, 2)
    assert.equal(current.referential.thresholdPercent.toNumber(), 80)
    assert.equal(current.referential.deadline!.toISODate(), '2024-12-31')
  })
})
