import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import PermissionPolicy from '#policies/core/permission_policy'
import type { Permission } from '#policies/role_matrix'

/** Every authenticated route declares the permission it needs (see start/routes/*.ts). */
export default class PermitMiddleware {
  async handle(ctx: HttpContext, next: NextFn, options: { permission: Permission }) {
    await ctx.bouncer.with(PermissionPolicy).authorize('perform', options.permission)
    return next()
  }
}
