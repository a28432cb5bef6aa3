import { test } from '@japa/runner'
import ace from '@adonisjs/core/services/ace'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import User from '#models/core/user'
import { runningImports } from '#imports/accounting/fec/index'
import { entryRows, fecText, writeFecFile, type FecRow } from '#tests/fixtures/fec'
import { newSiren } from '#tests/fixtures/organisations'
import { demoOrganisation, inspecting, isolated, makeUser } from '#tests/helpers'
import OrganisationCreate from '../../../commands/organisation_create.js'

/**
 * Issue #13, "Done when": a new organisation is created by the command, its admin follows the
 * one-time link, sets a password, logs in and imports a FEC into it through the web import
 * page, while the demo organisation sees nothing of it and the new one sees nothing of the demo.
 */

const PASSWORD = 'une phrase pour le littoral nord'
const NAME = 'Mission Locale du Parcours Complet'
/** The imported entries' labels: written nowhere else, so any page that shows one leaks. */
const MARK = 'PARCOURS-UNIQUE'
/** Non-breaking and narrow spaces of the French number format, as plain spaces. */
const plain = (html: string) => html.replace(/[\u00a0\u202f]/g, ' ')

/** Runs `node ace organisation:create` in-process; returns the one-time link it printed. */
async function organisationCreate(siren: string, email: string) {
  ace.ui.switchMode('raw')
  const command = await ace.create(OrganisationCreate, [
    '--name',
    NAME,
    '--siren',
    siren,
    '--admin-email',
    email,
    '--admin-name',
    'Nadia Parcours',
  ])
  await command.exec()
  const logs = command.logger
    .getLogs()
    .map((log) => log.message)
    .join('\n')
  const path = /https?:\/\/[^\s/]+(\/bienvenue\/[A-Za-z0-9_-]{43})$/m.exec(logs)?.[1]
  if (command.exitCode !== 0 || !path) throw new Error(`organisation:create failed:\n${logs}`)
  return path
}

/** Two entries of the new organisation, labelled with MARK. */
function journeyRows(): FecRow[] {
  const rows = [...entryRows('1', '20240315', '4321,09'), ...entryRows('2', '20240920', '1234,50')]
  return rows.map((row) => ({ ...row, EcritureLib: `${MARK} ${row.EcritureNum}` }))
}

function post(client: ApiClient, url: string, user: User) {
  return client.post(url).withCsrfToken().actingAs(user).redirects(0)
}

