import { configProvider } from '@adonisjs/core'
import { defineConfig } from '@adonisjs/auth'
import { sessionGuard } from '@adonisjs/auth/session'
import { tokensGuard } from '@adonisjs/auth/access_tokens'
import type { InferAuthenticators, InferAuthEvents, Authenticators } from '@adonisjs/auth/types'

const authConfig = defineConfig({
  default: 'web',
  guards: {
    web: sessionGuard({
      useRememberMeTokens: false,
      // The user and their memberships in one query (#http/session_user_provider, ADR 12).
      provider: configProvider.create(async () => {
        const { SessionUserProvider } = await import('#http/session_user_provider')
        return new SessionUserProvider({ model: () => import('#models/core/user') })
      }),
    }),
    // The JSON API (/api/v1): personal access tokens only, never the session cookie. The
    // api_token middleware checks the token's organisation and roles and sets the tenant.
    api: tokensGuard({
      provider: configProvider.create(async () => {
        const { ApiTokenUserProvider } = await import('#models/core/access_token_provider')
        return new ApiTokenUserProvider()
      }),
    }),
  },
})

export default authConfig

declare module '@adonisjs/auth/types' {
  export interface Authenticators extends InferAuthenticators<typeof authConfig> {}
}
declare module '@adonisjs/core/types' {
  interface EventsList extends InferAuthEvents<Authenticators> {}
}
