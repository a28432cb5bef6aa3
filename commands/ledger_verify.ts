import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

export default class LedgerVerify extends BaseCommand {
  static commandName = 'ledger:verify'
  static description =
    'Recalcule la chaîne d’empreintes des écritures validées et signale la première écriture altérée'
  static options: CommandOptions = { startApp: true }

  @flags.number({ description: 'Organisation à vérifier (toutes par défaut)' })
  declare organisation: number | undefined

  async run() {
    const { default: db } = await import('@adonisjs/lucid/services/db')
    const { verifyChain } = await import('#actions/accounting/verify_chain')
    const { actingAs } = await import('#support/request_context')
    const ids = this.organisation
      ? [this.organisation]
      : (await db.from('organisations').select('id').orderBy('id')).map((row) => row.id as number)
    let broken = 0
    for (const id of ids) {
      const report = await actingAs(
        { organisationId: id, userId: null, label: 'ledger:verify' },
        () => verifyChain(id)
      )
      if (report.firstBreak) {
        broken++
        const at = report.firstBreak
        this.logger.error(
          `Organisation ${id} : chaîne rompue à l’écriture ${at.journalCode} n° ${at.number} du ${at.entryDate
            .split('-')
            .reverse()
            .join(
              '/'
            )} (id ${at.entryId}, position ${at.position}) : ${at.reason}. ${report.checked} écriture(s) intègre(s) avant elle.`
        )
      } else {
        this.logger.success(
          `Organisation ${id} : ${report.checked} écriture(s) validée(s), chaîne intègre.`
        )
      }
    }
    this.exitCode = broken > 0 ? 1 : 0
  }
}
