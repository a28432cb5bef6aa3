import { Bouncer } from '@adonisjs/bouncer'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type { Permission } from '#policies/role_matrix'
import { userMay } from '#policies/domain_policy'

export default class InitializeBouncerMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    ctx.bouncer = new Bouncer(() => ctx.auth.user || null).setContainerResolver(
      ctx.containerResolver
    )
    if ('view' in ctx) {
      // Navigation and buttons show only what the user may do; the routes enforce it.
      ctx.view.share({
        can: (permission: Permission) => userMay(ctx.auth.user, permission),
      })
    }
    return next()
  }
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    bouncer: Bouncer<Exclude<HttpContext['auth']['user'], undefined>>
  }
}
