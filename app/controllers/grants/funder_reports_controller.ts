import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { FunderReportPage } from '#reports/grants/funder_report'
import SaveReportTexts from '#actions/grants/save_report_texts'
import { reportTextValidator } from '#validators/grants'
import { sendWorkbook } from '#http/downloads'
import { buildWorkbook } from '#support/spreadsheet/writer'
import { funderReportSheets } from '#exports/grants/funder_report'

/** The execution report of a convention over ?du=&au= (by default its first calendar year). */
function pageOf({ params, request, tenant }: HttpContext) {
  const asked = { grantId: Number(params.id), du: request.input('du'), au: request.input('au') }
  return new FunderReportPage(tenant!, asked).build()
}

export default class FunderReportsController {
  async show(ctx: HttpContext) {
    const { from, to, report } = await pageOf(ctx)
    const print = ctx.request.url().endsWith('/impression')
    const grant = report.grant
    return ctx.view.render('pages/grants/funder_report', {
      report,
      print,
      period: { du: from, au: to },
      breadcrumbs: print
        ? []
        : [
            { label: 'Financements', href: urlFor('grants.dashboard') },
            { label: grant.reference, href: urlFor('grants.grants.show', { id: grant.id }) },
            { label: "Bilan d'exécution" },
          ],
    })
  }

  async export(ctx: HttpContext) {
    const { from, to, report } = await pageOf(ctx)
    return sendWorkbook(
      ctx.response,
      `bilan-${report.grant.reference}-${from}-${to}.xlsx`,
      await buildWorkbook(funderReportSheets(report))
    )
  }

  async update({ params, request, response, session, tenant }: HttpContext) {
    const input = await request.validateUsing(reportTextValidator)
    const asked = { grantId: Number(params.id), du: request.input('du'), au: request.input('au') }
    const { from, to } = await SaveReportTexts.handle(tenant!, { ...input, ...asked })
    session.flash('success', "Textes du bilan d'exécution enregistrés.")
    return response
      .redirect()
      .toRoute('grants.grants.report', { id: params.id }, { qs: { du: from, au: to } })
  }
}
