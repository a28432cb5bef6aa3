import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

export default class AlertsRun extends BaseCommand {
  static commandName = 'alerts:run'
  static description =
    'Calcule les alertes (échéances, versements, mandats, critères, comptes, imports) et envoie les récapitulatifs dus'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'Jour de calcul (AAAA-MM-JJ) ; par défaut aujourd’hui à Paris' })
  declare date?: string

  @flags.string({ description: 'Organisation (slug ou id) ; par défaut toutes' })
  declare organisation?: string

  async run() {
    const { DateTime } = await import('luxon')
    const { isCalendarDate } = await import('#validators/rules')
    const { commandTenant } = await import('#support/command_tenant')
    const { default: RunAlertJob } = await import('#actions/alerts/run_alert_job')
    if (this.date !== undefined && !isCalendarDate(this.date)) {
      this.logger.error(`Date invalide « ${this.date} » : attendu AAAA-MM-JJ (ex. 2024-09-01).`)
      this.exitCode = 1
      return
    }
    let organisationId: number | undefined
    if (this.organisation !== undefined) {
      const found = await commandTenant(this.organisation, 'ace alerts:run')
      if (!found) {
        this.logger.error(`Organisation « ${this.organisation} » introuvable.`)
        this.exitCode = 1
        return
      }
      organisationId = found.organisationId
    }
    const today = this.date ? DateTime.fromISO(this.date, { zone: 'Europe/Paris' }) : undefined
    const outcome = await RunAlertJob.handle({ today, organisationId })
    if (!outcome.ran) {
      this.logger.warning(
        'Les alertes sont déjà en cours de calcul par un autre processus : rien à faire.'
      )
      return
    }
    for (const run of outcome.organisations) {
      this.logger.info(
        `Organisation ${run.organisationId} au ${outcome.today} : ${run.opened} nouvelle(s), ${run.kept} maintenue(s), ${run.resolved} résolue(s), ${run.digests} récapitulatif(s) envoyé(s)`
      )
    }
    if (outcome.failed.length) {
      this.logger.error(
        `Échec du calcul pour ${outcome.failed.length} organisation(s) : ${outcome.failed.join(', ')} (voir le journal).`
      )
      this.exitCode = 1
    }
    this.logger.success(`Alertes calculées pour ${outcome.organisations.length} organisation(s).`)
  }
}
