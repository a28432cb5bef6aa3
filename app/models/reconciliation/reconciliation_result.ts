import { ReconciliationResultSchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { CHECK_STATUSES } from '#vocabulary/reconciliation'
import { labelOf } from '#vocabulary/labels'

export default class ReconciliationResult extends compose(
  ReconciliationResultSchema,
  OrganisationScoped
) {
  get statusLabel() {
    return labelOf(CHECK_STATUSES, this.status)
  }
}
