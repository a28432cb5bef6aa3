import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

export default class DemoSeed extends BaseCommand {
  static commandName = 'demo:seed'
  static description =
    "Crée l'organisation de démonstration (rapport 2023) et un utilisateur par rôle"
  static options: CommandOptions = { startApp: true }

  @flags.boolean({
    description:
      'Ne rien faire si la démonstration existe déjà, ni si SOCLE_DEMO=0 (ce que lance npm start)',
  })
  declare ifEmpty: boolean

  async run() {
    const { default: env } = await import('#start/env')
    // `npm start` runs `demo:seed --if-empty`: SOCLE_DEMO=0 starts an empty instance instead.
    if (this.ifEmpty && env.get('SOCLE_DEMO') === false) {
      this.logger.info(
        'SOCLE_DEMO=0 : pas d’organisation de démonstration. Sans organisation, la première page du serveur est le formulaire d’installation (jeton affiché dans le journal au démarrage).'
      )
      return
    }
    const { demoExists, seedDemo } = await import('#database/seeders/demo')
    if (await demoExists()) {
      if (this.ifEmpty) {
        this.logger.info('Données de démonstration déjà présentes.')
        return
      }
      this.logger.error("L'organisation de démonstration existe déjà.")
      this.exitCode = 1
      return
    }
    const started = Date.now()
    await seedDemo((message) => this.logger.info(message))
    this.logger.success(`Démonstration créée en ${((Date.now() - started) / 1000).toFixed(1)} s`)
  }
}
