import { middleware } from '#start/kernel'
import type { Permission } from '#policies/role_matrix'

/** Login plus the permission of the role matrix that the route needs. */
export function guard(permission: Permission) {
  return [middleware.auth(), middleware.permit({ permission })]
}
