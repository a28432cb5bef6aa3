import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { RESET_REQUESTED } from '#actions/core/request_password_reset'
import { addMember, startOrganisation } from '#tests/fixtures/organisations'
import { isolated, loginInBrowser, makeOrganisation, makeUser, TEST_PASSWORD } from '#tests/helpers'
import { clearMailbox, linkIn, mailsTo } from '#tests/support/mailbox'

/**
 * People in the browser (issue #13, "Done when"): an invitation followed from its e-mail, a
 * forgotten password reset from the login page, and a person of two organisations switching
 * between them, with the roles of each. The messages are read where the file transport
 * captured them; the links are followed in Chromium.
 */

const NEW_PASSWORD = 'une phrase de passe choisie dans le navigateur'

test.group('People in the browser', (group) => {
  isolated(group)
  group.each.setup(() => clearMailbox())
  group.teardown(() => clearMailbox())

  test('an admin invites a person; the person follows the mailed link, chooses a password and logs in; the link then refuses', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const organisation = await makeOrganisation('Mission Locale des Invités')
    const admin = await makeUser(organisation, ['admin'])
    await loginInBrowser(browserContext, admin)

    const page = await visit('/admin/utilisateurs')
    await page.getByRole('link', { name: 'Inviter une personne' }).click()
    await page.assertPath('/admin/utilisateurs/invitations/nouvelle')
    await page.getByLabel('Nom complet').fill('Inès Navigatrice')
    await page.getByLabel('Adresse e-mail').fill('ines.navigatrice@example.org')
    await page.getByLabel('Rôles').selectOption(['finance'])
    await page.getByRole('button', { name: 'Envoyer l’invitation' }).click()
    await page.assertPath('/admin/utilisateurs')
    await page.assertTextContains(
      'body',
      'Invitation envoyée à ines.navigatrice@example.org : le lien est valable 48 heures.'
    )
    await page.getByRole('button', { name: 'Se déconnecter' }).click()
    await page.assertPath('/login')

    const mails = await mailsTo('ines.navigatrice@example.org')
    assert.lengthOf(mails, 1)
    const link = linkIn(mails[0], '/bienvenue/')

    await page.goto(link)
    await page.assertTextContains('h1', 'Bienvenue dans Socle')
    await page.assertTextContains('body', 'Inès Navigatrice')
    await page.getByLabel('Mot de passe').fill(NEW_PASSWORD)
    await page.getByLabel('Confirmation').fill(NEW_PASSWORD)
    await page.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click()
    await page.assertPath('/login')
    await page.assertTextContains(
      'body',
      'Votre mot de passe est enregistré. Connectez-vous pour commencer.'
    )

    await page.getByLabel('Adresse e-mail').fill('ines.navigatrice@example.org')
    await page.getByLabel('Mot de passe').fill(NEW_PASSWORD)
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.assertPath('/')
    await page.assertTextContains('h1', 'Mission Locale des Invités')
    await page.assertTextContains('.user-menu', 'Inès Navigatrice')
    await page.getByRole('button', { name: 'Se déconnecter' }).click()
    await page.assertPath('/login')

    // The link is spent: opened again, it says so in French and offers no form.
    const reused = await page.goto(link)
    assert.equal(reused?.status(), 410)
    await page.assertTextContains('h1', 'Lien déjà utilisé')
    await page.assertTextContains('body', 'il ne s’utilise qu’une fois')
    await page.assertNotExists('input[name=password]')
  })

  test('a forgotten password: the reset is asked for from the login page, the mailed link sets a new one, which logs in', async ({
    visit,
    assert,
  }) => {
    const organisation = await makeOrganisation('Mission Locale des Oublis')
    const user = await makeUser(organisation, ['finance'])

    const page = await visit('/login')
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click()
    await page.assertPath('/mot-de-passe-oublie')
    await page.getByLabel('Adresse e-mail').fill(user.email)
    await page.getByRole('button', { name: 'Recevoir un lien' }).click()
    await page.assertPath('/mot-de-passe-oublie')
    await page.assertTextContains('[role=status]', RESET_REQUESTED)

    const mails = await mailsTo(user.email)
    assert.lengthOf(mails, 1)
    const link = linkIn(mails[0], '/mot-de-passe-oublie/')
    await page.goto(link)
    await page.assertTextContains('h1', 'Choisir un nouveau mot de passe')
    await page.getByLabel('Mot de passe').fill(NEW_PASSWORD)
    await page.getByLabel('Confirmation').fill(NEW_PASSWORD)
    await page.getByRole('button', { name: 'Enregistrer le nouveau mot de passe' }).click()
    await page.assertPath('/login')

    // The old password no longer opens the account; the new one does.
    await page.getByLabel('Adresse e-mail').fill(user.email)
    await page.getByLabel('Mot de passe').fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.assertPath('/login')
    await page.assertTextContains('[role=alert]', 'Adresse e-mail ou mot de passe incorrect.')
    await page.getByLabel('Adresse e-mail').fill(user.email)
    await page.getByLabel('Mot de passe').fill(NEW_PASSWORD)
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.assertPath('/')
    await page.assertTextContains('h1', 'Mission Locale des Oublis')
  })

  test('a person of two organisations switches from the menu and sees the other one, with its roles', async ({
    visit,
    assert,
  }) => {
    const alpha = (await startOrganisation('Mission Locale Alpha')).organisation
    const beta = (await startOrganisation('Mission Locale Bêta')).organisation
    // Finance at home (Alpha), board member in Bêta.
    const person = await makeUser(alpha, ['finance'])
    await addMember(beta, person, ['board'])
    for (const [organisation, label] of [
      [alpha, 'Exercice propre à Alpha'],
      [beta, 'Exercice propre à Bêta'],
    ] as const) {
      await db.table('fiscal_years').insert({
        organisation_id: organisation.id,
        label,
        start_date: '2024-01-01',
        end_date: '2024-12-31',
      })
    }

    const page = await visit('/login')
    await page.getByLabel('Adresse e-mail').fill(person.email)
    await page.getByLabel('Mot de passe').fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.assertPath('/')
    const menu = page.getByLabel('Organisation pour laquelle vous agissez')
    assert.equal(await menu.inputValue(), String(alpha.id))

    // In Alpha: Alpha's years, and the FEC import of a finance officer.
    await page.goto('/comptabilite')
    await page.assertTextContains('main', 'Exercice propre à Alpha')
    assert.notInclude(await page.locator('main').textContent(), 'Exercice propre à Bêta')
    await page.goto('/comptabilite/fec/import')
    await page.assertTextContains('h1', 'Importer un fichier des écritures comptables (FEC)')

    // Switch to Bêta from the menu.
    await page.getByLabel('Organisation pour laquelle vous agissez').selectOption({
      label: 'Mission Locale Bêta',
    })
    await page.getByRole('button', { name: 'Changer' }).click()
    await page.waitForLoadState('load')
    assert.equal(
      await page.getByLabel('Organisation pour laquelle vous agissez').inputValue(),
      String(beta.id)
    )

    // In Bêta: Bêta's years, nothing of Alpha's, and a board member's rights: read, not import.
    await page.goto('/comptabilite')
    await page.assertTextContains('main', 'Exercice propre à Bêta')
    assert.notInclude(await page.locator('main').textContent(), 'Exercice propre à Alpha')
    const refused = await page.goto('/comptabilite/fec/import')
    assert.equal(refused?.status(), 403)
    await page.assertTextContains('h1', 'Accès refusé')
  })
})
