import { PassThrough } from 'node:stream'
import type { HttpContext } from '@adonisjs/core/http'
import { auditFilterValidator } from '#validators/core'
import { AuditLog } from '#reports/core/audit_log'
import { streamWorkbook } from '#support/spreadsheet/writer'
import { workbookHeaders } from '#http/downloads'
import { auditColumns } from '#exports/core/audit_log'

export default class AuditEventsController {
  async index({ request, view }: HttpContext) {
    const filters = await auditFilterValidator.validate(request.qs())
    const page = await new AuditLog(filters).query().paginate(filters.page ?? 1, 50)
    page.baseUrl('/admin/journal').queryString({ ...request.qs(), page: undefined })
    return view.render('pages/admin/audit/index', {
      page,
      filters,
      domains: AuditLog.domains,
      exportQuery: new URLSearchParams(request.qs()).toString(),
      breadcrumbs: [{ label: "Journal d'audit" }],
    })
  }

  async export({ request, response }: HttpContext) {
    const filters = await auditFilterValidator.validate(request.qs())
    workbookHeaders(response, 'journal-audit.xlsx')
    // Streamed: the journal can hold hundreds of thousands of events.
    const output = new PassThrough()
    response.stream(output)
    streamWorkbook(
      output,
      { name: "Journal d'audit", columns: auditColumns },
      new AuditLog(filters).rows()
    ).catch((error) => output.destroy(error))
  }
}
