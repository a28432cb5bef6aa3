import app from '@adonisjs/core/services/app'
import { defineConfig, drivers } from '@adonisjs/core/hash'

/**
 * argon2id with OWASP's parameters (19 MiB, 2 passes). Tests use 1 MiB so that
 * hundreds of logins stay fast; `needsReHash` upgrades a hash at the next login whenever
 * these parameters change.
 */
const hashConfig = defineConfig({
  default: 'argon',
  list: {
    argon: drivers.argon2({
      variant: 'id',
      iterations: 2,
      memory: app.inTest ? 1024 : 19456,
      parallelism: 1,
      saltSize: 16,
      hashLength: 32,
    }),
  },
})

export default hashConfig

declare module '@adonisjs/core/types' {
  export interface HashersList extends InferHashers<typeof hashConfig> {}
}
