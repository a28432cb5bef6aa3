import { errors as bouncerErrors } from '@adonisjs/bouncer'
import { DomainError, translateDatabaseError } from '#support/domain_errors'
import env from '#start/env'
import { isApiRequest, renderApiError } from '#http/api/errors'
import { type HttpContext, ExceptionHandler } from '@adonisjs/core/http'
import type { StatusPageRange, StatusPageRenderer } from '@adonisjs/core/types/http'

/** Framework errors a user can meet, in French. */
const FRAMEWORK_MESSAGES: Record<string, { status: number; message: string }> = {
  E_BAD_CSRF_TOKEN: {
    status: 403,
    message: 'Votre formulaire a expiré : rechargez la page puis recommencez.',
  },
  E_REQUEST_ENTITY_TOO_LARGE: {
    status: 413,
    message: 'Le fichier ou le formulaire envoyé est trop volumineux.',
  },
  E_ROUTE_NOT_FOUND: { status: 404, message: 'Cette page n’existe pas.' },
  E_ROW_NOT_FOUND: { status: 404, message: 'Cette fiche n’existe pas.' },
  E_HTTP_REQUEST_ABORTED: { status: 400, message: 'Requête interrompue.' },
  E_TOO_MANY_REQUESTS: {
    status: 429,
    message: 'Trop de requêtes en peu de temps : patientez un instant puis recommencez.',
  },
  E_CANNOT_LOOKUP_ROUTE: { status: 404, message: 'Cette page n’existe pas.' },
}

const STATUS_FOR_KIND = { rule: 422, not_found: 404, conflict: 409 } as const

/**
 * The one place where refusals become responses (docs/adr/0007-refusal-path.md):
 * - domain errors and the database's own refusals: the form comes back (303) with the French
 *   message and the user's input; JSON clients get the status and the message;
 * - 403, 404 and 500 are French status pages with the request id; the framework's debug page
 *   (stack, SQL, headers) exists only under `npm run dev` (SOCLE_DEBUG_PAGES=1).
 */
export default class HttpExceptionHandler extends ExceptionHandler {
  protected debug = env.get('NODE_ENV') === 'development' && process.env.SOCLE_DEBUG_PAGES === '1'

  protected renderStatusPages = !this.debug

  protected statusPages: Record<StatusPageRange, StatusPageRenderer> = {
    '403': (_, { view }) => view.render('pages/errors/forbidden'),
    '404': (_, { view }) => view.render('pages/errors/not_found'),
    '400..499': (error, { view }) =>
      view.render('pages/errors/client_error', { message: messageOf(error) }),
    '500..599': (_, { view }) => view.render('pages/errors/server_error'),
  }

  async handle(error: unknown, ctx: HttpContext) {
    // The JSON API (/api/v1) always answers JSON: no page, redirect or flash.
    if (isApiRequest(ctx)) return renderApiError(error, ctx, FRAMEWORK_MESSAGES)
    if (error instanceof bouncerErrors.E_AUTHORIZATION_FAILURE) {
      return this.#page(ctx, 403, 'pages/errors/forbidden', 'Accès refusé')
    }
    const refusal = translateDatabaseError(error)
    if (refusal instanceof DomainError) return this.#refuse(refusal, ctx)

    const code = (error as { code?: string })?.code
    const known = code ? FRAMEWORK_MESSAGES[code] : undefined
    if (known && code === 'E_BAD_CSRF_TOKEN') {
      return this.#back(ctx, known.message)
    }
    if (known && known.status === 404) {
      return this.#page(ctx, 404, 'pages/errors/not_found', known.message)
    }
    if (known && this.#wantsHtmlForm(ctx) && known.status !== 429) {
      return this.#back(ctx, known.message)
    }
    if (known) {
      return this.#page(ctx, known.status, 'pages/errors/client_error', known.message)
    }
    return super.handle(error, ctx)
  }

  async report(error: unknown, ctx: HttpContext) {
    if (translateDatabaseError(error) instanceof DomainError) return
    return super.report(error, ctx)
  }

  async #refuse(error: DomainError, ctx: HttpContext) {
    if (error.kind === 'not_found') {
      return this.#page(ctx, 404, 'pages/errors/not_found', error.message)
    }
    if (!this.#wantsHtmlForm(ctx)) {
      const status = STATUS_FOR_KIND[error.kind]
      if (this.#wantsJson(ctx)) {
        return ctx.response.status(status).send({ error: error.message, field: error.field })
      }
      return this.#page(ctx, status, 'pages/errors/client_error', error.message)
    }
    return this.#back(ctx, error.message, error.field)
  }

  /** The form comes back with its input and the French message (303: browsers follow it). */
  #back(ctx: HttpContext, message: string, field?: string) {
    if (this.#wantsJson(ctx)) {
      return ctx.response.status(422).send({ error: message, field })
    }
    // Never keep a password in the session: every field whose name says so is left out.
    const secret = Object.keys(ctx.request.all()).filter((name) => /password|passe/i.test(name))
    ctx.session?.flashExcept(['_csrf', '_method', ...secret])
    ctx.session?.flash('error', message)
    if (field) ctx.session?.flash('inputErrorsBag', { [field]: [message] })
    return ctx.response.redirect().status(303).back()
  }

  async #page(ctx: HttpContext, status: number, template: string, message: string) {
    ctx.response.status(status)
    if (this.#wantsJson(ctx)) return ctx.response.send({ error: message })
    return ctx.response.send(await ctx.view.render(template, { message }))
  }

  #wantsJson(ctx: HttpContext) {
    return ctx.request.accepts(['html', 'json']) === 'json'
  }

  /** A browser submitting a form (not a page load): the refusal goes back to the form. */
  #wantsHtmlForm(ctx: HttpContext) {
    return ctx.request.method() !== 'GET' && ctx.request.method() !== 'HEAD' && !!ctx.session
  }
}

function messageOf(error: unknown) {
  const code = (error as { code?: string })?.code
  return (code && FRAMEWORK_MESSAGES[code]?.message) || 'Requête refusée.'
}
