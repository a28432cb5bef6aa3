import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { sendWorkbook } from '#http/downloads'
import { reconciliationStatus } from '#reports/reconciliation/reconciliation_status'
import { resultsWorkbook } from '#exports/reconciliation/results'
import { runReconciliation } from '#reconciliation/registry'
import { reconciliationFilterValidator, reconciliationRunValidator } from '#validators/activity'
import PermissionPolicy from '#policies/core/permission_policy'

/** The latest year reconciled, else the latest year with activity, else last year. */
async function latestYear(organisationId: number) {
  const run = await db
    .from('reconciliation_runs')
    .where('organisation_id', organisationId)
    .max('year as year')
    .first()
  if (run?.year) return run.year as number
  const values = await db
    .from('indicator_values')
    .where('organisation_id', organisationId)
    .max('year as year')
    .first()
  return (values?.year as number | undefined) ?? new Date().getFullYear() - 1
}

export default class ReconciliationController {
  private async status({ request, auth }: HttpContext) {
    const q = await reconciliationFilterValidator.validate(request.qs())
    return reconciliationStatus(auth.user!.organisationId, {
      year: q.annee ?? (await latestYear(auth.user!.organisationId)),
      status: q.statut,
      domain: q.domaine,
      runId: q.run,
    })
  }

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

  async run(ctx: HttpContext) {
    const { annee } = await ctx.request.validateUsing(reconciliationRunValidator)
    const user = ctx.auth.user!
    const summary = await runReconciliation(user.organisationId, annee, 'manual', {
      userId: user.id,
      label: user.email,
    })
    const c = summary.counts
    ctx.session.flash(
      'success',
      `Rapprochements ${annee} exécutés : ${c.discrepancy} écart(s), ${c.rounding} arrondi(s), ${c.missing_data} donnée(s) manquante(s), ${c.ok} concordant(s).`
    )
    return ctx.response.redirect(`/rapprochements?annee=${annee}`)
  }
}
