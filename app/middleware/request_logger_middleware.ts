import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/** One structured line per request: id, user, method, path, status, duration. */
export default class RequestLoggerMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const started = process.hrtime.bigint()
    try {
      await next()
    } finally {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6
      ctx.logger.info(
        {
          userId: ctx.auth?.user?.id ?? null,
          method: ctx.request.method(),
          path: ctx.request.url(),
          status: ctx.response.getStatus(),
          durationMs: Math.round(durationMs * 10) / 10,
        },
        'request'
      )
    }
  }
}
