import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { fecImportValidator } from '#validators/accounting'
import FecImport, { fecMaxBytes } from '#imports/accounting/fec/index'
import { LedgerError } from '#actions/accounting/errors'
import { FecImportErrors, FecImportForm, FecImportPage } from '#reports/accounting/fec_imports'
import { fecErrorsWorkbook } from '#exports/accounting/ledger_export'
import { uploadRefusal } from '#middleware/upload_middleware'
import { masksPayroll, xlsxHeaders } from '#http/accounting_ledger'
import { FEC_IMPORT_STATUSES } from '#vocabulary/accounting'

const crumbs = (label: string) => [
  { label: 'Comptabilité', href: urlFor('accounting.home') },
  { label },
]

/** FEC imports: the upload form, an import's progress and errors, and the errors' workbook. */
export default class FecImportsController {
  async create({ view, tenant }: HttpContext) {
    const { years, recent } = await new FecImportForm(tenant!, {}).build()
    return view.render('pages/accounting/fec/create', {
      years,
      recent,
      FEC_IMPORT_STATUSES,
      maxMb: Math.round(fecMaxBytes() / 1024 / 1024),
      breadcrumbs: crumbs('Import FEC'),
    })
  }

  async store({ request, response, tenant }: HttpContext) {
    const { fiscalYearId } = await request.validateUsing(fecImportValidator)
    const file = request.file('fichier', { size: `${fecMaxBytes()}B` as never })
    if (!file || !file.tmpPath) throw new LedgerError('Choisissez un fichier FEC.')
    const refusal = uploadRefusal(file)
    if (refusal) throw new LedgerError(`Fichier refusé : ${refusal}`)
    const importId = await FecImport.start(tenant!, { file, fiscalYearId })
    return response.redirect().toRoute('accounting.fec.imports.show', { id: importId })
  }

  async show(ctx: HttpContext) {
    const params = { id: Number(ctx.params.id), maskPayroll: await masksPayroll(ctx) }
    const page = await new FecImportPage(ctx.tenant!, params).build()
    return ctx.view.render('pages/accounting/fec/show', {
      ...page,
      breadcrumbs: crumbs(`Import FEC n° ${page.record.id}`),
    })
  }

  async errorsExport(ctx: HttpContext) {
    const params = { id: Number(ctx.params.id), maskPayroll: await masksPayroll(ctx) }
    const { record, errors } = await new FecImportErrors(ctx.tenant!, params).build()
    xlsxHeaders(ctx.response, `erreurs-fec-${record.id}.xlsx`)
    return ctx.response.send(await fecErrorsWorkbook(errors))
  }
}
