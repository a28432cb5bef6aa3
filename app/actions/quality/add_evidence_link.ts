import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Criterion from '#models/quality/criterion'
import EvidenceLink, { evidenceReferenceError } from '#models/quality/evidence_link'
import { RuleError } from '#support/domain_errors'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { EvidenceLinkForm } from '#validators/quality'

/** Links a criterion to a Socle record (or an external address) as evidence. */
export default class AddEvidenceLink {
  static handle(
    tenant: Tenant,
    input: EvidenceLinkForm & { criterionId: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) => {
      const criterion = await Criterion.findOrFail(input.criterionId, { client: t })
      const invalid = evidenceReferenceError(input.kind, input.reference)
      if (invalid) throw new RuleError(invalid, { field: 'reference' })
      return EvidenceLink.create(
        {
          criterionId: criterion.id,
          kind: input.kind,
          reference: input.reference,
          label: input.label ?? null,
          createdBy: tenant.userId,
        },
        { client: t }
      )
    })
  }
}
