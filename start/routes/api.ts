import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { guard } from '#start/routes/guard'
import type { Permission } from '#policies/role_matrix'

const AccessTokens = () => import('#controllers/core/access_tokens_controller')
const OpenApi = () => import('#controllers/api/openapi_controller')
const Me = () => import('#controllers/api/me_controller')
const FiscalYears = () => import('#controllers/api/fiscal_years_controller')
const Statements = () => import('#controllers/api/statements_controller')
const TrialBalance = () => import('#controllers/api/trial_balance_controller')
const KeyFigures = () => import('#controllers/api/key_figures_controller')
const Grants = () => import('#controllers/api/grants_controller')
const Reconciliation = () => import('#controllers/api/reconciliation_controller')

// Personal access tokens, on the user's account page (a session, as every page).
router
  .group(() => {
    router.get('/', [AccessTokens, 'index']).as('index')
    router.post('/', [AccessTokens, 'store']).as('store')
    router
      .delete('/:id', [AccessTokens, 'destroy'])
      .as('destroy')
      .where('id', router.matchers.number())
  })
  .prefix('/compte/jetons')
  .as('access_tokens')
  .use(guard('dashboard.view'))

/**
 * A route of the JSON API: a personal access token (never the session cookie), then the
 * permission of the role matrix, like `guard()` for pages. Read-only: GET only, so no CSRF.
 */
function apiGuard(permission: Permission) {
  return [middleware.apiToken(), middleware.permit({ permission })]
}

// The JSON API, read-only (docs: GET /api/v1/openapi.json, app/http/api/openapi.ts).
router
  .group(() => {
    // Public: the description of the routes, nothing of any organisation.
    router.get('/openapi.json', [OpenApi, 'show']).as('openapi')
    router.get('/moi', [Me, 'show']).as('me').use(apiGuard('dashboard.view'))
    router
      .get('/exercices', [FiscalYears, 'index'])
      .as('fiscal_years')
      .use(apiGuard('accounting.read'))
    router
      .get('/compte-de-resultat', [Statements, 'income'])
      .as('income_statement')
      .use(apiGuard('accounting.read'))
    router
      .get('/bilan', [Statements, 'balance'])
      .as('balance_sheet')
      .use(apiGuard('accounting.read'))
    router
      .get('/balance-generale', [TrialBalance, 'show'])
      .as('trial_balance')
      .use(apiGuard('accounting.read'))
    router
      .get('/chiffres-cles', [KeyFigures, 'show'])
      .as('key_figures')
      .use(apiGuard('activity.read'))
    router.get('/financements', [Grants, 'show']).as('grants').use(apiGuard('grants.read'))
    router
      .get('/rapprochements', [Reconciliation, 'show'])
      .as('reconciliation')
      .use(apiGuard('reconciliation.read'))
  })
  .prefix('/api/v1')
  .as('api.v1')
