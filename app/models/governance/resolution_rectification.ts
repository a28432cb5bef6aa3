import { compose } from '@adonisjs/core/helpers'
import { ResolutionRectificationSchema } from '#database/schema'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'
import { RESOLUTION_RESULTS } from '#vocabulary/governance'
import { labelOf } from '#vocabulary/labels'

/**
 * A proclaimed result corrected before the signed minutes were filed: the result and tally it
 * replaced, the new ones and why. Shown under the resolution and in the minutes.
 */
export default class ResolutionRectification extends compose(
  ResolutionRectificationSchema,
  OrganisationScoped,
  Auditable('governance')
) {
  get previousResultLabel() {
    return labelOf(RESOLUTION_RESULTS, this.previousResult)
  }

  get resultLabel() {
    return labelOf(RESOLUTION_RESULTS, this.result)
  }
}
