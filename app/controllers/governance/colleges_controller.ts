import type { HttpContext } from '@adonisjs/core/http'
import { collegeValidator } from '#validators/governance'
import { CollegeForm } from '#reports/governance/forms'
import UpdateCollege from '#actions/governance/update_college'
import { COLLEGE_RULE_KINDS, optionsOf } from '#vocabulary/governance'
import { governanceCrumbs } from '#controllers/governance/params'

/** A college's cap and vote rule, as the statutes set them; seats' votes follow. */
export default class CollegesController {
  async edit({ params, view, tenant }: HttpContext) {
    const { college } = await new CollegeForm(tenant!, { id: Number(params.id) }).build()
    return view.render('pages/governance/college_form', {
      college,
      ruleOptions: optionsOf(COLLEGE_RULE_KINDS),
      breadcrumbs: governanceCrumbs({ label: `Collège ${college.number}` }),
    })
  }

  async update({ params, request, response, session, tenant }: HttpContext) {
    const payload = await request.validateUsing(collegeValidator)
    const changes = await UpdateCollege.handle(tenant!, { ...payload, id: Number(params.id) })
    session.flash(
      'success',
      `Collège enregistré ; ${changes.length} siège(s) voient leurs voix recalculées.`
    )
    return response.redirect().toRoute('governance.index')
  }
}
