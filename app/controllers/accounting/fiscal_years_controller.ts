import type { HttpContext } from '@adonisjs/core/http'
import { PassThrough } from 'node:stream'
import { fiscalYearValidator } from '#validators/accounting'
import OpenFiscalYear from '#actions/accounting/open_fiscal_year'
import { FecDownload } from '#reports/accounting/fiscal_years'
import { writeFec } from '#exports/accounting/fec_export'
import { fiscalYearTitle } from '#support/french_format'

/** Opening a fiscal year, and its FEC (fichier des écritures comptables). */
export default class FiscalYearsController {
  async store({ request, response, session, tenant }: HttpContext) {
    const payload = await request.validateUsing(fiscalYearValidator)
    await OpenFiscalYear.handle(tenant!, payload)
    session.flash('success', `${fiscalYearTitle(payload.label)} ouvert.`)
    return response.redirect().toRoute('accounting.home')
  }

  async fec({ params, response, tenant }: HttpContext) {
    const { fileName, lines } = await new FecDownload(tenant!, { id: Number(params.id) }).build()
    const output = new PassThrough()
    writeFec(output, lines)
      .then(() => output.end())
      .catch((error) => output.destroy(error))
    response.header('Content-Type', 'text/plain; charset=iso-8859-15')
    response.header('Content-Disposition', `attachment; filename="${fileName}"`)
    return response.stream(output)
  }
}
