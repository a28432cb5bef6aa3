import { ReconciliationResultSchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'

export const STATUS_LABELS: Record<string, string> = {
  ok: 'Concordant',
  rounding: 'Arrondi',
  discrepancy: 'Écart',
  missing_data: 'Données manquantes',
}

export default class ReconciliationResult extends compose(
  ReconciliationResultSchema,
  OrganisationScoped
) {
  get statusLabel() {
    return STATUS_LABELS[this.status] ?? this.status
  }
}
