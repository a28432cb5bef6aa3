import { test } from '@japa/runner'
import { isolated, makeOrganisation, makeUser, TEST_PASSWORD } from '#tests/helpers'
import { smallBoard, as } from '#tests/functional/governance/helpers'
import { requireTenant } from '#support/request_context'
import AddResolution from '#actions/governance/add_resolution'

test.group('Governance journey in the browser', (group) => {
  isolated(group)

  test('open a meeting, record attendance with a proxy, reach quorum, vote and print the minutes', async ({
    visit,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, ['direction'])
    const { meeting } = await smallBoard(organisation, { members: 4, consultative: 1 })
    await as(organisation, () =>
      AddResolution.handle(requireTenant(), {
        meetingId: meeting.id,
        title: 'Adoption du budget 2025',
        majority: 'simple',
        subjectKind: 'adopt_budget',
      })
    )

    const page = await visit('/login')
    await page.getByLabel('Adresse e-mail').fill(user.email)
    await page.getByLabel('Mot de passe').fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.waitForURL((url) => url.pathname === '/')

    await page.goto(`/gouvernance/seances/${meeting.id}`)
    assert.include(await page.locator('h1').textContent(), 'CA de test')
    assert.equal(await page.locator('[data-quorum]').getAttribute('data-quorum'), 'non-atteint')

    const record = async (member: string, status: string, proxyTo?: string) => {
      const form = page.getByRole('form', { name: `Présence de ${member}` })
      await form.getByLabel('Présence').selectOption(status)
      if (proxyTo) await form.getByLabel('Pouvoir donné à').selectOption({ label: proxyTo })
      await form.getByRole('button', { name: 'Enregistrer' }).click()
      await page.waitForLoadState('load')
      const flash = await page.locator('.flash').first().textContent()
      assert.include(flash, 'Présence enregistrée', `${member} : ${flash}`)
    }
    await record('Membre 1', 'present')
    await record('Membre 2', 'represented', 'Membre 1')

    // 1 present + 1 represented out of 4: exactly half, the statutes' "at least half".
    assert.equal(await page.locator('[data-quorum]').getAttribute('data-quorum'), 'atteint')
    assert.include(await page.locator('#quorum').textContent(), 'Quorum atteint')

    const votes = page.getByRole('form', { name: 'Votes sur la résolution 1' })
    await votes.getByLabel('Membre 1').selectOption('for')
    await votes.getByLabel('Membre 2 (représenté)').selectOption('for')
    await votes.getByRole('button', { name: 'Enregistrer les votes' }).click()
    await page.waitForLoadState('load')
    assert.include(await page.locator('.flash').first().textContent(), '2 vote(s) enregistré(s)')
    await page.getByRole('button', { name: 'Proclamer le résultat' }).click()
    await page.waitForLoadState('load')
    assert.equal(await page.locator('[data-result]').first().getAttribute('data-result'), 'adopted')

    await page.getByRole('link', { name: 'Procès-verbal (impression)' }).click()
    await page.waitForURL(/proces-verbal$/)
    const minutes = await page.locator('main').textContent()
    assert.include(minutes, 'le quorum est atteint')
    assert.include(minutes, 'Membre 2 (représenté)'.replace(' (représenté)', '') + ' à Membre 1')
    assert.include(minutes, 'Adoptée')
    await page.emulateMedia({ media: 'print' })
    assert.isFalse(await page.locator('.site-header').isVisible())
    assert.isFalse(await page.getByRole('button', { name: 'Imprimer' }).isVisible())
  })
})
