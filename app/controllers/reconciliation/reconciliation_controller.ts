import type { HttpContext } from '@adonisjs/core/http'
import { sendWorkbook } from '#http/downloads'
import { ReconciliationStatus } from '#reports/reconciliation/reconciliation_status'
import { resultsWorkbook } from '#exports/reconciliation/results'
import RunReconciliation from '#actions/reconciliation/run_reconciliation'
import { reconciliationFilterValidator, reconciliationRunValidator } from '#validators/activity'
import PermissionPolicy from '#policies/core/permission_policy'
import { pageYear } from '#http/year_choice'

export default class ReconciliationController {
  async index(ctx: HttpContext) {
    const status = await this.status(ctx)
    return ctx.view.render('pages/reconciliation/index', {
      status,
      canRun: await ctx.bouncer.with(PermissionPolicy).allows('perform', 'reconciliation.run'),
      breadcrumbs: [{ label: 'Rapprochements' }],
    })
  }

  async export(ctx: HttpContext) {
    const status = await this.status(ctx)
    return sendWorkbook(ctx.response, `rapprochements-${status.year}.xlsx`, resultsWorkbook(status))
  }

  async run({ request, response, session, tenant }: HttpContext) {
    const { annee } = await request.validateUsing(reconciliationRunValidator)
    const { counts: c } = await RunReconciliation.handle(tenant!, {
      year: annee,
      trigger: 'manual',
    })
    session.flash(
      'success',
      `Rapprochements ${annee} exécutés : ${c.discrepancy} écart(s), ${c.atypical} valeur(s) atypique(s) à expliquer, ${c.rounding} arrondi(s), ${c.missing_data} donnée(s) manquante(s), ${c.ok} concordant(s).`
    )
    return response.redirect().toRoute('reconciliation.index', {}, { qs: { annee } })
  }

  /** The run and results asked for by ?annee=&statut=&domaine=&run=. */
  private async status(ctx: HttpContext) {
    const q = await reconciliationFilterValidator.validate(ctx.request.qs())
    return new ReconciliationStatus(ctx.tenant!, {
      year: await pageYear(ctx, 'reconciliation'),
      status: q.statut,
      domain: q.domaine,
      runId: q.run,
    }).build()
  }
}
