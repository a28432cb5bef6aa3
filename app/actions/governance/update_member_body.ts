import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import MemberBody from '#models/governance/member_body'
import { GovernanceRuleError } from '#models/governance/rule_error'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { lockAtVersion } from '#support/optimistic_lock'
import type { MemberBodyInput } from '#actions/governance/create_member_body'
import {
  assertBodyNameFree,
  count,
  openSeats,
  parisToday,
  uniqueName,
} from '#actions/governance/member_rules'
import { recomputeDerivedWeights } from '#actions/governance/derived_weights'

/** A body that holds a running seat stays active: end its mandates first. */
async function assertBodyCanBeInactive(body: MemberBody, trx: TransactionClientContract) {
  if (await count(openSeats(trx).where('member_body_id', body.id))) {
    throw new GovernanceRuleError(
      `« ${body.name} » détient un siège en cours : clôturez ses mandats avant de le rendre inactif.`
    )
  }
}

/**
 * Renames, recategorises or deactivates a member body. Derived vote weights depend on the kinds
 * of the other members of a college: they are recomputed when the kind changes.
 */
export default class UpdateMemberBody {
  static handle(
    _tenant: Tenant,
    input: MemberBodyInput & { id: number; version?: number },
    trx?: TransactionClientContract
  ) {
    return uniqueName(() =>
      withTransaction(trx, async (t) => {
        const body = await lockAtVersion(MemberBody, input.id, input.version, t)
        await assertBodyNameFree(input.name, body.id, t)
        const isActive = input.isActive ?? false
        if (body.isActive && !isActive) await assertBodyCanBeInactive(body, t)
        const kindChanged = body.kind !== input.kind
        body.merge({ name: input.name, kind: input.kind, isActive })
        await body.useTransaction(t).save()
        if (kindChanged) await recomputeDerivedWeights(parisToday(), t)
        return body
      })
    )
  }
}
