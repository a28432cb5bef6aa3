import { test } from '@japa/runner'
import { readFile } from 'node:fs/promises'
import ace from '@adonisjs/core/services/ace'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import { issueSetupToken, openSetupIfEmpty } from '#actions/core/set_up_instance'
import env from '#start/env'
import { isolated, tableCounts } from '#tests/helpers'
import DemoSeed from '../../../commands/demo_seed.js'

/** What the setup writes: a refused attempt leaves every count as it was. */
const CREATED = [
  'organisations',
  'users',
  'accounts',
  'journals',
  'statement_layouts',
  'quorum_rules',
  'one_time_links',
  'audit_events',
]
const PASSWORD = 'une longue phrase pour la directrice'
/** Valid SIRENs (Luhn): 732829320, 552100554. */
const FORM = {
  name: 'Mission Locale des Coteaux',
  siren: '552 100 554',
  adminName: 'Inès Coteaux',
  adminEmail: 'Ines.Coteaux@example.org',
  password: PASSWORD,
  password_confirmation: PASSWORD,
}

/**
 * The test database holds the demo organisation (seeded once for the whole run). An empty
 * instance is made honestly inside the test's transaction, which is rolled back afterwards:
 * every organisation row is deleted, with the foreign-key triggers of that one statement off
 * (`session_replication_role`, as `db:restore` does; it needs a superuser, which the embedded
 * test server is). The rows that pointed to them stay orphaned until the rollback; every
 * statement after it is checked as usual, and the application's own query (`SELECT … FROM
 * organisations`) really finds nothing.
 */
async function emptyInstance() {
  await db.rawQuery('SET LOCAL session_replication_role = replica')
  await db.rawQuery('DELETE FROM organisations')
  await db.rawQuery('SET LOCAL session_replication_role = origin')
  const [{ n }] = await db.from('organisations').count('* as n')
  if (Number(n) !== 0) throw new Error('organisations remain')
}

