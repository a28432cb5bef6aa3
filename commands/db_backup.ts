import { BaseCommand, args } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

export default class DbBackup extends BaseCommand {
  static commandName = 'db:backup'
  static description = 'Sauvegarde cohérente de toute la base dans un fichier .jsonl.gz'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Fichier de sortie', required: false })
  declare output?: string

  async run() {
    const { backupDatabase } = await import('#actions/core/backup')
    const path = this.output ?? `socle-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl.gz`
    const counts = await backupDatabase(path)
    const rows = Object.values(counts).reduce((sum, n) => sum + n, 0)
    this.logger.success(
      `Sauvegarde écrite dans ${path} : ${Object.keys(counts).length} tables, ${rows} lignes`
    )
  }
}
