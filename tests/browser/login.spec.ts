import { test } from '@japa/runner'
import { isolated, loginInBrowser, makeOrganisation, makeUser, TEST_PASSWORD } from '#tests/helpers'
import { loginClock } from '#http/login_throttle'

test.group('Login journey', (group) => {
  isolated(group)

  test('a user logs in through the form, sees the dashboard and logs out', async ({ visit }) => {
    const organisation = await makeOrganisation('Mission Locale du Navigateur')
    const user = await makeUser(organisation, ['admin'])
    const page = await visit('/')
    await page.assertPath('/login')
    await page.getByLabel('Adresse e-mail').fill(user.email)
    await page.getByLabel('Mot de passe').fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.assertPath('/')
    await page.assertTextContains('h1', 'Mission Locale du Navigateur')
    await page
      .getByRole('navigation', { name: 'Domaines' })
      .getByRole('link', { name: 'Administration' })
      .click()
    await page.assertPath('/admin/utilisateurs')
    await page.getByRole('button', { name: 'Se déconnecter' }).click()
    await page.assertPath('/login')
  })

  test('a wrong password shows a French error and keeps the email', async ({ visit }) => {
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, ['finance'])
    const page = await visit('/login')
    await page.getByLabel('Adresse e-mail').fill(user.email)
    await page.getByLabel('Mot de passe').fill('pas le bon mot de passe')
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.assertPath('/login')
    await page.assertTextContains('[role=alert]', 'Adresse e-mail ou mot de passe incorrect.')
    await page.assertInputValue('input[name=email]', user.email)
  })

  test('a board member is refused the administration pages', async ({ visit, browserContext }) => {
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, ['board'])
    await loginInBrowser(browserContext, user)
    const page = await visit('/admin/utilisateurs')
    await page.assertTextContains('h1', 'Accès refusé')
    await page.assertNotExists('a[href="/admin/utilisateurs"]')
  })

  test('too many failures show a French message saying when to retry, not a bare redirect', async ({
    visit,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, ['finance'])
    const realClock = loginClock.now
    const frozen = new Date('2026-03-02T09:00:00Z')
    loginClock.now = () => frozen
    try {
      const page = await visit('/')
      await page.assertPath('/login')
      await page.assertTextContains('[role=alert]', 'Connectez-vous pour accéder à cette page.')
      for (let i = 0; i < 6; i++) {
        await page.getByLabel('Adresse e-mail').fill(user.email)
        await page.getByLabel('Mot de passe').fill(`pas le bon ${i}`)
        await page.getByRole('button', { name: 'Se connecter' }).click()
        await page.waitForLoadState('load')
      }
      await page.assertPath('/login')
      await page.assertTextContains(
        '[role=alert]',
        'Trop de tentatives de connexion. Réessayez dans 1 seconde.'
      )
      assert.notInclude(await page.content(), 'Redirecting to')
    } finally {
      loginClock.now = realClock
    }
  })
})
