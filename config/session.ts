import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, stores } from '@adonisjs/session'
import { sessionTable } from '#http/session_store'

/**
 * Sessions live in PostgreSQL (table `sessions`) so they can be revoked. `age` is the idle
 * timeout (every request extends it); the absolute timeout is enforced by the
 * session_guard middleware.
 */
/** The session cookie's name (also read by #http/session_cookie_signatures' set-up). */
export const SESSION_COOKIE_NAME = 'socle-session'

const sessionConfig = defineConfig({
  enabled: true,
  cookieName: SESSION_COOKIE_NAME,
  clearWithBrowser: true,
  age: '1h',
  cookie: {
    path: '/',
    httpOnly: true,
    secure: app.inProduction,
    sameSite: 'lax',
  },
  store: env.get('SESSION_DRIVER'),
  stores: {
    cookie: stores.cookie(),
    // The framework's database store, writing the row's expiry at most once a minute.
    database: sessionTable(),
  },
})

export default sessionConfig
