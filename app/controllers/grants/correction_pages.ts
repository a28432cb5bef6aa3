import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { ItemCorrection } from '#reports/grants/corrections'
import { GRANT_PAGE_VOCABULARY, type CorrectableItem } from '#vocabulary/grants'

/**
 * The correction page of a convention's record (pages/grants/corrections/<kind>): its edit
 * form while nothing depends on it, otherwise why not; its cancellation form with a reason.
 */
export async function correctionPage(
  { params, tenant, view, request }: HttpContext,
  kind: CorrectableItem
) {
  const lineSearch = String(request.input('q') ?? '').trim()
  const state = await new ItemCorrection(tenant!, {
    kind,
    id: Number(params.id),
    lineSearch,
  }).build()
  return view.render(`pages/grants/corrections/${kind}`, {
    ...state,
    lineSearch,
    ...GRANT_PAGE_VOCABULARY,
    breadcrumbs: [
      { label: 'Financements', href: urlFor('grants.dashboard') },
      { label: state.grant.reference, href: urlFor('grants.grants.show', { id: state.grant.id }) },
      { label: `Corriger : ${state.label.toLowerCase()}` },
    ],
  })
}

/** Back to the convention's page after a correction, saying what was done. */
export function toConvention(
  { response, session }: HttpContext,
  grantId: number,
  message: string,
  warning?: string
) {
  session.flash('success', message)
  if (warning) session.flash('warning', warning)
  return response.redirect().toRoute('grants.grants.show', { id: grantId })
}
