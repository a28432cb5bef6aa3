import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { acrossTenants, actingAs, type Tenant } from '#support/request_context'

declare module '@adonisjs/core/http' {
  interface HttpContext {
    /** The organisation and user the request acts for; undefined for anonymous visitors. */
    tenant?: Tenant
  }
}

/**
 * Resolves the tenant of a request: the session's user is looked up across organisations (the
 * one legitimate cross-tenant lookup of a request), then the rest of the request runs as that
 * user's organisation. Anonymous requests run without a tenant: scoped models refuse them.
 */
export default class TenantMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    await acrossTenants('session user', () => ctx.auth.check())
    const user = ctx.auth.user
    if (!user) return next()
    ctx.tenant = {
      organisationId: user.organisationId,
      userId: user.id,
      label: user.email,
      requestId: ctx.request.id(),
      ip: ctx.request.ip(),
    }
    return actingAs(ctx.tenant, () => next())
  }
}
