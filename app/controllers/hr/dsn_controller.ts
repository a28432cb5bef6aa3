import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { DsnDeclarationList, DsnImportPage } from '#reports/hr/dsn_declarations'
import { dsnDeclarationsWorkbook } from '#exports/hr/dsn_declarations'
import { sendWorkbook } from '#http/downloads'
import { hrCrumbs } from '#controllers/hr/params'
import { IMPORT_STATUSES } from '#vocabulary/core'

/** The monthly DSN (hr.personal): the declarations imported, the upload form, one import. */
export default class DsnController {
  async index({ view, tenant }: HttpContext) {
    const { rows } = await new DsnDeclarationList(tenant!, {}).build()
    return view.render('pages/hr/dsn/index', {
      rows,
      breadcrumbs: hrCrumbs({ label: 'DSN mensuelles' }),
    })
  }

  async export({ response, tenant }: HttpContext) {
    const { rows } = await new DsnDeclarationList(tenant!, {}).build()
    return sendWorkbook(response, 'dsn-importees.xlsx', await dsnDeclarationsWorkbook(rows))
  }

  async show({ view, tenant, params }: HttpContext) {
    const page = await new DsnImportPage(tenant!, { id: Number(params.id) }).build()
    return view.render('pages/hr/dsn/show', {
      ...page,
      statuses: IMPORT_STATUSES,
      breadcrumbs: hrCrumbs(
        { label: 'DSN mensuelles', href: urlFor('hr.personal.dsn') },
        { label: `Import n° ${page.record.id}` }
      ),
    })
  }
}
