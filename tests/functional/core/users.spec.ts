import { test } from '@japa/runner'
import User from '#models/core/user'
import {
  isolated,
  makeOrganisation,
  makeUser,
  readWorkbook,
  tableCounts,
  inspecting,
} from '#tests/helpers'

test.group('Admin: users', (group) => {
  isolated(group)

  test('the list sorts, searches, paginates and exports to Excel', async ({ client, assert }) => {
    const organisation = await makeOrganisation()
    const admin = await makeUser(organisation, ['admin'])
    await makeUser(organisation, ['hr'], { email: 'zorro@test.socle.fr' })
    await makeUser(organisation, ['hr'], { email: 'aline@test.socle.fr' })
    const sorted = await client.get('/admin/utilisateurs?tri=email&ordre=desc').actingAs(admin)
    sorted.assertStatus(200)
    assert.isBelow(sorted.text().indexOf('zorro@'), sorted.text().indexOf('aline@'))
    const found = await client.get('/admin/utilisateurs?q=ALINE').actingAs(admin)
    assert.include(found.text(), 'aline@test.socle.fr')
    assert.notInclude(found.text(), 'zorro@test.socle.fr')
    const injected = await client.get('/admin/utilisateurs?tri=password;drop').actingAs(admin)
    injected.assertStatus(200)

    const file = await client.get('/admin/utilisateurs/export.xlsx?q=aline').actingAs(admin)
    const sheet = (await readWorkbook(file)).worksheets[0]
    assert.equal(sheet.getRow(1).getCell(2).value, 'E-mail')
    assert.equal(sheet.getRow(2).getCell(2).value, 'aline@test.socle.fr')
    assert.equal(sheet.rowCount, 2)
  })

  test('a page shows its breadcrumb, linked by route name', async ({ client, assert }) => {
    const organisation = await makeOrganisation()
    const admin = await makeUser(organisation, ['admin'])
    const form = await client.get('/admin/utilisateurs/nouveau').actingAs(admin)
    form.assertStatus(200)
    const crumbs = form.text().match(/<nav class="breadcrumbs"[\s\S]*?<\/nav>/)?.[0] ?? ''
    assert.include(crumbs, '<a href="/">Accueil</a>')
    assert.include(crumbs, '<a href="/admin/utilisateurs">Utilisateurs</a>')
    assert.include(crumbs, '<span aria-current="page">Nouvel utilisateur</span>')

    // A page rendered without breadcrumbs shows none.
    const home = await client.get('/').actingAs(admin)
    assert.notInclude(home.text(), 'class="breadcrumbs"')
  })

  test('an admin creates a user; bad input is refused in French and changes nothing', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const admin = await makeUser(organisation, ['admin'])
    const before = await tableCounts(['users', 'audit_events'])
    const refused = await client
      .post('/admin/utilisateurs')
      .actingAs(admin)
      .withCsrfToken()
      .form({ fullName: 'A', email: 'pas-une-adresse', roles: ['inconnu'], password: 'court' })
      .redirects(0)
    refused.assertStatus(302)
    const errors = refused.flashMessages().inputErrorsBag as Record<string, string[]>
    assert.deepEqual(errors.email, ['Saisissez une adresse e-mail valide.'])
    assert.deepEqual(errors.password, [
      'Le champ mot de passe doit contenir au moins 12 caractères.',
    ])
    assert.deepEqual(errors['roles.0'], ['Rôle inconnu.'])
    assert.deepEqual(await tableCounts(['users', 'audit_events']), before)

    const duplicate = await client
      .post('/admin/utilisateurs')
      .actingAs(admin)
      .withCsrfToken()
      .form({
        fullName: 'Double',
        email: admin.email.toUpperCase(),
        roles: 'hr',
        password: 'assez long pour passer',
      })
      .redirects(0)
    const duplicateErrors = duplicate.flashMessages().inputErrorsBag as Record<string, string[]>
    assert.deepEqual(duplicateErrors.email, ['Cette adresse e-mail est déjà utilisée.'])
    assert.deepEqual(await tableCounts(['users', 'audit_events']), before)
  })

  test('deactivating a user ends their sessions; an admin cannot deactivate themself', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const admin = await makeUser(organisation, ['admin'])
    const target = await makeUser(organisation, ['finance'])
    await client
      .post(`/admin/utilisateurs/${target.id}/desactivation`)
      .actingAs(admin)
      .withCsrfToken()
    const after = await inspecting(() => User.findOrFail(target.id))
    assert.isFalse(after.isActive)
    assert.equal(after.sessionVersion, 2)
    const own = await client
      .post(`/admin/utilisateurs/${admin.id}/desactivation`)
      .actingAs(admin)
      .withCsrfToken()
      .redirects(0)
    own.assertFlashMessage('error', 'Vous ne pouvez pas désactiver votre propre compte.')
    await client
      .delete(`/admin/utilisateurs/${target.id}/desactivation`)
      .actingAs(admin)
      .withCsrfToken()
    assert.isTrue((await inspecting(() => User.findOrFail(target.id))).isActive)
  })

  test('changing one’s password keeps this session and ends the others', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const user = await makeUser(organisation, ['quality'])
    const response = await client
      .put('/compte/mot-de-passe')
      .actingAs(user)
      .withCsrfToken()
      .form({
        currentPassword: 'correct horse battery staple',
        password: 'une toute nouvelle phrase',
        passwordConfirmation: 'une toute nouvelle phrase',
      })
      .redirects(0)
    response.assertHeader('location', '/')
    const after = await inspecting(() => User.findOrFail(user.id))
    assert.equal(after.sessionVersion, 2)
    const other = await client.get('/').actingAs(user).redirects(0)
    other.assertHeader('location', '/login')
  })
})
