import { test } from '@japa/runner'
import ace from '@adonisjs/core/services/ace'
import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import { DateTime } from 'luxon'
import User from '#models/core/user'
import { PCG_ASSOCIATIONS, DEFAULT_JOURNALS } from '#reference/pcg_associations'
import { LAYOUT_DEFINITIONS } from '#reference/statement_layouts'
import { DEFAULT_QUORUM_RULES } from '#actions/governance/seed_quorum_rules'
import { demoOrganisation, inspecting, isolated, tableCounts } from '#tests/helpers'
import OrganisationCreate from '../../../commands/organisation_create.js'

/** What organisation:create writes: a refused run leaves every count as it was. */
const CREATED = [
  'organisations',
  'users',
  'accounts',
  'journals',
  'statement_layouts',
  'statement_lines',
  'quorum_rules',
  'one_time_links',
  'audit_events',
]
const PASSWORD = 'une longue phrase de bienvenue'
/** Valid SIRENs (Luhn): 732829320, 552100554, 780129987. */
const SIREN = '732829320'

interface Run {
  succeeded: boolean
  logs: string
  token: string | null
}

async function organisationCreate(options: {
  name?: string
  siren?: string
  email?: string
  adminName?: string
}): Promise<Run> {
  ace.ui.switchMode('raw')
  const command = await ace.create(OrganisationCreate, [
    '--name',
    options.name ?? 'Mission Locale du Littoral',
    '--siren',
    options.siren ?? SIREN,
    '--admin-email',
    options.email ?? 'Directrice@Littoral.example.org',
    '--admin-name',
    options.adminName ?? 'Claire Littoral',
  ])
  await command.exec()
  const logs = command.logger
    .getLogs()
    .map((log) => log.message)
    .join('\n')
  const token = /\/bienvenue\/([A-Za-z0-9_-]{43})\b/.exec(logs)?.[1] ?? null
  return { succeeded: command.exitCode === 0 && !command.error, logs, token }
}

async function organisationBySiren(siren: string) {
  return db.from('organisations').where('siren', siren).first()
}

