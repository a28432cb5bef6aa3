import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import JobReference from '#models/hr/job_reference'
import { jobReferenceValidator } from '#validators/hr'
import { buildWorkbook } from '#support/spreadsheet/writer'
import { sendWorkbook } from '#http/downloads'
import { ConflictError } from '#support/domain_errors'

/** The configurable list of emplois repères (CCN Missions Locales). */
export default class JobReferencesController {
  async index({ view }: HttpContext) {
    const jobs = await JobReference.query().orderBy('position').orderBy('label')
    return view.render('pages/hr/job_references', {
      jobs,
      breadcrumbs: [{ label: 'Ressources humaines', href: '/rh' }, { label: 'Emplois repères' }],
    })
  }

  async export({ response }: HttpContext) {
    const jobs = await JobReference.query().orderBy('position').orderBy('label')
    const workbook = await buildWorkbook([
      {
        name: 'Emplois repères',
        columns: [
          { header: 'Code', key: 'code', type: 'text' },
          { header: 'Libellé', key: 'label', type: 'text', width: 40 },
          { header: 'Catégorie par défaut', key: 'defaultCsp', type: 'text' },
        ],
        rows: jobs.map((j) => ({ code: j.code, label: j.label, defaultCsp: j.defaultCsp })),
      },
    ])
    return sendWorkbook(response, 'emplois-reperes.xlsx', workbook)
  }

  async store({ request, response, session }: HttpContext) {
    const payload = await request.validateUsing(jobReferenceValidator)
    if (await JobReference.query().where('code', payload.code).first()) {
      throw new ConflictError('Un emploi repère existe déjà avec ce code.', { field: 'code' })
    }
    const last = await JobReference.query().max('position as max').first()
    await db.transaction((trx) =>
      JobReference.create(
        {
          code: payload.code,
          label: payload.label,
          defaultCsp: payload.defaultCsp ?? null,
          position: Number(last?.$extras.max ?? 0) + 1,
        } as any,
        { client: trx }
      )
    )
    session.flash('success', 'Emploi repère ajouté.')
    return response.redirect('/rh/emplois-reperes')
  }
}
