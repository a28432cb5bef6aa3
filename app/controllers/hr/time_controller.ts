import type { HttpContext } from '@adonisjs/core/http'
import { sendWorkbook } from '#http/downloads'
import db from '@adonisjs/lucid/services/db'
import vine from '@vinejs/vine'
import { costsByProgramme, ledgerChargeRatio } from '#reports/hr/staff_costs'
import { hrYear } from '#controllers/hr/reports_controller'
import { buildWorkbook } from '#support/spreadsheet/writer'

const settingsValidator = vine.create({ employerChargeRate: vine.number().range([0, 150]) })

const columns = [
  { header: 'Dispositif', key: 'name', type: 'text' as const, width: 40 },
  { header: 'Salariés', key: 'employeeCount', type: 'integer' as const },
  { header: 'Heures', key: 'hours', type: 'number' as const, decimals: 1 },
  { header: 'Salaires bruts', key: 'gross', type: 'money' as const },
  { header: 'Charges patronales', key: 'charges', type: 'money' as const },
  { header: 'Coût total', key: 'total', type: 'money' as const },
  { header: 'Taux horaire (coût / heures)', key: 'hourlyRate', type: 'money' as const },
]

/** Time allocation and salary cost per programme (hr.personal: costs come from salaries). */
export default class TimeController {
  async show(ctx: HttpContext) {
    const year = await hrYear(ctx)
    const org = ctx.auth.user!.organisationId
    const source = ctx.request.qs().taux === 'grand-livre' ? 'ledger' : 'setting'
    const lines = await costsByProgramme(org, `${year}-01-01`, `${year}-12-31`, source)
    const ledgerRatio = await ledgerChargeRatio(org, `${year}-01-01`, `${year}-12-31`)
    const settings = await db.from('hr_settings').where('organisation_id', org).first()
    return ctx.view.render('pages/hr/time', {
      year,
      lines,
      columns,
      chargeRate: Number(settings?.employer_charge_rate ?? 0.45) * 100,
      ledgerRatio,
      source,
      annualHours: settings?.fse_annual_hours ?? 1720,
      breadcrumbs: [
        { label: 'Ressources humaines', href: '/rh' },
        { label: `Temps et coûts par dispositif ${year}` },
      ],
    })
  }

  async export(ctx: HttpContext) {
    const year = await hrYear(ctx)
    const lines = await costsByProgramme(
      ctx.auth.user!.organisationId,
      `${year}-01-01`,
      `${year}-12-31`
    )
    return sendWorkbook(
      ctx.response,
      `couts-salariaux-par-dispositif-${year}.xlsx`,
      await buildWorkbook([{ name: 'Coûts par dispositif', columns, rows: lines }])
    )
  }

  async updateSettings({ request, response, session, auth }: HttpContext) {
    const { employerChargeRate } = await request.validateUsing(settingsValidator)
    const org = auth.user!.organisationId
    await db.transaction(async (trx) => {
      await trx.rawQuery(
        `INSERT INTO hr_settings (organisation_id, employer_charge_rate) VALUES (?, ?)
         ON CONFLICT (organisation_id) DO UPDATE SET employer_charge_rate = EXCLUDED.employer_charge_rate,
           version = hr_settings.version + 1, updated_at = now()`,
        [org, (employerChargeRate / 100).toFixed(4)]
      )
      const { recordEvent } = await import('#support/audit')
      await recordEvent({
        domain: 'hr',
        action: 'update',
        subjectType: 'hr_settings',
        summary: `Taux de charges patronales : ${employerChargeRate} %`,
        organisationId: org,
        trx,
      })
    })
    session.flash('success', 'Taux de charges patronales enregistré.')
    return response.redirect('/rh/temps')
  }
}
