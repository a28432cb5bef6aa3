import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { BankAccountList, BankLedgerAccounts } from '#reports/bank/bank_accounts'
import { BankAccountDetail } from '#reports/bank/bank_account_detail'
import CreateBankAccount from '#actions/bank/create_bank_account'
import { bankAccountValidator } from '#validators/bank'
import { bankAccountsSheet } from '#exports/bank/sheets'
import { sendWorkbook } from '#http/downloads'
import { buildWorkbook } from '#support/spreadsheet/writer'
import { STATEMENT_FORMATS } from '#vocabulary/bank'

/** The organisation's bank accounts: list, opening one, and an account's page. */
export default class BankAccountsController {
  async index({ view, tenant }: HttpContext) {
    const accounts = await new BankAccountList(tenant!, {}).build()
    return view.render('pages/bank/index', { accounts, breadcrumbs: [{ label: 'Banque' }] })
  }

  async export({ response, tenant }: HttpContext) {
    const accounts = await new BankAccountList(tenant!, {}).build()
    return sendWorkbook(
      response,
      'comptes-bancaires.xlsx',
      buildWorkbook([bankAccountsSheet(accounts)])
    )
  }

  async create({ view, tenant }: HttpContext) {
    const ledgerAccounts = await new BankLedgerAccounts(tenant!, {}).build()
    return view.render('pages/bank/create', {
      ledgerAccounts,
      breadcrumbs: [
        { label: 'Banque', href: urlFor('bank.accounts.index') },
        { label: 'Nouveau compte' },
      ],
    })
  }

  async store({ request, response, session, tenant }: HttpContext) {
    const input = await request.validateUsing(bankAccountValidator)
    const account = await CreateBankAccount.handle(tenant!, input)
    session.flash('success', 'Compte bancaire enregistré.')
    return response.redirect().toRoute('bank.accounts.show', { id: account.id })
  }

  async show({ params, request, view, tenant }: HttpContext) {
    const statementId = Number(request.input('releve'))
    const detail = await new BankAccountDetail(tenant!, {
      bankAccountId: Number(params.id),
      statementId: Number.isSafeInteger(statementId) && statementId > 0 ? statementId : null,
    }).build()
    return view.render('pages/bank/show', {
      ...detail,
      formats: Object.entries(STATEMENT_FORMATS).map(([value, label]) => ({ value, label })),
      breadcrumbs: [
        { label: 'Banque', href: urlFor('bank.accounts.index') },
        { label: detail.account.name },
      ],
    })
  }
}
