import router from '@adonisjs/core/services/router'
import server from '@adonisjs/core/services/server'

server.errorHandler(() => import('#exceptions/handler'))

server.use([
  () => import('#middleware/container_bindings_middleware'),
  () => import('#middleware/request_logger_middleware'),
  () => import('#middleware/security_headers_middleware'),
  () => import('#middleware/bench_bare_middleware'),
  () => import('#middleware/public_files_middleware'),
])

router.use([
  () => import('#middleware/route_params_middleware'),
  () => import('#middleware/unread_body_middleware'),
  () => import('@adonisjs/core/bodyparser_middleware'),
  () => import('@adonisjs/session/session_middleware'),
  () => import('@adonisjs/shield/shield_middleware'),
  () => import('@adonisjs/auth/initialize_auth_middleware'),
  () => import('#middleware/tenant_middleware'),
  () => import('#middleware/initialize_bouncer_middleware'),
])

export const middleware = router.named({
  guest: () => import('#middleware/guest_middleware'),
  auth: () => import('#middleware/auth_middleware'),
  permit: () => import('#middleware/permit_middleware'),
  upload: () => import('#middleware/upload_middleware'),
  // The JSON API (/api/v1): a personal access token, never the session (start/routes/api.ts).
  apiToken: () => import('#middleware/api_token_middleware'),
})
