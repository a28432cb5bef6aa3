import { assert } from '@japa/assert'
import { apiClient, ApiRequest } from '@japa/api-client'
import app from '@adonisjs/core/services/app'
import type { Config } from '@japa/runner/types'
import { pluginAdonisJS } from '@japa/plugin-adonisjs'
import testUtils from '@adonisjs/core/services/test_utils'
import { browserClient } from '@japa/browser-client'
import { chromium } from 'playwright'
import { sessionApiClient } from '@adonisjs/session/plugins/api_client'
import { authApiClient } from '@adonisjs/auth/plugins/api_client'
import { shieldApiClient } from '@adonisjs/shield/plugins/api_client'
import { sessionBrowserClient } from '@adonisjs/session/plugins/browser_client'
import { authBrowserClient } from '@adonisjs/auth/plugins/browser_client'
import {
  COVERAGE_GROUP,
  runCoverageLast,
  writeRouteCoverage,
} from '#tests/support/write_route_coverage'

/** Debian's Chromium; Playwright downloads no browser here. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export const plugins: Config['plugins'] = [
  assert(),
  apiClient(),
  pluginAdonisJS(app),
  sessionApiClient(app),
  shieldApiClient(),
  authApiClient(app),
  browserClient({
    runInSuites: ['browser'],
    launcher: (options) =>
      chromium.launch({
        ...options,
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      }),
  }),
  sessionBrowserClient(app),
  authBrowserClient(app),
  // Records the route and outcome of every HTTP request (tests/support/write_route_coverage.ts).
  writeRouteCoverage(),
]

/** Every suite runs against a throwaway database (see app/support/database_server.ts). */
export const runnerHooks: Required<Pick<Config, 'setup' | 'teardown'>> = {
  setup: [
    () => testUtils.db().migrate(),
    // The shared demo organisation is seeded once, before any test, so that no test's timeout
    // pays for the seed (about 15 s, more on a loaded machine).
    async () => {
      const { demoOrganisation } = await import('#tests/helpers')
      await demoOrganisation()
    },
  ],
  teardown: [],
}

export const configureSuite: Config['configureSuite'] = (suite) => {
  if (suite.name === 'functional') {
    // The write-route coverage check runs after every other functional test.
    suite.setup(() => runCoverageLast(suite, COVERAGE_GROUP))
  }
  if (['browser', 'functional'].includes(suite.name)) {
    return suite.setup(() => testUtils.httpServer().start())
  }
}

declare module '@japa/api-client' {
  interface ApiRequest {
    /** Logged in as `user`, with the session stamps the auth middleware checks. */
    actingAs(user: import('#models/core/user').default): this
  }
}

ApiRequest.macro('actingAs', function (this: ApiRequest, user) {
  return this.loginAs(user).withSession({
    auth_session_version: user.sessionVersion ?? 1,
    auth_logged_in_at: Date.now(),
  })
})

// Excel downloads arrive as a Buffer in `response.body()` (see readWorkbook in tests/helpers).
ApiRequest.addParser(
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  (response, callback) => {
    const chunks: Buffer[] = []
    response.on('data', (chunk: Buffer) => chunks.push(chunk))
    response.on('end', () => callback(null, Buffer.concat(chunks)))
  }
)
