import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/core/http'
import proxyAddr from 'proxy-addr'

export const appUrl = env.get('APP_URL')

const trustedProxies = env.get('TRUSTED_PROXIES')

export const http = defineConfig({
  generateRequestId: true,
  allowMethodSpoofing: true,
  // The audit log and organisation scoping read the current user from the async context.
  useAsyncLocalStorage: true,
  trustProxy: trustedProxies ? proxyAddr.compile(trustedProxies.split(',')) : () => false,
  cookie: {
    domain: '',
    path: '/',
    maxAge: '2h',
    httpOnly: true,
    secure: app.inProduction,
    sameSite: 'lax',
  },
})
