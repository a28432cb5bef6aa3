import type { HttpContext } from '@adonisjs/core/http'
import ImportStatement from '#actions/bank/import_statement'
import { statementUploadValidator } from '#validators/bank'
import { uploadRefusal } from '#middleware/upload_middleware'
import { RuleError } from '#support/domain_errors'

/** Importing a bank statement (CAMT.053, OFX or CSV) into a bank account. */
export default class BankStatementsController {
  async store({ params, request, response, session, tenant }: HttpContext) {
    const input = await request.validateUsing(statementUploadValidator)
    // No extension check: a statement's name says little, its content is read and checked whole.
    const file = request.file('fichier', { size: '20mb' })
    if (!file || !file.isValid || !file.tmpPath) {
      throw new RuleError(
        (file && uploadRefusal(file)) ??
          'Choisissez un relevé (XML CAMT.053, OFX ou CSV, 20 Mo au plus).'
      )
    }
    const result = await ImportStatement.handle(tenant!, {
      bankAccountId: Number(params.id),
      format: input.format,
      closingBalance: input.closingBalance ?? null,
      file: { path: file.tmpPath, fileName: file.clientName },
    })
    session.flash(
      'success',
      `Relevé importé : ${result.imported} opération(s) ajoutée(s), ${result.skipped} déjà importée(s) ignorée(s).`
    )
    return response
      .redirect()
      .toRoute('bank.accounts.show', { id: params.id }, { qs: { releve: result.statement.id } })
  }
}
