import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

export default class Reconcile extends BaseCommand {
  static commandName = 'reconcile'
  static description = "Exécute les rapprochements d'une année et enregistre leurs résultats"
  static options: CommandOptions = { startApp: true }

  @flags.number({ description: 'Année (exercice) à rapprocher', required: true })
  declare year: number

  @flags.string({ description: 'Organisation (slug) ; par défaut la seule existante ou la démo' })
  declare organisation?: string

  @flags.boolean({ description: 'Sortie JSON (pour les scripts)' })
  declare json: boolean

  async run() {
    const { default: RunReconciliation } =
      await import('#actions/reconciliation/run_reconciliation')
    const { commandTenant } = await import('#support/command_tenant')
    const { actingAs } = await import('#support/request_context')
    const organisation = await commandTenant(this.organisation, 'ace reconcile')
    if (!organisation) {
      this.logger.error('Organisation introuvable : précisez --organisation <slug>.')
      this.exitCode = 1
      return
    }
    const summary = await actingAs(organisation, () =>
      RunReconciliation.handle(organisation, { year: this.year, trigger: 'command' })
    )
    if (this.json) {
      const plain = (v: unknown) => (v === null || v === undefined ? null : Number(String(v)))
      console.log(
        JSON.stringify(
          {
            organisation: organisation.slug,
            year: this.year,
            run_id: summary.runId,
            counts: summary.counts,
            results: summary.results.map((r) => ({
              id: r.checkId,
              family: r.family,
              domain: r.domain,
              title: r.title,
              status: r.status,
              expected: plain(r.expected),
              actual: plain(r.actual),
              difference: plain(r.difference),
              tolerance: plain(r.tolerance),
              unit: r.unit ?? null,
              explanation: r.explanation ?? null,
            })),
          },
          null,
          2
        )
      )
      return
    }
    for (const r of summary.results.filter((x) => x.status !== 'ok')) {
      this.logger.info(`[${r.status}] ${r.title}${r.explanation ? ` — ${r.explanation}` : ''}`)
    }
    const c = summary.counts
    this.logger.success(
      `${this.year} : ${c.ok} concordant(s), ${c.rounding} arrondi(s), ${c.discrepancy} écart(s), ${c.atypical} valeur(s) atypique(s), ${c.missing_data} donnée(s) manquante(s)`
    )
  }
}
