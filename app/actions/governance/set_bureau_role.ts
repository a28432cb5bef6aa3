import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Seat from '#models/governance/seat'
import { GovernanceRuleError } from '#models/governance/rule_error'
import { underDatabaseRules } from '#support/domain_errors'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { BureauRole } from '#vocabulary/governance'
import { parisToday } from '#actions/governance/member_rules'
import { assertPresidentFree } from '#actions/governance/seats'

/**
 * Gives a titular seat an office of the bureau, or takes it back (null): the bureau meetings
 * convene these seats only, and the president's vote decides a tie where the statutes say so.
 * One president among the seats not yet ended; an ended mandate holds no office. Audited.
 */
export default class SetBureauRole {
  static handle(
    _tenant: Tenant,
    input: { seatId: number; bureauRole: BureauRole | null },
    trx?: TransactionClientContract
  ) {
    return underDatabaseRules(() =>
      withTransaction(trx, async (t) => {
        const seat = await Seat.query({ client: t })
          .where('id', input.seatId)
          .forUpdate()
          .preload('memberBody')
          .firstOrFail()
        if (input.bureauRole) {
          if (seat.role !== 'titular') {
            throw new GovernanceRuleError('Seul un titulaire peut siéger au bureau.', {
              field: 'bureauRole',
            })
          }
          if (seat.mandateEnd && seat.mandateEnd.toISODate()! < parisToday().toISODate()!) {
            throw new GovernanceRuleError(
              `Le mandat de ${seat.memberBody.name} est clos : il ne peut plus siéger au bureau.`,
              { field: 'bureauRole' }
            )
          }
          if (input.bureauRole === 'president') await assertPresidentFree(seat.id, t)
        }
        seat.useTransaction(t)
        seat.bureauRole = input.bureauRole
        seat.version = (seat.version ?? 1) + 1
        await seat.save()
        return seat
      })
    )
  }
}