test.group('Setup form of an empty instance', (group) => {
  isolated(group)

  test('npm start seeds no demo with SOCLE_DEMO=0', async ({ assert }) => {
    const scripts = JSON.parse(await readFile(app.makePath('package.json'), 'utf8')).scripts
    assert.include(scripts.start, 'node ace demo:seed --if-empty')
    const run = async () => {
      ace.ui.switchMode('raw')
      const command = await ace.create(DemoSeed, ['--if-empty'])
      await command.exec()
      return command.logger
        .getLogs()
        .map((log) => log.message)
        .join('\n')
    }
    // The demo exists in the test database: without SOCLE_DEMO, --if-empty says so.
    assert.include(await run(), 'Données de démonstration déjà présentes.')
    env.set('SOCLE_DEMO', false)
    try {
      const logs = await run()
      assert.include(logs, 'SOCLE_DEMO=0 : pas d’organisation de démonstration.')
      assert.notInclude(logs, 'déjà présentes')
    } finally {
      env.set('SOCLE_DEMO', undefined)
      delete process.env.SOCLE_DEMO
    }
  })

  test('an empty instance leads to the setup form; the server prints its token at start', async ({
    client,
    assert,
  }) => {
    await emptyInstance()
    const printed: string[] = []
    const token = await openSetupIfEmpty('http://socle.test/installation', (message) =>
      printed.push(message)
    )
    assert.isString(token)
    assert.lengthOf(printed, 1)
    assert.include(printed[0], 'http://socle.test/installation')
    assert.include(printed[0], token!)
    assert.match(printed[0], /^Aucune organisation n’existe encore/)

    const home = await client.get('/').redirects(0)
    home.assertStatus(302)
    home.assertHeader('location', '/login')
    const login = await client.get('/login').redirects(0)
    login.assertStatus(302)
    login.assertHeader('location', '/installation')
    const form = await client.get('/installation')
    form.assertStatus(200)
    form.assertTextIncludes('Installer Socle')
    form.assertTextIncludes('Jeton d’installation')
    form.assertTextIncludes('SIREN')
    // The token is never written into the page.
    assert.notInclude(form.text(), token!)
  })

  test('a wrong token, or one of a previous start, is refused and creates nothing', async ({
    client,
    assert,
  }) => {
    await emptyInstance()
    const previous = issueSetupToken()
    issueSetupToken()
    const before = await tableCounts(CREATED)
    for (const jeton of [previous, 'x'.repeat(43), 'pas un jeton']) {
      const refused = await client
        .post('/installation')
        .header('referer', '/installation')
        .form({ ...FORM, jeton })
        .withCsrfToken()
        .redirects(0)
      refused.assertStatus(303)
      refused.assertHeader('location', '/installation')
      assert.match(
        String(refused.flashMessages().error),
        /^Jeton d’installation incorrect : copiez celui que le serveur a écrit dans son journal/
      )
    }
    assert.deepEqual(await tableCounts(CREATED), before)
  })

  test('a bad SIREN or a known e-mail is refused, nothing is created, and the token still works', async ({
    client,
    assert,
  }) => {
    await emptyInstance()
    const jeton = issueSetupToken()
    const before = await tableCounts(CREATED)
    const luhn = await client
      .post('/installation')
      .header('referer', '/installation')
      .form({ ...FORM, jeton, siren: '732829321' })
      .withCsrfToken()
      .redirects(0)
    luhn.assertStatus(302)
    const errors = luhn.flashMessages().inputErrorsBag as Record<string, string[]>
    assert.deepEqual(errors.siren, [
      'Le SIREN 732829321 n’est pas valide : sa clé de contrôle (Luhn) ne correspond pas. Vérifiez-le sur l’avis de situation INSEE.',
    ])
    const short = await client
      .post('/installation')
      .form({ ...FORM, jeton, siren: '12345', password_confirmation: 'autre chose encore' })
      .withCsrfToken()
      .redirects(0)
    const shortErrors = short.flashMessages().inputErrorsBag as Record<string, string[]>
    assert.deepEqual(shortErrors.siren, ['Le SIREN doit compter exactement 9 chiffres.'])
    assert.deepEqual(shortErrors.password_confirmation, ['La confirmation ne correspond pas.'])
    // E-mails are unique across organisations: the demo admin's is taken (whatever its case).
    const taken = await client
      .post('/installation')
      .form({ ...FORM, jeton, adminEmail: 'ADMIN@demo.socle.fr' })
      .withCsrfToken()
      .redirects(0)
    taken.assertStatus(303)
    assert.match(String(taken.flashMessages().error), /adresse e-mail est déjà celle d’un compte/)
    assert.deepEqual(await tableCounts(CREATED), before)

    const accepted = await client
      .post('/installation')
      .form({ ...FORM, jeton })
      .withCsrfToken()
      .redirects(0)
    accepted.assertStatus(302)
    accepted.assertHeader('location', '/login')
  })

  test('the form creates the organisation and its admin, who logs in; then the setup is gone', async ({
    client,
    assert,
  }) => {
    await emptyInstance()
    const jeton = issueSetupToken()
    const created = await client
      .post('/installation')
      .form({ ...FORM, jeton })
      .withCsrfToken()
      .redirects(0)
    created.assertStatus(302)
    created.assertHeader('location', '/login')
    created.assertFlashMessage(
      'success',
      'L’organisation Mission Locale des Coteaux est créée. Connectez-vous avec l’adresse ines.coteaux@example.org et le mot de passe choisi.'
    )

    const organisation = await db.from('organisations').where('siren', '552100554').firstOrFail()
    assert.equal(organisation.name, 'Mission Locale des Coteaux')
    const count = async (table: string) => {
      const [row] = await db.from(table).where('organisation_id', organisation.id).count('* as n')
      return Number(row.n)
    }
    assert.isAbove(await count('accounts'), 100)
    assert.isAbove(await count('journals'), 3)
    assert.isAbove(await count('statement_layouts'), 0)
    const admin = await db.from('users').where('organisation_id', organisation.id).firstOrFail()
    assert.equal(admin.email, 'ines.coteaux@example.org')
    assert.deepEqual(admin.roles, ['admin'])
    assert.isTrue(await hash.verify(admin.password, PASSWORD))
    // The welcome link of organisation:create was spent by the form, in the same transaction.
    const link = await db.from('one_time_links').where('user_id', admin.id).firstOrFail()
    assert.isNotNull(link.used_at)
    const audit = await db
      .from('audit_events')
      .where('organisation_id', organisation.id)
      .orderBy('id')
      .select('action', 'actor')
    assert.deepInclude(audit, { action: 'create', actor: 'installation (formulaire web)' })
    assert.isTrue(audit.some((event) => event.action === 'welcome'))

    const login = await client
      .post('/login')
      .form({ email: 'ines.coteaux@example.org', password: PASSWORD })
      .withCsrfToken()
      .redirects(0)
    login.assertStatus(302)
    login.assertHeader('location', '/')
    const home = await client.get('/').withSession(login.session()).redirects(0)
    home.assertStatus(200)
    home.assertTextIncludes('Mission Locale des Coteaux')

    // Single use, and gone once an organisation exists: 404 with the same token.
    const before = await tableCounts(CREATED)
    const again = await client
      .post('/installation')
      .form({ ...FORM, jeton, siren: '732829320', adminEmail: 'autre@example.org' })
      .withCsrfToken()
      .redirects(0)
    again.assertStatus(404)
    const page = await client.get('/installation')
    page.assertStatus(404)
    assert.deepEqual(await tableCounts(CREATED), before)
    const loginPage = await client.get('/login').redirects(0)
    loginPage.assertStatus(200)
  })

  test('with an organisation, the setup routes answer 404 and create nothing', async ({
    client,
    assert,
  }) => {
    const jeton = issueSetupToken()
    const before = await tableCounts(CREATED)
    const page = await client.get('/installation')
    page.assertStatus(404)
    const posted = await client
      .post('/installation')
      .form({ ...FORM, jeton })
      .withCsrfToken()
      .redirects(0)
    posted.assertStatus(404)
    assert.deepEqual(await tableCounts(CREATED), before)
    // The server start issues no token then.
    const printed: string[] = []
    assert.isNull(await openSetupIfEmpty('http://socle.test/installation', (m) => printed.push(m)))
    assert.lengthOf(printed, 0)
    const login = await client.get('/login').redirects(0)
    login.assertStatus(200)
  })
})
