import { test } from '@japa/runner'
import { isolated, loginInBrowser, makeOrganisation, makeUser, TEST_PASSWORD } from '#tests/helpers'

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
})
