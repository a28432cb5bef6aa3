import type { HttpContext } from '@adonisjs/core/http'
import { HR_OPTIONS } from '#vocabulary/hr'
import { jobReferenceValidator } from '#validators/hr'
import JobReferenceList from '#reports/hr/job_reference_list'
import { jobReferencesWorkbook } from '#exports/hr/job_references'
import AddJobReference from '#actions/hr/add_job_reference'
import { sendWorkbook } from '#http/downloads'
import { hrCrumbs } from '#controllers/hr/params'

/** The configurable list of emplois repères (CCN Missions Locales). */
export default class JobReferencesController {
  async index({ view, tenant }: HttpContext) {
    const jobs = await new JobReferenceList(tenant!, {}).build()
    return view.render('pages/hr/job_references', {
      jobs,
      options: HR_OPTIONS,
      breadcrumbs: hrCrumbs({ label: 'Emplois repères' }),
    })
  }

  async export({ response, tenant }: HttpContext) {
    const jobs = await new JobReferenceList(tenant!, {}).build()
    return sendWorkbook(response, 'emplois-reperes.xlsx', await jobReferencesWorkbook(jobs))
  }

  async store({ request, response, session, tenant }: HttpContext) {
    await AddJobReference.handle(tenant!, await request.validateUsing(jobReferenceValidator))
    session.flash('success', 'Emploi repère ajouté.')
    return response.redirect().toRoute('hr.job_references')
  }
}
