import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { ManualItemForm, ManualItemList } from '#reports/treasury/manual_items'
import { treasuryThreshold } from '#reports/treasury/cash_forecast'
import AddManualItem from '#actions/treasury/add_manual_item'
import UpdateManualItem from '#actions/treasury/update_manual_item'
import DeleteManualItem from '#actions/treasury/delete_manual_item'
import { manualItemValidator } from '#validators/treasury'
import { manualItemsSheet } from '#exports/treasury/forecast'
import { sendWorkbook } from '#http/downloads'
import { buildWorkbook } from '#support/spreadsheet/writer'
import { RECURRENCES } from '#vocabulary/treasury'

const crumbs = (label?: string) => [
  { label: 'Trésorerie', href: urlFor('treasury.forecast.show') },
  { label: 'Opérations prévues', href: label ? urlFor('treasury.items.index') : undefined },
  ...(label ? [{ label }] : []),
]

const recurrenceOptions = Object.entries(RECURRENCES).map(([value, label]) => ({ value, label }))

/** The forecast's manual items (a loan, an investment): list, workbook, form and writes. */
export default class ManualItemsController {
  async index({ tenant, view }: HttpContext) {
    const items = await new ManualItemList(tenant!, {}).build()
    const threshold = await treasuryThreshold({ org: tenant!.organisationId })
    return view.render('pages/treasury/items/index', {
      items,
      threshold,
      recurrenceLabels: RECURRENCES,
      breadcrumbs: crumbs(),
    })
  }

  async export({ tenant, response }: HttpContext) {
    const items = await new ManualItemList(tenant!, {}).build()
    return sendWorkbook(
      response,
      'operations-prevues.xlsx',
      await buildWorkbook([manualItemsSheet(items)])
    )
  }

  create({ view }: HttpContext) {
    return view.render('pages/treasury/items/form', {
      item: null,
      recurrenceOptions,
      breadcrumbs: crumbs('Nouvelle opération'),
    })
  }

  async edit({ params, tenant, view }: HttpContext) {
    const item = await new ManualItemForm(tenant!, { id: Number(params.id) }).build()
    return view.render('pages/treasury/items/form', {
      item,
      recurrenceOptions,
      breadcrumbs: crumbs(item.label),
    })
  }

  async store({ request, response, session, tenant }: HttpContext) {
    await AddManualItem.handle(tenant!, await request.validateUsing(manualItemValidator))
    session.flash('success', 'Opération prévue ajoutée.')
    return response.redirect().toRoute('treasury.items.index')
  }

  async update({ params, request, response, session, tenant }: HttpContext) {
    const input = await request.validateUsing(manualItemValidator)
    await UpdateManualItem.handle(tenant!, { ...input, id: Number(params.id) })
    session.flash('success', 'Opération prévue modifiée.')
    return response.redirect().toRoute('treasury.items.index')
  }

  async destroy({ params, response, session, tenant }: HttpContext) {
    await DeleteManualItem.handle(tenant!, { id: Number(params.id) })
    session.flash('success', 'Opération prévue supprimée.')
    return response.redirect().toRoute('treasury.items.index')
  }
}
