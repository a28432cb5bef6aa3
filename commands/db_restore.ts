import { BaseCommand, args } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

export default class DbRestore extends BaseCommand {
  static commandName = 'db:restore'
  static description = 'Restaure une sauvegarde dans une base migrée et vide'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Fichier de sauvegarde (.jsonl.gz)' })
  declare input: string

  async run() {
    const { restoreDatabase, RestoreError } = await import('#actions/core/backup')
    try {
      const counts = await restoreDatabase(this.input)
      const rows = Object.values(counts).reduce((sum, n) => sum + n, 0)
      this.logger.success(
        `Restauration terminée : ${Object.keys(counts).length} tables, ${rows} lignes`
      )
    } catch (error) {
      if (!(error instanceof RestoreError)) throw error
      this.logger.error(error.message)
      this.exitCode = 1
    }
  }
}
