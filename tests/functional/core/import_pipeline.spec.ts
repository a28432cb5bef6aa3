import { test } from '@japa/runner'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import User from '#models/core/user'
import ImportRecord from '#models/core/import_record'
import AuditEvent from '#models/core/audit_event'
import {
  commitImport,
  importFile,
  previewImport,
  type ImportDefinition,
} from '#imports/core/pipeline'
import { isolated, makeOrganisation, tableCounts, inspecting } from '#tests/helpers'
import type { Actor } from '#support/request_context'

interface Person {
  name: string
  email: string
  role: 'hr' | 'finance'
}

/** A small import of users, enough to exercise every step of the shared pipeline. */
const people: ImportDefinition<Person> = {
  kind: 'test.people',
  label: 'Personnes (test)',
  domain: 'core',
  permission: 'admin.users',
  maxBytes: 64 * 1024,
  maxRows: 100,
  columns: [
    { key: 'name', header: 'Nom', required: true },
    { key: 'email', header: 'E-mail', aliases: ['courriel'], required: true },
    { key: 'role', header: 'Rôle', required: true },
  ],
  parseRow(reader) {
    const name = reader.text('name', { required: true, maxLength: 200 })
    const email = reader.text('email', { required: true })
    const role = reader.oneOf('role', { rh: 'hr', finances: 'finance' } as const, {
      required: true,
    })
    if (email && !email.includes('@')) reader.fail('email', 'adresse e-mail invalide')
    return name && email && role ? { name, email: email.toLowerCase(), role } : null
  },
  checkAll(rows) {
    const seen = new Map<string, number>()
    return rows.flatMap(({ line, row }) => {
      const first = seen.get(row.email)
      seen.set(row.email, first ?? line)
      return first
        ? [{ line, column: 'E-mail', value: row.email, message: `déjà présent ligne ${first}` }]
        : []
    })
  },
  async commit(rows, trx, context) {
    for (const row of rows) {
      await User.create(
        {
          organisationId: context.organisationId,
          fullName: row.name,
          email: row.email,
          roles: [row.role],
          password: 'x'.repeat(16),
        },
        { client: trx }
      )
    }
    return `${rows.length} personne(s) créée(s)`
  },
}

let folder: string
async function file(name: string, content: string | Buffer) {
  const path = join(folder, name)
  await writeFile(path, content)
  return path
}

