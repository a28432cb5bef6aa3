import { errors } from '@adonisjs/bouncer'
import { NotFoundError } from '#support/domain_errors'
import app from '@adonisjs/core/services/app'
import { type HttpContext, ExceptionHandler } from '@adonisjs/core/http'
import type { StatusPageRange, StatusPageRenderer } from '@adonisjs/core/types/http'

export default class HttpExceptionHandler extends ExceptionHandler {
  protected debug = app.inDev

  protected renderStatusPages = !app.inDev

  protected statusPages: Record<StatusPageRange, StatusPageRenderer> = {
    '403': (_, { view }) => view.render('pages/errors/forbidden'),
    '404': (_, { view }) => view.render('pages/errors/not_found'),
    '500..599': (_, { view }) => view.render('pages/errors/server_error'),
  }

  async handle(error: unknown, ctx: HttpContext) {
    // A refused action is a 403 page, for forms too (Bouncer would redirect back with a flash).
    if (error instanceof errors.E_AUTHORIZATION_FAILURE) {
      ctx.response.status(403)
      return ctx.request.accepts(['html', 'json']) === 'json'
        ? ctx.response.send({ error: 'Accès refusé' })
        : ctx.response.send(await ctx.view.render('pages/errors/forbidden'))
    }
    if (error instanceof NotFoundError) {
      ctx.response.status(404)
      return ctx.response.send(
        await ctx.view.render('pages/errors/not_found', { message: error.message })
      )
    }
    return super.handle(error, ctx)
  }

  async report(error: unknown, ctx: HttpContext) {
    return super.report(error, ctx)
  }
}
