import { test } from '@japa/runner'

test.group('Public files (#middleware/public_files_middleware)', () => {
  test('the built assets are served without a login', async ({ client, assert }) => {
    const css = await client.get('/assets/app.css')
    css.assertStatus(200)
    assert.match(css.header('content-type') ?? '', /text\/css/)
    const js = await client.get('/assets/app.js')
    js.assertStatus(200)
    assert.match(js.header('content-type') ?? '', /javascript/)
  })

  test('a missing file and a page path go on to the router', async ({ client }) => {
    const missing = await client.get('/assets/absent.css')
    missing.assertStatus(404)
    const page = await client.get('/financements/conventions').redirects(0)
    page.assertStatus(302)
    page.assertHeader('location', '/login')
  })
})
