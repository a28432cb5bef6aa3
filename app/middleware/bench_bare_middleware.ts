import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import env from '#start/env'

const ENABLED = env.get('SOCLE_BENCH_BARE') === true

/**
 * The page benchmark's baseline (bench/pages.bench.ts): `GET /bench/bare` answered by the HTTP
 * server after the request log and the security headers, before the router, so with no session,
 * no database and no view. Only when SOCLE_BENCH_BARE=1; otherwise the URL is an unknown page.
 */
export default class BenchBareMiddleware {
  handle(ctx: HttpContext, next: NextFn) {
    if (ENABLED && ctx.request.url() === '/bench/bare' && ctx.request.method() === 'GET') {
      ctx.response.send('ok')
      return
    }
    return next()
  }
}