test.group('Import pipeline', (group) => {
  isolated(group)
  group.setup(async () => {
    folder = await mkdtemp(join(tmpdir(), 'socle-import-'))
    return () => rm(folder, { recursive: true, force: true })
  })

  async function actor(): Promise<Actor> {
    const organisation = await makeOrganisation()
    return { organisationId: organisation.id, userId: null, label: 'test' }
  }

  test('a valid CSV (semicolons, UTF-8 with BOM) is previewed, then committed in one go and audited', async ({
    assert,
  }) => {
    const who = await actor()
    const path = await file(
      'ok.csv',
      '\uFEFFNom;Courriel;Rôle\nÉmilie Durand;emilie@test.socle.fr;RH\nLéo Martin;leo@test.socle.fr;Finances\n'
    )
    const before = await tableCounts(['users'])
    const preview = await previewImport(people, { path, fileName: 'ok.csv' }, who)
    assert.deepEqual(preview.issues, [])
    assert.equal(preview.record.status, 'previewed')
    assert.deepEqual(await tableCounts(['users']), before, 'the preview writes nothing')

    const done = await commitImport(people, preview.record.id, who)
    assert.equal(done.record.status, 'committed')
    assert.equal(done.summary, '2 personne(s) créée(s)')
    assert.equal((await tableCounts(['users'])).users, before.users + 2)
    const event = await inspecting(() =>
      AuditEvent.query()
        .where('organisation_id', who.organisationId)
        .where('action', 'import')
        .where('subject_id', String(preview.record.id))
        .firstOrFail()
    )
    assert.include(event.summary!, '2 personne(s) créée(s)')
    const again = await previewImport(people, { path, fileName: 'encore.csv' }, who)
    assert.equal(
      again.previous?.id,
      preview.record.id,
      'the same file is flagged as already imported'
    )
  })

  test('an xlsx with a bad row and a duplicate is refused with line, column, value and reason for every problem', async ({
    assert,
  }) => {
    const who = await actor()
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('Personnes')
    sheet.addRow(['Nom', 'E-mail', 'Rôle'])
    sheet.addRow(['Anne', 'anne@test.socle.fr', 'RH'])
    sheet.addRow(['Bob', 'pas-un-email', 'Direction'])
    sheet.addRow(['Anne bis', 'anne@test.socle.fr', 'RH'])
    const path = join(folder, 'bad.xlsx')
    await workbook.xlsx.writeFile(path)
    const before = await tableCounts(['users'])
    const outcome = await importFile(people, path, who)
    assert.equal(outcome.record.status, 'rejected')
    assert.deepInclude(outcome.issues, {
      line: 3,
      column: 'B (E-mail)',
      value: 'pas-un-email',
      message: 'adresse e-mail invalide',
    })
    assert.isTrue(
      outcome.issues.some(
        (i) => i.line === 3 && i.column === 'C (Rôle)' && i.message.startsWith('valeur inconnue')
      )
    )
    assert.deepEqual(await tableCounts(['users']), before)
  })

  test('rows that are valid one by one but clash with each other are refused', async ({
    assert,
  }) => {
    const who = await actor()
    const path = await file(
      'dup.csv',
      'Nom;E-mail;Rôle\nA;dup@test.socle.fr;RH\nB;DUP@test.socle.fr;RH\n'
    )
    const outcome = await importFile(people, path, who)
    assert.deepEqual(outcome.issues, [
      { line: 3, column: 'E-mail', value: 'dup@test.socle.fr', message: 'déjà présent ligne 2' },
    ])
  })

  test('a file that is not a spreadsheet, an oversized file and a broken encoding are refused and change nothing', async ({
    assert,
  }) => {
    const who = await actor()
    const before = await tableCounts(['users'])
    const pdf = await file(
      'facture.xlsx',
      Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(200, 1)])
    )
    const big = await file('gros.csv', 'Nom;E-mail;Rôle\n' + 'x;x@y.fr;RH\n'.repeat(8000))
    const broken = await file(
      'latin.csv',
      Buffer.concat([
        Buffer.from('Nom;E-mail;Rôle\nA;a@b.fr;RH\n'),
        Buffer.from([0x42, 0x81, 0x8d, 0x3b, 0x0a]),
      ])
    )
    const results = await Promise.all([
      importFile(people, pdf, who),
      importFile(people, big, who),
      importFile(people, broken, who),
    ])
    for (const outcome of results) assert.equal(outcome.record.status, 'rejected')
    assert.match(results[0].issues[0].message, /n’est pas un classeur|PDF/)
    assert.match(results[1].issues[0].message, /trop volumineux/)
    assert.match(results[2].issues[0].message, /encodage/)
    assert.deepEqual(await tableCounts(['users']), before)
  })

  test('a missing required column is named in the refusal', async ({ assert }) => {
    const who = await actor()
    const path = await file('cols.csv', 'Nom;Rôle\nA;RH\n')
    const outcome = await importFile(people, path, who)
    assert.deepEqual(outcome.issues[0], {
      line: 1,
      column: 'E-mail',
      value: null,
      message: 'colonne obligatoire absente de la ligne d’en-tête',
    })
  })

  test('an import cannot be committed twice', async ({ assert }) => {
    const who = await actor()
    const path = await file('twice.csv', 'Nom;E-mail;Rôle\nA;a-twice@test.socle.fr;RH\n')
    const preview = await previewImport(people, { path, fileName: 'twice.csv' }, who)
    await commitImport(people, preview.record.id, who)
    await assert.rejects(
      () => commitImport(people, preview.record.id, who),
      'Cet import a déjà été enregistré.'
    )
    const record = await inspecting(() => ImportRecord.findOrFail(preview.record.id))
    assert.equal(record.status, 'committed')
  })
})
