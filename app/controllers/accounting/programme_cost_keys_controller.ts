import type { HttpContext } from '@adonisjs/core/http'
import { overheadKeyValidator } from '#validators/accounting'
import SaveOverheadKey from '#actions/accounting/save_overhead_key'
import { labelOf } from '#vocabulary/labels'
import { OVERHEAD_KEYS } from '#vocabulary/accounting'

/** POST /comptabilite/cout-par-dispositif/cle: the overhead key saved for a fiscal year. */
export default class ProgrammeCostKeysController {
  async store({ request, response, tenant, session }: HttpContext) {
    const { exercice, cle, version } = await request.validateUsing(overheadKeyValidator)
    const { year } = await SaveOverheadKey.handle(tenant!, {
      fiscalYearId: exercice,
      key: cle,
      version,
    })
    session.flash('success', `Clé de répartition enregistrée : ${labelOf(OVERHEAD_KEYS, cle)}.`)
    return response.redirect().toRoute('accounting.programme_costs', {}, { qs: { annee: year } })
  }
}
