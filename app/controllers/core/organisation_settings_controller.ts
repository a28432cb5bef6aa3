import type { HttpContext } from '@adonisjs/core/http'
import { OrganisationSettings } from '#reports/core/organisation_settings'
import UpdateOrganisationSettings from '#actions/core/update_organisation_settings'
import { organisationSettingsValidator } from '#validators/core'
import { CHART_VERSIONS, EQUALITY_SIZE_BANDS, MONTHS } from '#vocabulary/core'
import { LOGO_MAX_BYTES } from '#actions/core/store_organisation_logo'

const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }))
const monthOptions = MONTHS.map((label, index) => ({ value: index + 1, label }))

/** The organisation's settings (admin): identity, logo, fiscal year, rates and bands. */
export default class OrganisationSettingsController {
  async edit({ view, tenant }: HttpContext) {
    const settings = await new OrganisationSettings(tenant!, {}).build()
    return view.render('pages/core/organisation_settings/edit', {
      ...settings,
      monthOptions,
      chartOptions: options(CHART_VERSIONS),
      bandOptions: options(EQUALITY_SIZE_BANDS),
      logoMaxKb: LOGO_MAX_BYTES / 1024,
      breadcrumbs: [{ label: 'Paramètres de l’organisation' }],
    })
  }

  async update({ request, response, session, tenant }: HttpContext) {
    const input = await request.validateUsing(organisationSettingsValidator)
    await UpdateOrganisationSettings.handle(tenant!, input)
    session.flash('success', 'Paramètres de l’organisation enregistrés.')
    return response.redirect().toRoute('organisation_settings.edit')
  }
}
