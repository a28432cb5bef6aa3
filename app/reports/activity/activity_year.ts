import { Report } from '#support/report'
import { YearsWithData } from '#reports/core/years_with_data'

/** The year asked for (?annee=), else the latest year with activity values. */
export class ActivityYear extends Report<{ year?: number }, number> {
  async build() {
    if (this.params.year) return this.params.year
    return (await new YearsWithData(this.tenant, { domain: 'activity' }).build()).year
  }
}
