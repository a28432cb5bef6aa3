import type { HttpContext } from '@adonisjs/core/http'
import { accessTokenValidator } from '#validators/api'
import { AccessTokenList } from '#reports/core/access_tokens'
import CreateAccessToken from '#actions/core/create_access_token'
import RevokeAccessToken from '#actions/core/revoke_access_token'
import { ACCESS_TOKEN_LIFETIME_OPTIONS, ACCESS_TOKEN_STATES } from '#vocabulary/api'
import { ROLE_LABELS } from '#vocabulary/core'

const PAGE = 'pages/account/access_tokens'
const vocabulary = {
  lifetimeOptions: ACCESS_TOKEN_LIFETIME_OPTIONS,
  stateLabels: ACCESS_TOKEN_STATES,
  roleLabels: ROLE_LABELS,
  breadcrumbs: [{ label: 'Mes jetons d’accès à l’API' }],
}

/**
 * The account page's personal access tokens (/compte/jetons): list, create (for any
 * organisation the person may act for), revoke. A new token's value is shown once, in the
 * answer to its creation (201, never stored nor flashed).
 */
export default class AccessTokensController {
  async index({ view, tenant }: HttpContext) {
    const page = await new AccessTokenList(tenant!, {}).build()
    return view.render(PAGE, { ...vocabulary, ...page, created: null })
  }

  async store({ request, response, view, tenant }: HttpContext) {
    const input = await request.validateUsing(accessTokenValidator)
    const { row, token } = await CreateAccessToken.handle(tenant!, input)
    const page = await new AccessTokenList(tenant!, {}).build()
    response.status(201)
    return view.render(PAGE, {
      ...vocabulary,
      ...page,
      created: { id: row.id, name: row.name, value: token.value!.release() },
    })
  }

  async destroy({ params, response, session, tenant }: HttpContext) {
    const token = await RevokeAccessToken.handle(tenant!, { id: Number(params.id) })
    session.flash('success', `Jeton « ${token.name} » révoqué : ses prochains appels sont refusés.`)
    return response.redirect().toRoute('access_tokens.index')
  }
}
