import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import HrYear from '#reports/hr/hr_year'
import { hrYearValidator } from '#validators/hr'

/** ?annee=, or the last complete year that has register data. */
export async function hrYear({ request, tenant }: HttpContext) {
  const { annee } = await hrYearValidator.validate(request.qs())
  return new HrYear(tenant!, { requested: annee }).build()
}

/** Breadcrumbs under "Ressources humaines". */
export function hrCrumbs(...crumbs: Array<{ label: string; href?: string }>) {
  return [{ label: 'Ressources humaines', href: urlFor('hr.home') }, ...crumbs]
}
