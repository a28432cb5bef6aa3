import type { HttpContext } from '@adonisjs/core/http'
import SaveCsvMapping from '#actions/bank/save_csv_mapping'
import { csvMappingValidator } from '#validators/bank'

/** The columns of the bank's CSV export, saved with the bank account. */
export default class BankCsvMappingsController {
  async update({ params, request, response, session, tenant }: HttpContext) {
    const input = await request.validateUsing(csvMappingValidator)
    const account = await SaveCsvMapping.handle(tenant!, {
      ...input,
      bankAccountId: Number(params.id),
    })
    session.flash('success', 'Colonnes du fichier CSV enregistrées.')
    return response.redirect().toRoute('bank.accounts.show', { id: account.id })
  }
}