test.group(
  'Issue #13 done when | a new organisation from the command to its first FEC',
  (group) => {
    isolated(group)

    test('organisation:create, welcome link, password, login, FEC import; the demo and the new organisation see nothing of each other', async ({
      client,
      assert,
    }) => {
      const demo = await demoOrganisation()
      const demoAdmin = await makeUser(demo, ['admin'])
      const siren = newSiren()
      const email = `nadia-${siren}@parcours.example.org`

      // 1. The command prints the one-time link.
      const welcome = await organisationCreate(siren, email)
      const organisation = await db.from('organisations').where('siren', siren).firstOrFail()

      // 2. The admin follows it and chooses a password.
      const page = await client.get(welcome)
      page.assertStatus(200)
      page.assertTextIncludes('Nadia Parcours')
      const chosen = await client
        .post(welcome)
        .form({ password: PASSWORD, passwordConfirmation: PASSWORD })
        .withCsrfToken()
        .redirects(0)
      chosen.assertStatus(302)
      chosen.assertHeader('location', '/login')

      // 3. Logs in with it and lands on the home page of the new organisation.
      const loggedIn = await client
        .post('/login')
        .form({ email, password: PASSWORD })
        .withCsrfToken()
        .redirects(0)
      loggedIn.assertStatus(302)
      loggedIn.assertHeader('location', '/')
      const home = await client.get('/').withSession(loggedIn.session()).redirects(0)
      home.assertStatus(200)
      home.assertTextIncludes(NAME)
      const admin = await inspecting(() => User.findByOrFail('email', email))
      assert.equal(admin.organisationId, organisation.id)

      // 4. Opens the 2024 fiscal year and imports a FEC through the web import page.
      ;(
        await post(client, '/comptabilite/exercices', admin).form({
          label: '2024',
          startDate: '2024-01-01',
          endDate: '2024-12-31',
        })
      ).assertStatus(302)
      const year = await db
        .from('fiscal_years')
        .where({ organisation_id: organisation.id, label: '2024' })
        .firstOrFail()
      const form = await client.get('/comptabilite/fec/import').actingAs(admin)
      form.assertStatus(200)
      const upload = await post(client, '/comptabilite/fec/import', admin)
        .field('fiscalYearId', String(year.id))
        .file('fichier', await writeFecFile(fecText(journeyRows()), 'utf-8', 'parcours.txt'))
      upload.assertStatus(302)
      const importId = Number(
        /\/comptabilite\/fec\/imports\/(\d+)$/.exec(upload.header('location')!)?.[1]
      )
      assert.isAbove(importId, 0)
      // The import runs in the background: its task is registered before the answer, so it is
      // awaited here, or has already finished (no clock, no polling).
      await runningImports.get(importId)
      const done = await db.from('imports').where('id', importId).firstOrFail()
      assert.equal(done.status, 'committed')
      assert.equal(done.organisation_id, organisation.id)
      const result = await client.get(`/comptabilite/fec/imports/${importId}`).actingAs(admin)
      result.assertTextIncludes('Fichier importé')

      // 5. The new organisation's trial balance shows the imported totals.
      const balance = plain((await client.get('/comptabilite/balance').actingAs(admin)).text())
      // 6064 debited and 401 credited with both entries: 4 321,09 + 1 234,50 = 5 555,59.
      assert.match(balance, /6064<\/a>[\s\S]*?5 555,59 €[\s\S]*?<\/tr>/)
      assert.match(balance, /class="total"[\s\S]*?5 555,59 €[\s\S]*?5 555,59 €/)
      const ledger = plain(
        (await client.get('/comptabilite/grand-livre?compte=401').actingAs(admin)).text()
      )
      assert.include(ledger, `${MARK} 1`)
      assert.include(ledger, `${MARK} 2`)
      assert.include(ledger, '4 321,09')
      assert.include(ledger, '1 234,50')

      // 6. The new organisation sees nothing of the demo: not its name, not its payroll ledger,
      // not its years (even asked for by id).
      const demoYear = await db
        .from('fiscal_years')
        .where({ organisation_id: demo.id })
        .orderBy('start_date', 'desc')
        .firstOrFail()
      for (const url of [
        '/',
        '/comptabilite',
        '/comptabilite/balance',
        '/comptabilite/grand-livre?compte=6411',
        `/comptabilite/balance?exercice=${demoYear.id}`,
        `/comptabilite/grand-livre?compte=6411&exercice=${demoYear.id}`,
        '/admin/utilisateurs',
      ]) {
        const response = await client.get(url).actingAs(admin).redirects(0)
        assert.include([200, 404], response.status(), url)
        const text = response.text()
        assert.notInclude(text, demo.name, url)
        assert.notInclude(text, demoAdmin.email, url)
        assert.notInclude(text, 'PAIE-2023', `${url}: the demo's payroll entries`)
        assert.notInclude(text, 'Paie de ', url)
      }

      // 7. The demo organisation sees nothing of the new one: not its name, not its entries,
      // not its year (even asked for by id), not its import.
      for (const url of [
        '/',
        '/comptabilite',
        '/comptabilite/balance',
        '/comptabilite/grand-livre?compte=401',
        `/comptabilite/balance?exercice=${year.id}`,
        `/comptabilite/grand-livre?compte=401&exercice=${year.id}`,
        `/comptabilite/fec/imports/${importId}`,
        '/admin/utilisateurs',
        '/admin/imports',
      ]) {
        const response = await client.get(url).actingAs(demoAdmin).redirects(0)
        assert.include([200, 404], response.status(), url)
        const text = plain(response.text())
        assert.notInclude(text, NAME, url)
        assert.notInclude(text, MARK, url)
        assert.notInclude(text, email, url)
        assert.notInclude(text, '4 321,09', url)
        assert.notInclude(text, 'parcours.txt', url)
      }
      ;(
        await client.get(`/comptabilite/fec/imports/${importId}`).actingAs(demoAdmin).redirects(0)
      ).assertStatus(404)
    })
  }
)
