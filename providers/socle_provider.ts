import type { ApplicationService } from '@adonisjs/core/types'
import { Settings } from 'luxon'
import ShieldMiddleware from '@adonisjs/shield/shield_middleware'
import type { ShieldConfig } from '@adonisjs/shield/types'
import env from '#start/env'
import { connectDatabase, stopDatabaseServer } from '#support/database_server'
import { useKeptOffsets } from '#support/paris_zone'
import { keepSessionCookieSignatures } from '#http/session_cookie_signatures'
import { SESSION_COOKIE_NAME } from '#config/session'

export default class SocleProvider {
  constructor(protected app: ApplicationService) {}

  /**
   * Shield's middleware holds only its configuration, yet the framework builds one per request,
   * normalising the CSP directives again each time (ADR 12): one instance, built as Shield does.
   */
  register() {
    this.app.container.singleton(ShieldMiddleware, async () => {
      const config = this.app.config.get<ShieldConfig>('shield', {})
      const encryption = (await this.app.container.make('encryption')).use()
      return new ShieldMiddleware(config, encryption, (await import('edge.js')).default)
    })
  }

  async boot() {
    const encryption = await this.app.container.make('encryption')
    keepSessionCookieSignatures(encryption.getMessageVerifier(), SESSION_COOKIE_NAME)
    useKeptOffsets()
    Settings.defaultLocale = 'fr'
    const logger = await this.app.container.make('logger')
    await connectDatabase({
      databaseUrl: env.get('DATABASE_URL'),
      dataDir: this.app.makePath('storage/postgres'),
      throwaway: this.app.inTest,
      log: (message) => logger.debug({ source: 'postgres' }, message),
    })
  }

  async ready() {
    if (this.app.getEnvironment() === 'web') {
      await this.#purgeUploadLeftovers()
      await this.#openSetup()
    }
    if (this.app.getEnvironment() !== 'web' || this.app.inProduction) return
    const { printWelcome } = await import('#support/welcome')
    await printWelcome()
  }

  /**
   * An instance without any organisation (started with SOCLE_DEMO=0): its first page is the
   * setup form, protected by a one-time token printed here, in the server log (any environment).
   */
  async #openSetup() {
    const logger = await this.app.container.make('logger')
    try {
      const { openSetupIfEmpty } = await import('#actions/core/set_up_instance')
      const { urlFor } = await import('@adonisjs/core/services/url_builder')
      const setupUrl = `${env.get('APP_URL').replace(/\/+$/, '')}${urlFor('setup.show')}`
      await openSetupIfEmpty(setupUrl, (message) => logger.warn(message))
    } catch (error) {
      logger.error({ err: error }, 'setup token not issued at start')
    }
  }

  /** Temporary upload files left by a crash, expired import previews and their stored copies. */
  async #purgeUploadLeftovers() {
    const { purgeExpiredPreviews } = await import('#imports/core/pipeline')
    const { sweepStaleUploads } = await import('#middleware/upload_middleware')
    await Promise.all([purgeExpiredPreviews(), sweepStaleUploads()]).catch(async (error) => {
      const logger = await this.app.container.make('logger')
      logger.error({ err: error }, 'upload leftovers not purged at start')
    })
  }

  /** After every request drained: close the pool, then stop the cluster this process started. */
  async shutdown() {
    const db = await this.app.container.make('lucid.db')
    await db.manager.closeAll()
    await stopDatabaseServer()
  }
}
