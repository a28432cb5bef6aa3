import type { HttpContext } from '@adonisjs/core/http'
import { ApiOrganisation } from '#reports/core/access_tokens'
import { ROLE_MATRIX, type Permission } from '#policies/role_matrix'
import { userMay } from '#policies/domain_policy'

/** GET /api/v1/moi: who the token acts as, for which organisation, with which permissions. */
export default class ApiMeController {
  async show({ auth, tenant }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const token = user.currentAccessToken
    const permissions = (Object.keys(ROLE_MATRIX) as Permission[]).filter((permission) =>
      userMay(user, permission)
    )
    return {
      organisation: await new ApiOrganisation(tenant!, {}).build(),
      user: { id: user.id, full_name: user.fullName, email: user.email },
      roles: user.actingRoles,
      permissions,
      token: {
        id: Number(token.identifier),
        name: token.name,
        created_at: token.createdAt.toISOString(),
        expires_at: token.expiresAt?.toISOString() ?? null,
      },
    }
  }
}