test.group('organisation:create and the welcome link', (group) => {
  isolated(group)

  test('creates the organisation, its foundations and an admin who sets a password through the link', async ({
    client,
    assert,
  }) => {
    const run = await organisationCreate({})
    assert.isTrue(run.succeeded, run.logs)
    assert.isNotNull(run.token, run.logs)
    // The link alone on its line, easy to copy: APP_URL, then the token.
    assert.match(run.logs, new RegExp(`^https?://[^\\s/]+/bienvenue/${run.token}$`, 'm'))

    const organisation = await organisationBySiren(SIREN)
    assert.equal(organisation.name, 'Mission Locale du Littoral')
    const count = async (table: string) => {
      const [row] = await db.from(table).where('organisation_id', organisation.id).count('* as n')
      return Number(row.n)
    }
    assert.equal(await count('accounts'), PCG_ASSOCIATIONS.length)
    assert.equal(await count('journals'), DEFAULT_JOURNALS.length)
    assert.equal(await count('statement_layouts'), LAYOUT_DEFINITIONS.length)
    assert.isAbove(await count('statement_lines'), 20)
    assert.equal(await count('quorum_rules'), DEFAULT_QUORUM_RULES.length)

    // The admin: lower-cased e-mail, admin role, no usable password, the token stored hashed.
    const admin = await db.from('users').where('organisation_id', organisation.id).firstOrFail()
    assert.equal(admin.email, 'directrice@littoral.example.org')
    assert.deepEqual(admin.roles, ['admin'])
    assert.notInclude(run.logs, admin.password)
    assert.isFalse(await hash.verify(admin.password, run.token!))
    const link = await db.from('one_time_links').where('user_id', admin.id).firstOrFail()
    assert.equal(link.purpose, 'welcome')
    assert.notEqual(link.token_hash, run.token)
    assert.match(link.token_hash, /^[0-9a-f]{64}$/)
    const lifetime = DateTime.fromJSDate(link.expires_at).diff(
      DateTime.fromJSDate(link.created_at),
      'hours'
    ).hours
    assert.equal(Math.round(lifetime), 48)

    // Before the password is chosen, nobody logs in.
    const early = await client
      .post('/login')
      .form({ email: admin.email, password: run.token })
      .withCsrfToken()
      .redirects(0)
    early.assertFlashMessage('error', 'Adresse e-mail ou mot de passe incorrect.')

    const page = await client.get(`/bienvenue/${run.token}`)
    page.assertStatus(200)
    page.assertTextIncludes('Claire Littoral')
    page.assertTextIncludes('directrice@littoral.example.org')

    // Too short, or not confirmed: refused, the link stays usable.
    const short = await client
      .post(`/bienvenue/${run.token}`)
      .header('referer', `/bienvenue/${run.token}`)
      .form({ password: 'court', passwordConfirmation: 'court' })
      .withCsrfToken()
      .redirects(0)
    short.assertStatus(302)
    short.assertHeader('location', `/bienvenue/${run.token}`)
    const mismatch = await client
      .post(`/bienvenue/${run.token}`)
      .header('referer', `/bienvenue/${run.token}`)
      .form({ password: PASSWORD, passwordConfirmation: `${PASSWORD}!` })
      .withCsrfToken()
      .redirects(0)
    mismatch.assertStatus(302)
    const stillUnused = await db.from('one_time_links').where('id', link.id).first()
    assert.isNull(stillUnused.used_at)

    const chosen = await client
      .post(`/bienvenue/${run.token}`)
      .form({ password: PASSWORD, passwordConfirmation: PASSWORD })
      .withCsrfToken()
      .redirects(0)
    chosen.assertStatus(302)
    chosen.assertHeader('location', '/login')
    chosen.assertFlashMessage(
      'success',
      'Votre mot de passe est enregistré. Connectez-vous pour commencer.'
    )
    const spent = await db.from('one_time_links').where('id', link.id).first()
    assert.isNotNull(spent.used_at)
    const stored = await db.from('users').where('id', admin.id).first()
    assert.isTrue(stored.password.startsWith('$argon2id$'))
    assert.isTrue(await hash.verify(stored.password, PASSWORD))

    const login = await client
      .post('/login')
      .form({ email: 'DIRECTRICE@littoral.example.org', password: PASSWORD })
      .withCsrfToken()
      .redirects(0)
    login.assertStatus(302)
    login.assertHeader('location', '/')
    // The api client destroys each request's session once answered: the next request carries
    // the values the login stored (the user id and the session stamps).
    const session = login.session()
    assert.property(session, 'auth_session_version')
    const home = await client.get('/').withSession(session).redirects(0)
    home.assertStatus(200)
    home.assertTextIncludes('Claire Littoral')

    // The link is spent: a second visit or post is refused and changes nothing.
    const again = await client.get(`/bienvenue/${run.token}`)
    again.assertStatus(410)
    again.assertTextIncludes('Lien déjà utilisé')
    const before = await tableCounts(CREATED)
    const reused = await client
      .post(`/bienvenue/${run.token}`)
      .form({ password: 'un autre mot de passe', passwordConfirmation: 'un autre mot de passe' })
      .withCsrfToken()
      .redirects(0)
    reused.assertStatus(410)
    reused.assertTextIncludes('déjà servi')
    const after = await db.from('users').where('id', admin.id).first()
    assert.equal(after.password, stored.password)
    assert.equal(after.session_version, stored.session_version)
    assert.deepEqual(await tableCounts(CREATED), before)
  })

  test('the demo organisation sees nothing of the new one', async ({ client, assert }) => {
    const demo = await demoOrganisation()
    const run = await organisationCreate({
      name: 'Mission Locale Invisible',
      siren: '552100554',
      email: 'claude.invisible@example.org',
      adminName: 'Claude Invisible',
    })
    assert.isTrue(run.succeeded, run.logs)
    const demoAdmin = await inspecting(() =>
      User.query().where('email', 'admin@demo.socle.fr').firstOrFail()
    )
    assert.equal(demoAdmin.organisationId, demo.id)
    for (const url of [
      '/',
      '/admin/utilisateurs',
      '/admin/journal',
      '/comptabilite/plan-comptable',
      '/comptabilite',
    ]) {
      const response = await client.get(url).actingAs(demoAdmin)
      response.assertStatus(200)
      for (const secret of ['Invisible', 'claude.invisible@example.org', '552100554']) {
        assert.notInclude(response.text(), secret, `${url} shows ${secret}`)
      }
    }
  })

  test('a bad SIREN is refused with its reason and nothing is created', async ({ assert }) => {
    const before = await tableCounts(CREATED)
    const luhn = await organisationCreate({ siren: '732829321' })
    assert.isFalse(luhn.succeeded)
    assert.match(luhn.logs, /SIREN 732829321 n’est pas valide : sa clé de contrôle \(Luhn\)/)
    assert.match(luhn.logs, /Rien n’a été créé/)
    const short = await organisationCreate({ siren: '73282932' })
    assert.isFalse(short.succeeded)
    assert.match(short.logs, /9 chiffres/)
    assert.isNull(luhn.token)
    assert.deepEqual(await tableCounts(CREATED), before)
  })

  test('a SIREN or an e-mail already known is refused and nothing is created', async ({
    assert,
  }) => {
    const first = await organisationCreate({})
    assert.isTrue(first.succeeded, first.logs)
    const before = await tableCounts(CREATED)

    const sameSiren = await organisationCreate({
      name: 'Autre Mission Locale',
      email: 'autre@example.org',
    })
    assert.isFalse(sameSiren.succeeded)
    assert.match(sameSiren.logs, /Une organisation avec ce SIREN existe déjà/)

    // E-mails are unique across organisations, whatever their case.
    const sameEmail = await organisationCreate({
      name: 'Autre Mission Locale',
      siren: '780129987',
      email: 'DIRECTRICE@LITTORAL.example.org',
    })
    assert.isFalse(sameEmail.succeeded)
    assert.match(sameEmail.logs, /adresse e-mail est déjà celle d’un compte/)
    assert.isNull(sameEmail.token)
    assert.deepEqual(await tableCounts(CREATED), before)
    assert.isNull(await organisationBySiren('780129987'))
  })

  test('an expired or unknown link is refused and changes nothing', async ({ client, assert }) => {
    const run = await organisationCreate({})
    assert.isTrue(run.succeeded, run.logs)
    const organisation = await organisationBySiren(SIREN)
    const admin = await db.from('users').where('organisation_id', organisation.id).firstOrFail()
    // Issued three days ago: expired after 48 hours.
    await db
      .from('one_time_links')
      .where('user_id', admin.id)
      .update({
        created_at: DateTime.now().minus({ days: 3 }).toJSDate(),
        expires_at: DateTime.now().minus({ days: 1 }).toJSDate(),
      })

    const page = await client.get(`/bienvenue/${run.token}`)
    page.assertStatus(410)
    page.assertTextIncludes('Lien expiré')
    const before = await tableCounts(CREATED)
    const posted = await client
      .post(`/bienvenue/${run.token}`)
      .form({ password: PASSWORD, passwordConfirmation: PASSWORD })
      .withCsrfToken()
      .redirects(0)
    posted.assertStatus(410)
    const after = await db.from('users').where('id', admin.id).first()
    assert.equal(after.password, admin.password)
    const link = await db.from('one_time_links').where('user_id', admin.id).first()
    assert.isNull(link.used_at)
    assert.deepEqual(await tableCounts(CREATED), before)

    const unknown = await client.get(`/bienvenue/${'x'.repeat(43)}`)
    unknown.assertStatus(404)
    unknown.assertTextIncludes('Lien inconnu')
    const malformed = await client.get('/bienvenue/pas-un-jeton')
    malformed.assertStatus(404)
  })
})
