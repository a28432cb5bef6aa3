import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { PaymentsOverview } from '#reports/grants/payments'
import { receivablesSheet, receiptsSheet, scheduleSheet } from '#exports/grants/sheets'
import { sendWorkbook } from '#http/downloads'
import { buildWorkbook } from '#support/spreadsheet/writer'

/** ?date=YYYY-MM-DD when valid, today in Paris otherwise. */
function atDate(input: unknown) {
  const date = typeof input === 'string' ? DateTime.fromISO(input) : null
  return date?.isValid ? date.toISODate()! : DateTime.now().setZone('Europe/Paris').toISODate()!
}

export default class PaymentsController {
  async index({ view, request, tenant }: HttpContext) {
    const data = await new PaymentsOverview(tenant!, {
      date: atDate(request.input('date')),
    }).build()
    return view.render('pages/grants/payments/index', {
      ...data,
      breadcrumbs: [
        { label: 'Financements', href: urlFor('grants.dashboard') },
        { label: 'Versements et créances' },
      ],
    })
  }

  async export({ response, request, tenant }: HttpContext) {
    const data = await new PaymentsOverview(tenant!, {
      date: atDate(request.input('date')),
    }).build()
    return sendWorkbook(
      response,
      `versements-${data.receivables.date}.xlsx`,
      await buildWorkbook([
        receivablesSheet(data.receivables.rows),
        receiptsSheet(data.receipts),
        scheduleSheet(data.schedule),
      ])
    )
  }
}
