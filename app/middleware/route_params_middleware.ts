import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { NotFoundError } from '#support/domain_errors'

/** A positive int4 (PostgreSQL `integer`) written without sign, zero padding or exponent. */
const INT4_ID =
  /^(?:[1-9]\d{0,8}|1\d{9}|20\d{8}|21[0-3]\d{7}|214[0-6]\d{6}|2147[0-3]\d{5}|21474[0-7]\d{4}|214748[0-2]\d{3}|2147483[0-5]\d{2}|21474836[0-3]\d|214748364[0-7])$/

/** Codes, keys and kinds in URLs are short identifiers. */
const IDENTIFIER = /^[\w.-]{1,64}$/

/**
 * Route parameters are checked before anything reads them: an id that is not a positive int4
 * (`abc`, `-1`, `1e3`, above 2^31 - 1) or a code that is not a short identifier is the French
 * 404 page, never a query. Runs first among the router middleware, for every route.
 */
export default class RouteParamsMiddleware {
  handle(ctx: HttpContext, next: NextFn) {
    for (const [name, value] of Object.entries(ctx.params ?? {})) {
      const text = String(value)
      const valid =
        name === 'id' || name.endsWith('Id') ? INT4_ID.test(text) : IDENTIFIER.test(text)
      if (!valid) throw new NotFoundError()
    }
    return next()
  }
}
