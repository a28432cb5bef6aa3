import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { sendWorkbook } from '#http/downloads'
import StaffCostPage from '#reports/hr/staff_cost_page'
import { staffCostWorkbook, STAFF_COST_COLUMNS } from '#exports/hr/staff_costs'
import SetEmployerChargeRate from '#actions/hr/set_employer_charge_rate'
import { hrYear } from '#controllers/hr/params'
import { hrSettingsValidator } from '#validators/hr'

/** Time allocation and salary cost per programme (hr.personal: costs come from salaries). */
export default class TimeController {
  async show(ctx: HttpContext) {
    const year = await hrYear(ctx)
    const source = ctx.request.qs().taux === 'grand-livre' ? 'ledger' : 'setting'
    const page = await new StaffCostPage(ctx.tenant!, { year, source }).build()
    return ctx.view.render('pages/hr/time', {
      year,
      ...page,
      columns: STAFF_COST_COLUMNS,
      source,
      breadcrumbs: [
        { label: 'Ressources humaines', href: urlFor('hr.home') },
        { label: `Temps et coûts par dispositif ${year}` },
      ],
    })
  }

  async export(ctx: HttpContext) {
    const year = await hrYear(ctx)
    const { lines } = await new StaffCostPage(ctx.tenant!, { year, source: 'setting' }).build()
    return sendWorkbook(
      ctx.response,
      `couts-salariaux-par-dispositif-${year}.xlsx`,
      await staffCostWorkbook(lines)
    )
  }

  async updateSettings({ request, response, session, tenant }: HttpContext) {
    await SetEmployerChargeRate.handle(tenant!, await request.validateUsing(hrSettingsValidator))
    session.flash('success', 'Taux de charges patronales enregistré.')
    return response.redirect().toRoute('hr.personal.time')
  }
}
