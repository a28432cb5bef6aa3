import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import Membership, { resolveMembership, type MembershipChoice } from '#models/core/membership'
import { acrossTenants, actingAs, type Tenant } from '#support/request_context'
import { membershipsReadWith } from '#http/session_user_provider'
import { alertCountReadWith } from '#http/alert_counter'

declare module '@adonisjs/core/http' {
  interface HttpContext {
    /** The organisation and user the request acts for; undefined for anonymous visitors. */
    tenant?: Tenant
    /**
     * Why a logged-in user acts for no organisation (deactivated, removed everywhere): the auth
     * middleware ends the session with this French message.
     */
    organisationRefusal?: string
  }
}

/** The session key of the organisation a person chose to act for (ADR 9). */
export const ACTIVE_ORGANISATION = 'active_organisation_id'

/**
 * Resolves the tenant of a request. The session's user is looked up across organisations (the
 * one legitimate cross-tenant lookup of a request), then the organisation it acts for: the one
 * chosen in the session if the user is still an active member of it and it is still active,
 * else their home organisation, else another one they belong to (ADR 9). The rest of the
 * request runs as that organisation, with the roles of that membership. Anonymous requests run
 * without a tenant: scoped models refuse them.
 */
export default class TenantMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    await acrossTenants('session user', () => ctx.auth.check())
    const user = ctx.auth.user
    if (!user) return next()

    const chosen = Number(ctx.session.get(ACTIVE_ORGANISATION)) || null
    const choices = membershipsReadWith(user) ?? (await Membership.choicesOf(user))
    const resolved = resolveMembership(choices, chosen)
    if ('refusal' in resolved) {
      ctx.organisationRefusal = resolved.refusal
      return next()
    }
    const { membership, usable, fellBackFrom } = resolved
    if (fellBackFrom !== null) {
      ctx.session.forget(ACTIVE_ORGANISATION)
      ctx.session.flash(
        'warning',
        `Vous n’avez plus accès à « ${fellBackFrom} » : vous agissez maintenant pour « ${membership.organisationName} ».`
      )
    }
    user.acting = { organisationId: membership.organisationId, roles: membership.roles }
    ctx.tenant = {
      organisationId: membership.organisationId,
      userId: user.id,
      label: user.email,
      requestId: ctx.request.id(),
      ip: ctx.request.ip(),
      roles: membership.roles,
    }
    if (membership.openAlerts !== undefined) alertCountReadWith(ctx.tenant, membership.openAlerts)
    if ('view' in ctx) shareOrganisations(ctx, membership, usable)
    return actingAs(ctx.tenant, () => next())
  }
}

/** The layout's organisation menu: the current one, and the others when there are several. */
function shareOrganisations(
  ctx: HttpContext,
  current: MembershipChoice,
  usable: MembershipChoice[]
) {
  ctx.view.share({
    // Also the letterhead of printed pages: read with the memberships, no query while rendering.
    currentOrganisation: {
      id: current.organisationId,
      name: current.organisationName,
      address: current.address,
      logoVersion: current.logoVersion,
    },
    organisationChoices:
      usable.length > 1
        ? usable.map((choice) => ({ id: choice.organisationId, name: choice.organisationName }))
        : [],
  })
}
