import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import Grant from '#models/grants/grant'
import GrantReport from '#models/grants/grant_report'
import { FunderReport } from '#reports/grants/funder_report'
import { reportTextValidator } from '#validators/grants'
import { assertVersion } from '#support/optimistic_lock'
import { sendWorkbook } from '#http/downloads'
import { buildWorkbook } from '#support/spreadsheet/writer'
import { funderReportSheets } from '#exports/grants/funder_report'

/** Period of the report: ?du=&au=, by default the first calendar year of the convention. */
async function period(ctx: HttpContext) {
  const grant = await Grant.findOrFail(ctx.params.id)
  const valid = (v: unknown) => typeof v === 'string' && DateTime.fromISO(v).isValid
  const from = valid(ctx.request.input('du'))
    ? ctx.request.input('du')
    : grant.periodStart.toISODate()!
  const yearEnd = DateTime.fromISO(from).endOf('year')
  const fallback = (grant.periodEnd < yearEnd ? grant.periodEnd : yearEnd).toISODate()!
  const to = valid(ctx.request.input('au')) ? ctx.request.input('au') : fallback
  return { grant, from, to: to < from ? from : to }
}

/** The execution report of the convention over the requested period. */
async function reportFor(ctx: HttpContext) {
  const { grant, from, to } = await period(ctx)
  const report = await new FunderReport(ctx.auth.user!.organisationId, grant.id, from, to).compute()
  return { grant, from, to, report }
}

export default class FunderReportsController {
  async show(ctx: HttpContext) {
    const { grant, from, to, report } = await reportFor(ctx)
    const print = ctx.request.url().endsWith('/impression')
    return ctx.view.render('pages/grants/funder_report', {
      report,
      print,
      query: `du=${from}&au=${to}`,
      breadcrumbs: print
        ? []
        : [
            { label: 'Financements', href: '/financements' },
            { label: grant.reference, href: `/financements/conventions/${grant.id}` },
            { label: "Bilan d'exécution" },
          ],
    })
  }

  async export(ctx: HttpContext) {
    const { grant, from, to, report } = await reportFor(ctx)
    return sendWorkbook(
      ctx.response,
      `bilan-${grant.reference}-${from}-${to}.xlsx`,
      await buildWorkbook(funderReportSheets(report))
    )
  }

  async update(ctx: HttpContext) {
    const { grant, from, to } = await period(ctx)
    const payload = await ctx.request.validateUsing(reportTextValidator)
    await db.transaction(async (trx) => {
      const texts = {
        actionsText: payload.actionsText ?? null,
        publicText: payload.publicText ?? null,
        principlesText: payload.principlesText ?? null,
        publicityText: payload.publicityText ?? null,
      }
      const row = await GrantReport.query({ client: trx })
        .where('grantId', grant.id)
        .where('periodStart', from)
        .where('periodEnd', to)
        .forUpdate()
        .first()
      if (row) {
        assertVersion(row, payload.version)
        row.merge(texts)
        await row.save()
      } else {
        await GrantReport.create(
          {
            grantId: grant.id,
            periodStart: DateTime.fromISO(from),
            periodEnd: DateTime.fromISO(to),
            ...texts,
          },
          { client: trx }
        )
      }
    })
    ctx.session.flash('success', "Textes du bilan d'exécution enregistrés.")
    return ctx.response.redirect(`/financements/conventions/${grant.id}/bilan?du=${from}&au=${to}`)
  }
}
