import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import MemberBody from '#models/governance/member_body'
import { GovernanceRuleError } from '#models/governance/rule_error'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { underDatabaseRules } from '#support/domain_errors'
import { count } from '#actions/governance/member_rules'

/** Seats keep the history of the board (RESTRICT): a body that ever held one is kept. */
async function assertBodyCanBeDeleted(body: MemberBody, trx: TransactionClientContract) {
  if (await count(trx.from('seats').where('member_body_id', body.id))) {
    throw new GovernanceRuleError(
      `« ${body.name} » a détenu des sièges : sa fiche est conservée pour l'historique (rendez-le inactif).`
    )
  }
  if (await count(trx.from('persons').where('member_body_id', body.id))) {
    throw new GovernanceRuleError(
      `« ${body.name} » a encore des représentants : rattachez-les à un autre membre ou supprimez-les d'abord.`
    )
  }
}

/**
 * Deletes a member body that never held a seat and has no representative left. PostgreSQL
 * refuses it too (trigger member_bodies_kept, migration 8900), whatever the path.
 */
export default class DeleteMemberBody {
  static handle(_tenant: Tenant, id: number, trx?: TransactionClientContract) {
    return underDatabaseRules(() =>
      withTransaction(trx, async (t) => {
        const body = await MemberBody.query({ client: t }).where('id', id).forUpdate().firstOrFail()
        await assertBodyCanBeDeleted(body, t)
        await body.useTransaction(t).delete()
        return body
      })
    )
  }
}
