import { test } from '@japa/runner'
import { access, mkdtemp, readFile, readdir, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Tokens from 'csrf'
import app from '@adonisjs/core/services/app'
import router from '@adonisjs/core/services/router'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import staffList from '#imports/hr/staff_list'
import {
  commitImport,
  ImportStateError,
  PREVIEW_TTL_HOURS,
  purgeExpiredPreviews,
} from '#imports/core/pipeline'
import {
  UPLOAD_RATE,
  uploadDirectory,
  uploadLimiter,
  uploadCounters,
  uploadLimiterKey,
} from '#middleware/upload_middleware'
import { UPLOAD_MAX_BYTES } from '#start/routes/guard'
import type User from '#models/core/user'
import { isolated, makeOrganisation, makeUser } from '#tests/helpers'
import { smallBoard } from '#tests/functional/governance/helpers'

interface UploadRoute {
  key: string
  pattern: string
  middleware: string[]
  args: { maxBytes: number | (() => number) }
}

interface RouteEntry {
  key: string
  pattern: string
  middleware: Array<{ name?: string; args?: any }>
  controller: string | null
  method: string | null
}

/** Every route with its named middleware (in order) and its controller file and method. */
function allRoutes(): RouteEntry[] {
  const domains = router.toJSON() as Record<string, any[]>
  return Object.values(domains)
    .flat()
    .flatMap((route) =>
      (route.methods as string[])
        .filter((method) => method !== 'HEAD')
        .map((method) => ({
          key: `${method} ${route.pattern}`,
          pattern: route.pattern as string,
          middleware: [...route.middleware.all()],
          controller:
            /#controllers\/[\w/]+/.exec(String(route.handler?.importExpression ?? ''))?.[0] ?? null,
          method: route.handler?.method ?? null,
        }))
    )
}

/** The routes that carry the upload middleware: every test below covers each of them. */
function uploadRoutes(): UploadRoute[] {
  return allRoutes()
    .filter((route) => route.middleware.some((m) => m.name === 'upload'))
    .map((route) => ({
      key: route.key,
      pattern: route.pattern,
      middleware: route.middleware.map((m) => m.name ?? '?').filter((name) => name !== '?'),
      args: route.middleware.find((m) => m.name === 'upload')!.args,
    }))
}

/** Controller methods whose source reads an uploaded file. */
async function methodsReadingFiles(controller: string): Promise<Set<string>> {
  const source = await readFile(
    app.makePath(controller.replace('#controllers', 'app/controllers') + '.ts'),
    'utf8'
  )
  const methods = new Set<string>()
  const parts = source.split(/\n {2}(?:async )?(?=[a-zA-Z]+\()/)
  for (const part of parts) {
    const name = /^([a-zA-Z]+)\(/.exec(part)?.[1]
    if (name && /\.(file|files|allFiles)\(|\.multipart\b/.test(part)) methods.add(name)
  }
  return methods
}

/** A real import kind for `/imports/:kind` (the middleware checks the kind before reading). */
const IMPORT_KIND = 'rh.salaries'

function concrete(pattern: string) {
  return pattern.replace(':kind', IMPORT_KIND).replace(/:[^/]+/g, '999999')
}

/** The temporary files present, and how many were ever written (to prove none was). */
async function uploadFiles() {
  const names = (await readdir(uploadDirectory()).catch(() => [] as string[])).sort()
  return { names, written: uploadCounters.filesWritten }
}

let scratch: string | undefined
async function sample(name: string, content: string | Buffer) {
  scratch ??= await mkdtemp(join(tmpdir(), 'socle-uploads-spec-'))
  const path = join(scratch, name)
  await writeFile(path, content)
  return path
}

const HEADER =
  'Matricule;Nom;Prénoms;Sexe;Date de naissance;Type de contrat;Emploi;Emploi repère;Temps de travail;Date de début;Date de fin;Motif de fin;Salaire brut annuel ETP'
const STAFF = `${HEADER}\nM002;Martin;Paul;H;15/09/1990;CDI;Chargé de projet;;1;01/03/2021;;;31000\n`

const CSRF_EXPIRED = /formulaire a expiré/

async function adminOf() {
  const organisation = await makeOrganisation('Uploads')
  return { organisation, admin: await makeUser(organisation, ['admin']) }
}

/** A preview of the staff list through the screens; returns its import row. */
async function previewStaff(client: any, user: User, content = STAFF) {
  const response = await client
    .post(`/imports/${IMPORT_KIND}`)
    .file('fichier', await sample('personnel.csv', content))
    .withCsrfToken()
    .actingAs(user)
    .redirects(0)
  response.assertStatus(200)
  const row = await db
    .from('imports')
    .where('organisation_id', user.organisationId)
    .orderBy('id', 'desc')
    .firstOrFail()
  return row as ImportRow
}

interface ImportRow {
  id: number
  sha256: string
  status: string
}

const statusOf = async (id: number) =>
  (await db.from('imports').where('id', id).firstOrFail()).status as string

const storedCopy = (record: ImportRow) =>
  app.makePath('storage/imports', `${record.id}-${record.sha256}.bin`)

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false
  )

test.group(
  'Uploads: parsed only after login, permission and CSRF; nothing left behind',
  (group) => {
    isolated(group)
    group.teardown(async () => {
      // This process's own directories (config/bodyparser.ts), empty if nothing leaked.
      await rm(uploadDirectory(), { recursive: true, force: true })
      if (scratch) await rm(scratch, { recursive: true, force: true })
    })

    test('multipart bodies are never parsed by the bodyparser', ({ assert }) => {
      assert.isFalse(app.config.get('bodyparser.multipart.autoProcess'))
      assert.deepEqual(app.config.get('bodyparser.multipart.processManually'), [])
    })

    test('every route that reads a file carries the upload middleware after its guard', async ({
      assert,
    }) => {
      const routes = allRoutes()
      const reading: string[] = []
      for (const route of routes) {
        if (!route.controller || !route.method) continue
        if ((await methodsReadingFiles(route.controller)).has(route.method)) reading.push(route.key)
      }
      const uploads = uploadRoutes()
      // The known upload screens, so that the scan above cannot silently find nothing.
      assert.includeMembers(reading, [
        'POST /imports/:kind',
        'POST /comptabilite/fec/import',
        'POST /qualite/criteres/:id/preuves',
        'POST /gouvernance/seances/:id/documents',
        'POST /gouvernance/seances/:id/proces-verbal-signe',
        'POST /financements/conventions/:id/documents',
      ])
      assert.sameMembers(
        uploads.map((route) => route.key),
        reading,
        'a route reads request.file without the upload middleware (or the reverse)'
      )
      for (const route of uploads) {
        assert.deepEqual(route.middleware.slice(-3), ['auth', 'permit', 'upload'], route.key)
        const cap =
          typeof route.args.maxBytes === 'function' ? route.args.maxBytes() : route.args.maxBytes
        assert.isAbove(cap, 0, route.key)
        if (route.key !== 'POST /comptabilite/fec/import') {
          assert.isAtMost(cap, UPLOAD_MAX_BYTES, route.key)
        }
      }
    })

    test('an anonymous upload is sent to the login page and writes nothing', async ({
      client,
      assert,
    }) => {
      const path = await sample('anonyme.pdf', '%PDF-1.4 anonyme')
      for (const route of uploadRoutes()) {
        const before = await uploadFiles()
        const response = await client
          .post(concrete(route.pattern))
          .field('title', 'x')
          .file('fichier', path)
          .redirects(0)
        assert.equal(response.status(), 302, `${route.key} answered ${response.status()}`)
        assert.equal(response.header('location'), '/login', route.key)
        assert.deepEqual(await uploadFiles(), before, `${route.key} left a file`)
      }
    })

    test('a logged-in upload without a valid CSRF token is refused and writes nothing', async ({
      client,
      assert,
    }) => {
      const { admin } = await adminOf()
      const path = await sample('sans-jeton.pdf', '%PDF-1.4 sans jeton')
      for (const route of uploadRoutes()) {
        for (const forged of [null, 'forged-token']) {
          const before = await uploadFiles()
          let request = client.post(concrete(route.pattern))
          if (forged) request = request.field('_csrf', forged)
          const response = await request
            .field('title', 'x')
            .file('fichier', path)
            .actingAs(admin)
            .redirects(0)
          const label = `${route.key} (${forged ?? 'no token'})`
          assert.equal(response.status(), 303, `${label} answered ${response.status()}`)
          assert.match(String(response.flashMessages().error), CSRF_EXPIRED, label)
          assert.deepEqual(await uploadFiles(), before, `${label} left a file`)
        }
      }
    })

    test('a CSRF token sent as a form field before the file is accepted', async ({
      client,
      assert,
    }) => {
      const { admin } = await adminOf()
      const tokens = new Tokens()
      const secret = await tokens.secret()
      const before = (await uploadFiles()).names
      const response = await client
        .post(`/imports/${IMPORT_KIND}`)
        .withSession({ 'csrf-secret': secret })
        .field('_csrf', tokens.create(secret))
        .file('fichier', await sample('personnel.csv', STAFF))
        .actingAs(admin)
        .redirects(0)
      response.assertStatus(200)
      const row = await db
        .from('imports')
        .where('organisation_id', admin.organisationId)
        .firstOrFail()
      assert.equal(row.status, 'previewed')
      assert.deepEqual((await uploadFiles()).names, before)
    })

    test('a file of a refused type gets a French message and leaves no file', async ({
      client,
      assert,
    }) => {
      const { organisation, admin } = await adminOf()
      const { meeting } = await smallBoard(organisation)
      const before = (await uploadFiles()).names
      const response = await client
        .post(`/gouvernance/seances/${meeting.id}/proces-verbal-signe`)
        .file('fichier', await sample('notes.txt', 'pas un PV'))
        .withCsrfToken()
        .actingAs(admin)
        .redirects(0)
      assert.oneOf(response.status(), [302, 303])
      assert.equal(
        response.flashMessages().error,
        'Type de fichier refusé (.txt) : formats acceptés : pdf, png, jpg, jpeg.'
      )
      assert.deepEqual((await uploadFiles()).names, before)
    })

    test('a file refused by the form validation leaves no file', async ({ client, assert }) => {
      const { organisation, admin } = await adminOf()
      const { meeting } = await smallBoard(organisation)
      const before = (await uploadFiles()).names
      const response = await client
        .post(`/gouvernance/seances/${meeting.id}/documents`)
        .file('fichier', await sample('convocation.pdf', '%PDF-1.4 convocation'))
        .withCsrfToken()
        .actingAs(admin)
        .redirects(0)
      assert.oneOf(response.status(), [302, 303])
      assert.deepEqual((await uploadFiles()).names, before)
      assert.equal(
        Number(
          (await db.from('meeting_documents').where('meeting_id', meeting.id).count('* as n'))[0].n
        ),
        0
      )
    })

    test('a file over the route cap is refused in French and leaves no file', async ({
      client,
      assert,
    }) => {
      const { admin } = await adminOf()
      const big = Buffer.alloc(UPLOAD_MAX_BYTES + 1024 * 1024, 0x41)
      const path = await sample('gros.csv', big)
      const before = await uploadFiles()
      const response = await client
        .post(`/imports/${IMPORT_KIND}`)
        .file('fichier', path)
        .withCsrfToken()
        .actingAs(admin)
        .redirects(0)
      response.assertStatus(303)
      assert.equal(
        response.flashMessages().error,
        "Le fichier est trop volumineux (21 Mo) : la taille maximale est de 20 Mo. Rien n'a été enregistré."
      )
      assert.deepEqual(await uploadFiles(), before)

      // Declared within the allowance for the fields: cut by the stream cap, the part deleted.
      const streamed = await client
        .post(`/imports/${IMPORT_KIND}`)
        .file('fichier', await sample('un-peu-gros.csv', Buffer.alloc(UPLOAD_MAX_BYTES + 100_000)))
        .withCsrfToken()
        .actingAs(admin)
        .redirects(0)
      streamed.assertStatus(303)
      assert.match(
        String(streamed.flashMessages().error),
        /^Le fichier est trop volumineux \(20,1 Mo\) : la taille maximale est de 20 Mo\./
      )
      assert.deepEqual((await uploadFiles()).names, before.names)
    })

    test('an upload that fails after it was received leaves no file', async ({
      client,
      assert,
    }) => {
      const { admin } = await adminOf()
      const before = (await uploadFiles()).names
      // The criterion does not exist: the controller fails after the file was written.
      const missing = await client
        .post('/qualite/criteres/999999/preuves')
        .file('fichier', await sample('preuve.pdf', '%PDF-1.4 preuve'))
        .withCsrfToken()
        .actingAs(admin)
        .redirects(0)
      missing.assertStatus(404)
      assert.deepEqual((await uploadFiles()).names, before)

      // The import itself breaks (an unexpected error, not a refusal).
      const prepare = staffList.prepare
      staffList.prepare = async () => {
        throw new Error('panne simulée')
      }
      try {
        const failed = await client
          .post(`/imports/${IMPORT_KIND}`)
          .file('fichier', await sample('personnel.csv', STAFF))
          .withCsrfToken()
          .actingAs(admin)
          .redirects(0)
        failed.assertStatus(500)
      } finally {
        staffList.prepare = prepare
      }
      assert.deepEqual((await uploadFiles()).names, before)
    })

    test('a rejected preview keeps no copy; a committed import leaves no file at all', async ({
      client,
      assert,
    }) => {
      const { admin } = await adminOf()
      const before = (await uploadFiles()).names

      const rejected = await previewStaff(client, admin, `${HEADER}\nM009;;;;;;;;;;;;\n`)
      assert.equal(rejected.status, 'rejected')
      assert.isFalse(await exists(storedCopy(rejected)))

      const record = await previewStaff(client, admin)
      assert.equal(record.status, 'previewed')
      assert.isTrue(await exists(storedCopy(record)))
      const committed = await client
        .post(`/imports/${IMPORT_KIND}/${record.id}/validation`)
        .withCsrfToken()
        .actingAs(admin)
        .redirects(0)
      committed.assertStatus(302)
      assert.equal(await statusOf(record.id), 'committed')
      assert.isFalse(await exists(storedCopy(record)))
      assert.deepEqual((await uploadFiles()).names, before)
    })

    test('a preview not committed within 24 hours expires with its stored copy', async ({
      client,
      assert,
    }) => {
      const { admin } = await adminOf()
      const old = await previewStaff(client, admin)
      const path = storedCopy(old)
      assert.isTrue(await exists(path))
      const past = DateTime.now().minus({ hours: PREVIEW_TTL_HOURS, minutes: 5 })
      await db.from('imports').where('id', old.id).update({ created_at: past.toJSDate() })
      await utimes(path, past.toJSDate(), past.toJSDate())

      // The next preview purges it; the new one stays.
      const fresh = await previewStaff(client, admin)
      assert.equal(await statusOf(old.id), 'rejected')
      assert.isFalse(await exists(path))
      assert.equal(await statusOf(fresh.id), 'previewed')
      assert.isTrue(await exists(storedCopy(fresh)))

      const commit = await client
        .post(`/imports/${IMPORT_KIND}/${old.id}/validation`)
        .withCsrfToken()
        .actingAs(admin)
        .redirects(0)
      assert.oneOf(commit.status(), [302, 303])
      assert.match(String(commit.flashMessages().error), /aperçu a expiré/)

      // Expired before any purge ran (the server was down): refused at commit, file deleted.
      await db.from('imports').where('id', fresh.id).update({ created_at: past.toJSDate() })
      await assert.rejects(
        () =>
          commitImport(staffList, fresh.id, {
            organisationId: admin.organisationId,
            userId: admin.id,
            label: 'test',
          }),
        /aperçu a expiré/
      )
      assert.isFalse(await exists(storedCopy(fresh)))
      assert.equal(await purgeExpiredPreviews(), 0)
      assert.instanceOf(
        await commitImport(staffList, fresh.id, {
          organisationId: admin.organisationId,
          userId: admin.id,
          label: 'test',
        }).catch((error) => error),
        ImportStateError
      )
    })

    test('uploads are rate limited per user, before anything is written', async ({
      client,
      assert,
    }) => {
      const { admin } = await adminOf()
      const other = await makeUser(await makeOrganisation('Autre'), ['admin'])
      await uploadLimiter().increment(uploadLimiterKey(admin.id), UPLOAD_RATE.requests)
      const before = await uploadFiles()
      const blocked = await client
        .post(`/imports/${IMPORT_KIND}`)
        .file('fichier', await sample('personnel.csv', STAFF))
        .withCsrfToken()
        .actingAs(admin)
        .redirects(0)
      blocked.assertStatus(429)
      assert.include(blocked.text(), 'Trop de requêtes')
      assert.deepEqual(await uploadFiles(), before)

      // Another user is not affected.
      await previewStaff(client, other)
    })
  }
)
