import Organisation from '#models/core/organisation'
import { Report } from '#support/report'

/** The home page of the acting organisation. */
export class Dashboard extends Report<Record<string, never>, { organisation: Organisation }> {
  async build() {
    const organisation = await Organisation.findOrFail(this.tenant.organisationId)
    return { organisation }
  }
}
