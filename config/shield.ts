import env from '#start/env'
import { defineConfig } from '@adonisjs/shield'

/**
 * The Content-Security-Policy. Assets are built by `vite build` into public/assets and served
 * as files (the Vite provider and dev server are not used), so there is no Vite keyword
 * (`@viteDevUrl`, `@viteHmrUrl`): nothing would resolve it and it would reach the header as is.
 */
export const CSP_DIRECTIVES = {
  defaultSrc: [`'self'`],
  scriptSrc: [`'self'`],
  styleSrc: [`'self'`, `'unsafe-inline'`],
  imgSrc: [`'self'`, 'data:'],
  connectSrc: [`'self'`],
  objectSrc: [`'none'`],
  frameAncestors: [`'none'`],
  formAction: [`'self'`],
  baseUri: [`'self'`],
}

/**
 * Headers Shield does not set, sent on every response (app/middleware/security_headers_middleware.ts),
 * static files and unknown URLs included.
 */
export const EXTRA_SECURITY_HEADERS: Record<string, string> = {
  'Referrer-Policy': 'same-origin',
  'Permissions-Policy': [
    'accelerometer=()',
    'autoplay=()',
    'camera=()',
    'display-capture=()',
    'encrypted-media=()',
    'fullscreen=(self)',
    'geolocation=()',
    'gyroscope=()',
    'magnetometer=()',
    'microphone=()',
    'midi=()',
    'payment=()',
    'usb=()',
    'xr-spatial-tracking=()',
    'browsing-topics=()',
    'interest-cohort=()',
  ].join(', '),
  'Cross-Origin-Opener-Policy': 'same-origin',
}

/** The CSP header value, for the responses that do not go through Shield (unknown URLs). */
export function cspHeaderValue(directives: Record<string, string[]> = CSP_DIRECTIVES) {
  return Object.entries(directives)
    .map(([name, values]) => {
      const kebab = name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)
      return [kebab, ...values].join(' ')
    })
    .join('; ')
}

/** Shield's configuration for an environment; HSTS only in production (served over HTTPS). */
export function shieldConfigFor(nodeEnv: string) {
  return defineConfig({
    csp: {
      enabled: true,
      // Shield resolves keywords in place: give it copies, not the shared arrays.
      directives: Object.fromEntries(
        Object.entries(CSP_DIRECTIVES).map(([name, values]) => [name, [...values]])
      ),
      reportOnly: false,
    },
    csrf: {
      enabled: true,
      // Upload routes check the token themselves, after auth and before any file is written:
      // the multipart body (and its `_csrf` field) is not parsed yet here (upload_middleware.ts).
      exceptRoutes: (ctx) =>
        [...(ctx.route?.middleware.all() ?? [])].some(
          (handler) => (handler as { name?: string }).name === 'upload'
        ),
      enableXsrfCookie: false,
      methods: ['POST', 'PUT', 'PATCH', 'DELETE'],
    },
    xFrame: { enabled: true, action: 'DENY' },
    hsts: { enabled: nodeEnv === 'production', maxAge: '180 days' },
    contentTypeSniffing: { enabled: true },
  })
}

const shieldConfig = shieldConfigFor(env.get('NODE_ENV'))

export default shieldConfig
