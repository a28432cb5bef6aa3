import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import Account from '#models/accounting/account'
import { subAccountValidator } from '#validators/accounting'
import { LedgerError } from '#actions/accounting/errors'
import { longestPrefixParent } from '#database/reference/pcg_associations'
import { buildWorkbook } from '#support/spreadsheet/writer'
import { xlsxHeaders } from '#controllers/accounting/ledger_params'

const crumbs = [{ label: 'Comptabilité', href: '/comptabilite' }, { label: 'Plan comptable' }]

async function chart(organisationId: number) {
  return db
    .from('accounts as a')
    .leftJoin('accounts as p', 'p.id', 'a.parent_id')
    .where('a.organisation_id', organisationId)
    .orderBy('a.number')
    .select(
      'a.id',
      'a.number',
      'a.label',
      'a.account_class',
      'a.is_system',
      'a.valid_from_year',
      'a.valid_to_year',
      'p.number as parent_number'
    )
}

export default class AccountsController {
  async index({ view, auth }: HttpContext) {
    return view.render('pages/accounting/accounts/index', {
      accounts: await chart(auth.user!.organisationId),
      breadcrumbs: crumbs,
    })
  }

  async export({ response, auth }: HttpContext) {
    const rows = await chart(auth.user!.organisationId)
    xlsxHeaders(response, 'plan-comptable.xlsx')
    return response.send(
      await buildWorkbook([
        {
          name: 'Plan comptable',
          columns: [
            { header: 'Compte', key: 'number', type: 'text', width: 12 },
            { header: 'Intitulé', key: 'label', type: 'text', width: 50 },
            { header: 'Classe', key: 'account_class', type: 'integer' },
            { header: 'Compte parent', key: 'parent_number', type: 'text', width: 12 },
            { header: 'À partir de', key: 'valid_from_year', type: 'integer' },
            { header: 'Jusqu’en', key: 'valid_to_year', type: 'integer' },
          ],
          rows,
        },
      ])
    )
  }

  /** Adds a sub-account under the longest existing prefix of its number. */
  async store({ request, response, session, auth }: HttpContext) {
    const payload = await request.validateUsing(subAccountValidator)
    const organisationId = auth.user!.organisationId
    await db.transaction(async (trx) => {
      const existing = await trx
        .from('accounts')
        .where('organisation_id', organisationId)
        .select('id', 'number')
      const numbers = new Map(existing.map((row) => [row.number as string, row.id as number]))
      if (numbers.has(payload.number))
        throw new LedgerError(`Le compte ${payload.number} existe déjà.`)
      const parent = longestPrefixParent(payload.number, numbers.keys())
      if (!parent) throw new LedgerError(`Aucun compte du plan n’est parent de ${payload.number}.`)
      await Account.create(
        {
          organisationId,
          number: payload.number,
          label: payload.label,
          parentId: numbers.get(parent)!,
          isSystem: false,
        },
        { client: trx }
      )
    })
    session.flash('success', `Compte ${payload.number} ajouté.`)
    return response.redirect('/comptabilite/plan-comptable')
  }
}
