import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import StaticMiddleware from '@adonisjs/static/static_middleware'

/**
 * The files of `public/` (the built assets) served by @adonisjs/static, which otherwise asks the
 * disk (`stat`) for every request, pages included, before letting it through (ADR 12). `public/`
 * holds files with an extension only, so a path whose last segment has none is never one of them.
 */
@inject()
export default class PublicFilesMiddleware {
  constructor(private files: StaticMiddleware) {}

  handle(ctx: HttpContext, next: NextFn) {
    const path = ctx.request.url()
    if (!path.includes('.', path.lastIndexOf('/'))) return next()
    return this.files.handle(ctx, next)
  }
}
