import type { HttpContext } from '@adonisjs/core/http'
import CommitDsn from '#actions/hr/commit_dsn'

/** The commit of a previewed DSN (hr.write): the register written in one transaction. */
export default class DsnCommitsController {
  async store({ params, response, session, tenant }: HttpContext) {
    const outcome = await CommitDsn.handle(tenant!, { importId: Number(params.id) })
    if (outcome.issues.length)
      session.flash('error', 'La DSN a été refusée à la validation : rien n’a été enregistré.')
    else session.flash('success', `DSN enregistrée : ${outcome.summary}`)
    return response.redirect().toRoute('hr.personal.dsn.show', { id: outcome.record.id })
  }
}
