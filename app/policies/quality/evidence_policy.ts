import type User from '#models/core/user'
import type Criterion from '#models/quality/criterion'
import type EvidenceFile from '#models/quality/evidence_file'
import { DomainPolicy } from '#policies/domain_policy'

/**
 * Evidence follows its criterion: whoever may read the criterion (same organisation,
 * quality.read) may download its files; only quality.write may add or remove them (the
 * criterion is then looked up within the user's organisation by the action).
 */
export default class EvidencePolicy extends DomainPolicy {
  download(user: User, evidence: EvidenceFile, criterion: Criterion) {
    return (
      this.allows(user, 'quality.read') &&
      criterion.id === evidence.criterionId &&
      criterion.organisationId === user.actingOrganisationId &&
      evidence.organisationId === user.actingOrganisationId
    )
  }

  manage(user: User) {
    return this.allows(user, 'quality.write')
  }
}
