import { middleware } from '#start/kernel'
import type { Permission } from '#policies/role_matrix'

/** Login plus the permission of the role matrix that the route needs. */
export function guard(permission: Permission) {
  return [middleware.auth(), middleware.permit({ permission })]
}

/**
 * Cap of an upload route, unless the route declares its own (the FEC import). An upload route
 * carries `middleware.upload(...)` after its guard: nothing else parses a multipart body.
 */
export const UPLOAD_MAX_BYTES = 20 * 1024 * 1024
