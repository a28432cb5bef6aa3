import type { HttpContext } from '@adonisjs/core/http'
import { AnnualReport } from '#reports/annual_report/annual_report'
import { annualReportWorkbook } from '#exports/annual_report/workbook'
import { annualReportDocument } from '#exports/annual_report/document'
import { rowTexts } from '#exports/annual_report/cells'
import { attachmentHeader, sendWorkbook } from '#http/downloads'
import { pageYear } from '#http/year_choice'
import PermissionPolicy from '#policies/core/permission_policy'

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

/** The annual report of ?annee= (the latest year with activity values by default). */
export default class AnnualReportsController {
  async show(ctx: HttpContext) {
    const report = await this.report(ctx)
    return ctx.view.render('pages/annual_report/show', {
      report,
      rowTexts,
      canPublish: await ctx.bouncer.with(PermissionPolicy).allows('perform', 'reconciliation.run'),
      breadcrumbs: [{ label: `Rapport annuel ${report.year}` }],
    })
  }

  async print(ctx: HttpContext) {
    const report = await this.report(ctx)
    return ctx.view.render('pages/annual_report/print', { report, rowTexts, breadcrumbs: [] })
  }

  async export(ctx: HttpContext) {
    const report = await this.report(ctx)
    return sendWorkbook(
      ctx.response,
      `rapport-annuel-${report.year}.xlsx`,
      annualReportWorkbook(report)
    )
  }

  async document(ctx: HttpContext) {
    const report = await this.report(ctx)
    const body = await annualReportDocument(report)
    ctx.response.header('Content-Type', DOCX)
    ctx.response.header(
      'Content-Disposition',
      attachmentHeader(`rapport-annuel-${report.year}.docx`)
    )
    ctx.response.header('X-Content-Type-Options', 'nosniff')
    return ctx.response.send(body)
  }

  private async report(ctx: HttpContext) {
    return new AnnualReport(ctx.tenant!, { year: await pageYear(ctx, 'activity') }).build()
  }
}
