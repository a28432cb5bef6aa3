import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import { Receivables } from '#reports/grants/receivables'
import { rows } from '#reports/grants/sql'
import { receivablesSheet, receiptsSheet, scheduleSheet } from '#exports/grants/sheets'
import { sendWorkbook } from '#http/downloads'
import { buildWorkbook } from '#support/spreadsheet/writer'

function atDate(input: unknown) {
  const date = typeof input === 'string' ? DateTime.fromISO(input) : null
  return date?.isValid ? date.toISODate()! : DateTime.now().setZone('Europe/Paris').toISODate()!
}

export default class PaymentsController {
  async index({ view, request, auth }: HttpContext) {
    const data = await this.data(auth.user!.organisationId, atDate(request.input('date')))
    return view.render('pages/grants/payments/index', {
      ...data,
      breadcrumbs: [
        { label: 'Financements', href: '/financements' },
        { label: 'Versements et créances' },
      ],
    })
  }

  async export({ response, request, auth }: HttpContext) {
    const data = await this.data(auth.user!.organisationId, atDate(request.input('date')))
    return sendWorkbook(
      response,
      `versements-${data.receivables.date}.xlsx`,
      await buildWorkbook([
        receivablesSheet(data.receivables.rows as any),
        receiptsSheet(data.receipts),
        scheduleSheet(data.schedule),
      ])
    )
  }

  private async data(organisationId: number, date: string) {
    const receivables = await new Receivables(organisationId, date).compute()
    const receipts = await rows(
      `SELECT r.received_on AS "receivedOn", g.reference, f.name AS funder, r.amount::text AS amount,
              r.reference AS "receiptReference", r.entry_line_id AS "entryLineId", g.id AS "grantId"
         FROM grant_receipts r JOIN grants g ON g.id = r.grant_id JOIN funders f ON f.id = g.funder_id
        WHERE r.organisation_id = :org AND r.received_on <= CAST(:date AS date) ORDER BY r.received_on DESC, r.id DESC`,
      { org: organisationId, date }
    )
    const schedule = await rows(
      `SELECT s.expected_on AS "expectedOn", g.reference, s.kind, s.label, s.amount::text AS amount, g.id AS "grantId",
              EXISTS (SELECT 1 FROM grant_receipts r WHERE r.schedule_id = s.id) AS paid
         FROM grant_payment_schedules s JOIN grants g ON g.id = s.grant_id
        WHERE s.organisation_id = :org ORDER BY s.expected_on, g.reference`,
      { org: organisationId }
    )
    return { receivables, receipts, schedule }
  }
}
