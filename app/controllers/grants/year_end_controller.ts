import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { YearEndPositions } from '#reports/grants/year_end'
import ProposeYearEndEntries from '#actions/grants/propose_year_end_entries'
import { yearEndSheet } from '#exports/grants/sheets'
import { sendWorkbook } from '#http/downloads'
import { buildWorkbook } from '#support/spreadsheet/writer'
import { grantsYear, yearOf } from '#controllers/grants/year_param'

export default class YearEndController {
  async show(ctx: HttpContext) {
    const year = await grantsYear(ctx)
    const report = await new YearEndPositions(ctx.tenant!, { year }).build()
    return ctx.view.render('pages/grants/year_end', {
      report,
      breadcrumbs: [
        { label: 'Financements', href: urlFor('grants.dashboard') },
        { label: `Fin d'exercice ${year}` },
      ],
    })
  }

  async export(ctx: HttpContext) {
    const year = await grantsYear(ctx)
    const report = await new YearEndPositions(ctx.tenant!, { year }).build()
    return sendWorkbook(
      ctx.response,
      `fonds-dedies-${year}.xlsx`,
      await buildWorkbook([yearEndSheet(report.positions)])
    )
  }

  async propose({ response, request, tenant, session }: HttpContext) {
    const year = yearOf(request.input('annee'))
    const created = await ProposeYearEndEntries.handle(tenant!, { year })
    session.flash(
      'success',
      created.length
        ? `${created.length} écriture(s) proposée(s) en brouillon dans le journal : à vérifier puis valider en comptabilité.`
        : 'Aucune écriture à proposer : le grand livre porte déjà les positions de fin d’exercice.'
    )
    return response.redirect().toRoute('grants.year_end.show', {}, { qs: { annee: year } })
  }
}
