import { middleware } from '#start/kernel'
import { guard } from '#start/routes/guard'
import { routeTable } from '#start/routes/table'
import type { Permission } from '#policies/role_matrix'

// Personal access tokens, on the user's account page (a session, as every page).
routeTable(
  {
    controllers: 'core',
    prefix: '/compte/jetons',
    as: 'access_tokens',
    use: guard('dashboard.view'),
  },
  `
  GET     /     index    access_tokens.index
  POST    /     store    access_tokens.store
  DELETE  /:id  destroy  access_tokens.destroy  #id
  `
)

/**
 * A route of the JSON API: a personal access token (never the session cookie), then the
 * permission of the role matrix, like `guard()` for pages. Read-only: GET only, so no CSRF.
 */
function apiGuard(permission: Permission) {
  return [middleware.apiToken(), middleware.permit({ permission })]
}

// The JSON API, read-only (docs: GET /api/v1/openapi.json, app/http/api/openapi.ts); its
// description (openapi) is public: the routes, nothing of any organisation.
routeTable(
  {
    controllers: 'api',
    prefix: '/api/v1',
    as: 'api.v1',
    permit: apiGuard,
  },
  `
  GET  /openapi.json        openapi           openapi.show
  GET  /moi                 me                me.show              @dashboard.view
  GET  /exercices           fiscal_years      fiscal_years.index   @accounting.read
  GET  /compte-de-resultat  income_statement  statements.income    @accounting.read
  GET  /bilan               balance_sheet     statements.balance   @accounting.read
  GET  /balance-generale    trial_balance     trial_balance.show   @accounting.read
  GET  /chiffres-cles       key_figures       key_figures.show     @activity.read
  GET  /financements        grants            grants.show          @grants.read
  GET  /rapprochements      reconciliation    reconciliation.show  @reconciliation.read
  `
)
