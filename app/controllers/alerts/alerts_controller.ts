import type { HttpContext } from '@adonisjs/core/http'
import { AlertList, AlertSettings } from '#reports/alerts/alert_list'
import { alertsWorkbook } from '#exports/alerts/alerts'
import { sendWorkbook } from '#http/downloads'
import { ALERT_KINDS, DEFAULT_DIGEST_FREQUENCY, DIGEST_FREQUENCIES } from '#vocabulary/alerts'

/** The signed-in person's open alerts, in this organisation, as their roles allow. */
function listOf({ tenant }: HttpContext) {
  return new AlertList(tenant!, {
    userId: tenant!.userId!,
    roles: tenant!.roles ?? [],
    withDismissed: true,
  }).build()
}

export default class AlertsController {
  async index(ctx: HttpContext) {
    const alerts = await listOf(ctx)
    const settings = await new AlertSettings(ctx.tenant!, { userId: ctx.tenant!.userId! }).build()
    return ctx.view.render('pages/alerts/index', {
      open: alerts.filter((alert) => !alert.dismissed),
      dismissed: alerts.filter((alert) => alert.dismissed),
      settings,
      frequency: settings.frequency ?? DEFAULT_DIGEST_FREQUENCY,
      frequencyOptions: Object.entries(DIGEST_FREQUENCIES).map(([value, label]) => ({
        value,
        label,
      })),
      kinds: ALERT_KINDS,
      breadcrumbs: [{ label: 'Mes alertes' }],
    })
  }

  async export(ctx: HttpContext) {
    return sendWorkbook(ctx.response, 'alertes.xlsx', alertsWorkbook(await listOf(ctx)))
  }
}
