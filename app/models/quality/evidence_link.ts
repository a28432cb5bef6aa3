import { EvidenceLinkSchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'
import { LINK_KIND_LABELS, type EvidenceLinkKind } from '#models/quality/labels'

/**
 * Where each kind of record lives in Socle. The link is built when it is shown, from the kind
 * and the reference (a year or a record id), so it always opens the current record.
 */
const ROUTES: Record<EvidenceLinkKind, (reference: string) => string> = {
  ag_minutes: (reference) => `/gouvernance/reunions/${encodeURIComponent(reference)}`,
  training_plan: (reference) => `/rh/formations?annee=${encodeURIComponent(reference)}`,
  bilan_social: (reference) => `/rh/bilan-social?annee=${encodeURIComponent(reference)}`,
  funder_report: (reference) => `/financements/${encodeURIComponent(reference)}`,
  audit_log: (reference) => `/admin/journal?sujet=${encodeURIComponent(reference)}`,
  url: (reference) => reference,
}

export default class EvidenceLink extends compose(
  EvidenceLinkSchema,
  OrganisationScoped,
  Auditable('quality')
) {
  get href() {
    return ROUTES[this.kind as EvidenceLinkKind](this.reference)
  }

  get kindLabel() {
    return LINK_KIND_LABELS[this.kind as EvidenceLinkKind]
  }

  get isExternal() {
    return this.kind === 'url'
  }
}
