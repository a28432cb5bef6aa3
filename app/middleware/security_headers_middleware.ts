import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { EXTRA_SECURITY_HEADERS, cspHeaderValue } from '#config/shield'

const CSP = cspHeaderValue()

/**
 * Security headers on every response. Shield (a router middleware) sets CSP, X-Frame-Options,
 * nosniff and HSTS on matched routes only; this server middleware adds Referrer-Policy and
 * Permissions-Policy everywhere, and the same CSP, frame and nosniff headers on the responses
 * Shield never saw (unknown URLs, static files).
 */
export default class SecurityHeadersMiddleware {
  async handle({ response }: HttpContext, next: NextFn) {
    for (const [name, value] of Object.entries(EXTRA_SECURITY_HEADERS)) {
      response.header(name, value)
    }
    await next()
    response.safeHeader('Content-Security-Policy', CSP)
    response.safeHeader('X-Frame-Options', 'DENY')
    response.safeHeader('X-Content-Type-Options', 'nosniff')
  }
}
