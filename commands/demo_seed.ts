import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

export default class DemoSeed extends BaseCommand {
  static commandName = 'demo:seed'
  static description =
    "Crée l'organisation de démonstration (rapport 2023) et un utilisateur par rôle"
  static options: CommandOptions = { startApp: true }

  @flags.boolean({ description: 'Ne rien faire si la démonstration existe déjà' })
  declare ifEmpty: boolean

  async run() {
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
