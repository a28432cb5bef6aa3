import type { HttpContext } from '@adonisjs/core/http'
import { OrganisationLogo } from '#reports/core/organisation_logo'
import StoreOrganisationLogo from '#actions/core/store_organisation_logo'
import RemoveOrganisationLogo from '#actions/core/remove_organisation_logo'

/** The organisation's logo: shown on print views to its users, replaced or removed by its admin. */
export default class OrganisationLogoController {
  async show({ response, tenant }: HttpContext) {
    const logo = await new OrganisationLogo(tenant!, {}).build()
    response.header('Content-Type', logo.contentType)
    response.header('X-Content-Type-Options', 'nosniff')
    response.header('Content-Security-Policy', "default-src 'none'; sandbox")
    // The address carries the image's hash (?v=…): a new logo is a new address.
    response.header('Cache-Control', 'private, max-age=86400')
    return response.send(logo.bytes)
  }

  async store({ request, response, session, tenant }: HttpContext) {
    // Size and content are checked by the action (the route's upload cap refuses more first).
    const file = request.file('fichier')
    await StoreOrganisationLogo.handle(tenant!, { file })
    session.flash('success', 'Logo enregistré : il figure en tête des pages imprimées.')
    return response.redirect().toRoute('organisation_settings.edit')
  }

  async destroy({ response, session, tenant }: HttpContext) {
    await RemoveOrganisationLogo.handle(tenant!)
    session.flash('success', 'Logo retiré.')
    return response.redirect().toRoute('organisation_settings.edit')
  }
}
