import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { Decimal } from 'decimal.js'
import {
  closeFiscalYear,
  postAllocation,
  reopenFiscalYear,
  saveAllocation,
} from '#actions/accounting/year_end'
import { allocationValidator, reopenValidator } from '#validators/accounting_statements'
import { LedgerError } from '#actions/accounting/errors'
import { parseFrenchAmount } from '#support/money'

const crumbs = [
  { label: 'Comptabilité', href: '/comptabilite' },
  { label: 'Clôture des exercices' },
]

/** Closing, reopening and allocation of the result; each change is its own route and record. */
export default class YearEndController {
  async index({ view, auth }: HttpContext) {
    const organisationId = auth.user!.organisationId
    const years = await db
      .from('fiscal_years')
      .where('organisation_id', organisationId)
      .orderBy('start_date', 'desc')
    const closings = await db
      .from('fiscal_year_closings')
      .where('organisation_id', organisationId)
      .orderBy('id', 'desc')
    const allocations = await db.from('result_allocations').where('organisation_id', organisationId)
    return view.render('pages/accounting/year_end/index', {
      years: years.map((y: any) => ({
        ...y,
        closings: closings.filter((c: any) => c.fiscal_year_id === y.id),
        allocation: allocations.find((a: any) => a.fiscal_year_id === y.id) ?? null,
      })),
      breadcrumbs: crumbs,
    })
  }

  async close({ params, response, auth, session }: HttpContext) {
    const result = await db.transaction((trx) =>
      closeFiscalYear(trx, auth.user!.organisationId, Number(params.id), auth.user!.id)
    )
    session.flash(
      'success',
      `Exercice clôturé : résultat ${result.result.toFixed(2).replace('.', ',')} € ; à-nouveaux générés dans l’exercice suivant.`
    )
    return response.redirect('/comptabilite/exercices')
  }

  async reopen({ params, request, response, auth, session }: HttpContext) {
    const { motif } = await request.validateUsing(reopenValidator)
    await db.transaction((trx) =>
      reopenFiscalYear(trx, auth.user!.organisationId, Number(params.id), auth.user!.id, motif)
    )
    session.flash(
      'success',
      'Exercice rouvert ; les à-nouveaux ont été annulés par une écriture d’extourne.'
    )
    return response.redirect('/comptabilite/exercices')
  }

  async saveAllocation({ params, request, response, auth, session }: HttpContext) {
    const payload = await request.validateUsing(allocationValidator)
    let toReserves: Decimal
    try {
      toReserves = payload.toReserves
        ? (parseFrenchAmount(payload.toReserves) ?? new Decimal(0))
        : new Decimal(0)
    } catch {
      throw new LedgerError(`Montant des réserves invalide : « ${payload.toReserves} ».`)
    }
    await db.transaction((trx) =>
      saveAllocation(trx, auth.user!.organisationId, Number(params.id), {
        decisionDate: payload.decisionDate ?? null,
        decisionText: payload.decisionText ?? null,
        toReserves,
        reserveAccount: payload.reserveAccount,
      })
    )
    session.flash('success', 'Décision d’affectation enregistrée.')
    return response.redirect('/comptabilite/exercices')
  }

  async postAllocation({ params, response, auth, session }: HttpContext) {
    await db.transaction((trx) =>
      postAllocation(trx, auth.user!.organisationId, Number(params.id), auth.user!.id)
    )
    session.flash('success', 'Écriture d’affectation du résultat comptabilisée.')
    return response.redirect('/comptabilite/exercices')
  }
}
