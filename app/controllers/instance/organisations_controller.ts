import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { instanceOrganisationValidator } from '#validators/instance'
import { InstanceOrganisations } from '#reports/instance/organisations_list'
import { createOrganisation } from '#actions/core/create_organisation'
import { welcomeUrl } from '#mail/links'

const breadcrumbs = [{ label: 'Organisations de l’instance' }]

/**
 * The instance administrator's page (ADR 9): every organisation, starting a new one (the same
 * action as `node ace organisation:create`), deactivating one, and the network links.
 */
export default class OrganisationsController {
  async index({ view, tenant }: HttpContext) {
    const list = await new InstanceOrganisations(tenant!, {}).build()
    return view.render('pages/instance/organisations', { ...list, breadcrumbs })
  }

  /** The welcome link is shown once, on this answer, and never stored in clear. */
  async store({ request, view, tenant }: HttpContext) {
    const payload = await request.validateUsing(instanceOrganisationValidator)
    const { organisation, admin, token } = await createOrganisation(payload, {
      actorLabel: `administrateur de l’instance (${tenant!.label})`,
    })
    return view.render('pages/instance/created', {
      organisation,
      admin,
      link: welcomeUrl(token),
      breadcrumbs: [
        { label: 'Organisations de l’instance', href: urlFor('instance.organisations.index') },
        { label: organisation.name },
      ],
    })
  }
}
