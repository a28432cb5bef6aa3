import type { HttpContext } from '@adonisjs/core/http'
import { BankOperationsWorkbook } from '#reports/bank/bank_operations'
import { bankOperationsSheets } from '#exports/bank/sheets'
import { sendWorkbook } from '#http/downloads'
import { buildWorkbook } from '#support/spreadsheet/writer'

/** Every statement and operation of a bank account, in a workbook. */
export default class BankOperationsController {
  async export({ params, response, tenant }: HttpContext) {
    const data = await new BankOperationsWorkbook(tenant!, {
      bankAccountId: Number(params.id),
    }).build()
    return sendWorkbook(
      response,
      `operations-${data.account.name}.xlsx`,
      buildWorkbook(bankOperationsSheets(data))
    )
  }
}
