import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { auditFilterValidator } from '#validators/core'
import { AuditLog } from '#reports/core/audit_log'
import { workbookHeaders } from '#http/downloads'
import { auditLogStream } from '#exports/core/audit_log'

export default class AuditEventsController {
  async index({ request, view, tenant }: HttpContext) {
    const filters = await auditFilterValidator.validate(request.qs())
    const { page } = await new AuditLog(tenant!, filters).build()
    page.baseUrl(urlFor('audit.index')).queryString({ ...request.qs(), page: undefined })
    return view.render('pages/admin/audit/index', {
      page,
      filters,
      domains: AuditLog.domains,
      exportQuery: new URLSearchParams(request.qs()).toString(),
      breadcrumbs: [{ label: "Journal d'audit" }],
    })
  }

  async export({ request, response, tenant }: HttpContext) {
    const filters = await auditFilterValidator.validate(request.qs())
    workbookHeaders(response, 'journal-audit.xlsx')
    // Streamed: the journal can hold hundreds of thousands of events.
    response.stream(auditLogStream(new AuditLog(tenant!, filters).rows()))
  }
}
