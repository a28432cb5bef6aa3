import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { YearEndPositions } from '#reports/grants/year_end'
import { proposeYearEndEntries } from '#actions/grants/year_end'
import { yearEndSheet } from '#exports/grants/sheets'
import { sendWorkbook } from '#http/downloads'
import { buildWorkbook } from '#support/spreadsheet/writer'
import { yearOf } from '#controllers/grants/year_param'

export default class YearEndController {
  async show({ view, request, auth }: HttpContext) {
    const year = yearOf(request.input('annee'))
    const report = await new YearEndPositions(auth.user!.organisationId, year).compute()
    return view.render('pages/grants/year_end', {
      report,
      breadcrumbs: [
        { label: 'Financements', href: '/financements' },
        { label: `Fin d'exercice ${year}` },
      ],
    })
  }

  async export({ response, request, auth }: HttpContext) {
    const year = yearOf(request.input('annee'))
    const report = await new YearEndPositions(auth.user!.organisationId, year).compute()
    return sendWorkbook(
      response,
      `fonds-dedies-${year}.xlsx`,
      await buildWorkbook([yearEndSheet(report.positions as any)])
    )
  }

  async propose({ response, request, auth, session }: HttpContext) {
    const year = yearOf(request.input('annee'))
    const created = await db.transaction((trx) =>
      proposeYearEndEntries(auth.user!.organisationId, year, trx)
    )
    session.flash(
      'success',
      created.length
        ? `${created.length} écriture(s) proposée(s) en brouillon dans le journal : à vérifier puis valider en comptabilité.`
        : 'Aucune écriture à proposer : le grand livre porte déjà les positions de fin d’exercice.'
    )
    return response.redirect(`/financements/fin-exercice?annee=${year}`)
  }
}
