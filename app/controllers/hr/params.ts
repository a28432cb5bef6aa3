import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { pageYear } from '#http/year_choice'

/** ?annee=, or the latest year that has HR data (hires, departures, training, time). */
export function hrYear(ctx: HttpContext) {
  return pageYear(ctx, 'hr')
}

/** Breadcrumbs under "Ressources humaines". */
export function hrCrumbs(...crumbs: Array<{ label: string; href?: string }>) {
  return [{ label: 'Ressources humaines', href: urlFor('hr.home') }, ...crumbs]
}
