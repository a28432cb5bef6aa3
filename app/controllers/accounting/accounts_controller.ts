import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { subAccountValidator } from '#validators/accounting'
import AddAccount from '#actions/accounting/add_account'
import { ChartOfAccounts } from '#reports/accounting/chart_of_accounts'
import { chartOfAccountsWorkbook } from '#exports/accounting/ledger_export'
import { xlsxHeaders } from '#http/accounting_ledger'

const crumbs = () => [
  { label: 'Comptabilité', href: urlFor('accounting.home') },
  { label: 'Plan comptable' },
]

/** The chart of accounts, its workbook, and sub-accounts added by the accountant. */
export default class AccountsController {
  async index({ view, tenant }: HttpContext) {
    return view.render('pages/accounting/accounts/index', {
      accounts: await new ChartOfAccounts(tenant!, {}).build(),
      breadcrumbs: crumbs(),
    })
  }

  async export({ response, tenant }: HttpContext) {
    const accounts = await new ChartOfAccounts(tenant!, {}).build()
    xlsxHeaders(response, 'plan-comptable.xlsx')
    return response.send(await chartOfAccountsWorkbook(accounts))
  }

  async store({ request, response, session, tenant }: HttpContext) {
    const payload = await request.validateUsing(subAccountValidator)
    await AddAccount.handle(tenant!, payload)
    session.flash('success', `Compte ${payload.number} ajouté.`)
    return response.redirect().toRoute('accounting.accounts.index')
  }
}
