import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { MatchingPage } from '#reports/bank/matching_page'
import { matchingSheets } from '#exports/bank/sheets'
import { sendWorkbook } from '#http/downloads'
import { buildWorkbook } from '#support/spreadsheet/writer'

/** Matching a bank account: the proposals and the unmatched items of both sides. */
export default class BankMatchingController {
  async show({ params, view, tenant }: HttpContext) {
    const page = await new MatchingPage(tenant!, { bankAccountId: Number(params.id) }).build()
    return view.render('pages/bank/matching', {
      ...page,
      breadcrumbs: [
        { label: 'Banque', href: urlFor('bank.accounts.index') },
        { label: page.account.name, href: urlFor('bank.accounts.show', { id: page.account.id }) },
        { label: 'Rapprochement' },
      ],
    })
  }

  async export({ params, response, tenant }: HttpContext) {
    const page = await new MatchingPage(tenant!, { bankAccountId: Number(params.id) }).build()
    return sendWorkbook(
      response,
      `rapprochement-${page.account.name}.xlsx`,
      buildWorkbook(matchingSheets(page))
    )
  }
}
