import type { ApplicationService } from '@adonisjs/core/types'
import { Settings } from 'luxon'
import env from '#start/env'
import { connectDatabase, stopDatabaseServer } from '#support/database_server'

export default class SocleProvider {
  constructor(protected app: ApplicationService) {}

  async boot() {
    Settings.defaultZone = 'Europe/Paris'
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
    if (this.app.getEnvironment() !== 'web' || this.app.inProduction) return
    const { printWelcome } = await import('#support/welcome')
    await printWelcome()
  }

  /** After every request drained: close the pool, then stop the cluster this process started. */
  async shutdown() {
    const db = await this.app.container.make('lucid.db')
    await db.manager.closeAll()
    await stopDatabaseServer()
  }
}
