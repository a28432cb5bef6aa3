import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

export default class FecImport extends BaseCommand {
  static commandName = 'fec:import'
  static description = 'Importe un fichier des écritures comptables (FEC) dans un exercice ouvert'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Chemin du fichier FEC' })
  declare file: string

  @flags.number({ description: 'Exercice (année), par exemple 2023', required: true })
  declare year: number

  @flags.string({
    description: 'Organisation (id ou slug) ; par défaut la seule existante ou la démo',
  })
  declare organisation: string | undefined

  async run() {
    const { actingAs } = await import('#support/request_context')
    const { commandTenant } = await import('#support/command_tenant')
    const { default: FecImportRun } = await import('#imports/accounting/fec/index')
    const tenant = await commandTenant(this.organisation, 'fec:import')
    if (!tenant) {
      this.logger.error('Organisation introuvable : précisez --organisation <id ou slug>.')
      this.exitCode = 1
      return
    }
    const year = await actingAs(tenant, () => FecImportRun.fiscalYearByYear(tenant, this.year))
    if (!year) {
      this.logger.error(`Aucun exercice ${this.year} pour l’organisation ${tenant.organisationId}.`)
      this.exitCode = 1
      return
    }
    // One progress line per phase start and per 10 % step.
    let shown = ''
    const onProgress = ({ phase, done, total }: { phase: string; done: number; total: number }) => {
      const step = total > 0 ? Math.floor((10 * done) / total) * 10 : 100
      if (shown === `${phase} ${step}`) return
      shown = `${phase} ${step}`
      this.logger.info(`${phase} : ${step} %`)
    }
    const result = await actingAs(tenant, () =>
      FecImportRun.run(tenant, { path: this.file, fiscalYearId: year.id }, { onProgress })
    )
    const money = (value: string) =>
      new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(Number(value))
    if (result.status === 'committed') {
      this.logger.success(
        `FEC importé dans l’exercice ${year.label} : ${result.lines} lignes, ${result.entries} écritures, ` +
          `débit ${money(result.totalDebit)}, crédit ${money(result.totalCredit)}, ` +
          `${result.accountsCreated} compte(s) et ${result.journalsCreated} journal(aux) créés ` +
          `(${result.encoding}, ${result.separator}, ${result.variant}) en ${result.seconds.toFixed(1)} s.`
      )
      return
    }
    this.logger.error(
      `FEC refusé : ${result.errorCount} erreur(s), rien n’a été écrit dans la comptabilité.`
    )
    for (const issue of result.errors.slice(0, 50)) {
      this.logger.log(
        `  ligne ${issue.line} · ${issue.field} · « ${issue.value} » : ${issue.reason}`
      )
    }
    if (result.errorCount > 50) this.logger.log(`  … et ${result.errorCount - 50} autre(s).`)
    this.exitCode = 1
  }
}
