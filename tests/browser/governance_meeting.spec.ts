import { test } from '@japa/runner'
import { isolated, makeOrganisation, makeUser, TEST_PASSWORD } from '#tests/helpers'
import { smallBoard, as } from '#tests/functional/governance/helpers'
import { requireTenant } from '#support/request_context'
import AddResolution from '#actions/governance/add_resolution'

test.group('Governance journey in the browser', (group) => {
  isolated(group)

  test('open a meeting, record the attendance list with a proxy and an alternate sitting in, reach quorum, vote and print the minutes', async ({
    visit,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, ['direction'])
    // Membre 3 has an alternate, convened with them.
    const { meeting } = await smallBoard(organisation, {
      members: 4,
      consultative: 1,
      alternates: [2],
    })
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

    // The whole list in one form: Membre 1 present, Membre 2 represented by Membre 1, Membre 3
    // absent and represented by their alternate, who is present.
    const list = page.getByRole('form', { name: 'Feuille de présence' })
    const status = (member: string) => list.getByLabel(`Présence de ${member}`, { exact: true })
    await status('Membre 1').selectOption('present')
    await status('Membre 2').selectOption('represented')
    await list.getByLabel('Pouvoir de Membre 2 donné à').selectOption({ label: 'Membre 1' })
    await status('Membre 3').selectOption({ label: 'Représenté par son suppléant' })
    await status('Membre 3 (suppléant·e)').selectOption('present')
    await list.getByRole('button', { name: 'Enregistrer les présences' }).click()
    await page.waitForLoadState('load')
    assert.include(
      await page.locator('.flash').first().textContent(),
      'Présences enregistrées (4 modification(s))'
    )

    // Membre 1 present, Membre 3 sat in for by the alternate, Membre 2 represented: 3 out of 4.
    assert.equal(await page.locator('[data-quorum]').getAttribute('data-quorum'), 'atteint')
    assert.include(await page.locator('#quorum').textContent(), 'Quorum atteint')

    const votes = page.getByRole('form', { name: 'Votes sur la résolution 1' })
    await votes.getByLabel('Membre 1', { exact: true }).selectOption('for')
    await votes.getByLabel('Membre 2 (représenté)').selectOption('for')
    await votes
      .getByLabel('Membre 3 (suppléant·e) (à la place de Membre 3)')
      .selectOption('against')
    assert.equal(await votes.getByLabel('Membre 3', { exact: true }).count(), 0)
    await votes.getByRole('button', { name: 'Enregistrer les votes' }).click()
    await page.waitForLoadState('load')
    assert.include(await page.locator('.flash').first().textContent(), '3 vote(s) enregistré(s)')

    const proclamation = page.getByRole('form', { name: 'Proclamation de la résolution 1' })
    await proclamation.getByLabel('Je confirme la proclamation').check()
    await proclamation.getByRole('button', { name: 'Proclamer le résultat' }).click()
    await page.waitForLoadState('load')
    assert.equal(await page.locator('[data-result]').first().getAttribute('data-result'), 'adopted')
    // The alternate's vote counted once, for the absent titular.
    const tally = page.getByRole('table', { name: 'Décompte de la résolution 1' })
    assert.match((await tally.textContent()) ?? '', /pondérées\)\s*2\s*1\s*0/)

    await page.getByRole('link', { name: 'Procès-verbal (impression)' }).click()
    await page.waitForURL(/proces-verbal$/)
    const minutes = await page.locator('main').textContent()
    assert.include(minutes, 'le quorum est atteint')
    assert.include(minutes, 'Membre 2 à Membre 1')
    assert.include(minutes, 'Membre 3 (suppléant·e) — suppléant·e de Membre 3')
    assert.include(minutes, 'Représenté par son suppléant')
    assert.include(minutes, 'Adoptée')
    await page.emulateMedia({ media: 'print' })
    assert.isFalse(await page.locator('.site-header').isVisible())
    assert.isFalse(await page.getByRole('button', { name: 'Imprimer' }).isVisible())
  })
})
