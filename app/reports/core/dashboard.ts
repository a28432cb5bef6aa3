import Organisation from '#models/core/organisation'
import { GettingStarted, type GettingStartedData } from '#reports/core/getting_started'
import { Report } from '#support/report'

/** The home page of the acting organisation, with its getting-started checklist. */
export class Dashboard extends Report<
  Record<string, never>,
  { organisation: Organisation; gettingStarted: GettingStartedData }
> {
  async build() {
    const organisation = await Organisation.findOrFail(this.tenant.organisationId)
    const gettingStarted = await new GettingStarted(this.tenant, {}).build()
    return { organisation, gettingStarted }
  }
}
