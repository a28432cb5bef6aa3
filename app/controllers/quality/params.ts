import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import type { EditionParams } from '#reports/quality/criteria_list'

/** The edition asked for with ?referentiel=<id>; the current one otherwise. */
export function referentialParam(request: HttpContext['request']): EditionParams {
  return { referentialId: Number(request.input('referentiel')) || undefined }
}

/** Breadcrumbs under "Qualité" (the score page); a crumb with an href is a link. */
export function qualityCrumbs(...crumbs: Array<{ label: string; href?: string }>) {
  return [{ label: 'Qualité', href: urlFor('quality.score') }, ...crumbs]
}
