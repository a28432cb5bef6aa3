import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

export default class PublishedImport extends BaseCommand {
  static commandName = 'published:import'
  static description =
    "Enregistre les tableaux publiés d'une année (format JSON de docs/imports/rapport-publie.md)"
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Fichier JSON' })
  declare file: string

  @flags.string({ description: 'Organisation (slug) ; par défaut la seule existante ou la démo' })
  declare organisation?: string

  async run() {
    const { readFile } = await import('node:fs/promises')
    const db = (await import('@adonisjs/lucid/services/db')).default
    const { parsePublishedJson, storePublishedReport } =
      await import('#reconciliation/published_format')
    const { actingAs } = await import('#support/request_context')
    const { commandTenant } = await import('#support/command_tenant')
    const tenant = await commandTenant(this.organisation, 'ace published:import')
    if (!tenant) {
      this.logger.error('Organisation introuvable : précisez --organisation <slug>.')
      this.exitCode = 1
      return
    }
    const { document, errors } = parsePublishedJson(
      await readFile(this.file, 'utf8'),
      new Date().getFullYear()
    )
    if (!document) {
      for (const error of errors) this.logger.error(error)
      this.exitCode = 1
      return
    }
    const { reconcileAfterImport, describeReconciliation } =
      await import('#reconciliation/after_import')
    const organisationId = tenant.organisationId
    const reconciled = await actingAs(tenant, async () => {
      await db.transaction((trx) => storePublishedReport(organisationId, document, trx))
      return reconcileAfterImport(tenant, [document.year])
    })
    this.logger.success(
      `${document.values.length} chiffre(s) publié(s) enregistré(s) pour ${document.year} ; ${describeReconciliation(reconciled)}.`
    )
  }
}
