import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import ProgrammeTarget from '#models/activity/programme_target'
import { ProgrammeTargetList } from '#reports/activity/programme_targets'
import { RuleError } from '#support/domain_errors'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'

/**
 * Sets a programme's targets of a year to the sums of its conventions' activity targets, in one
 * action: a missing target is created, a different one corrected (each audited); a convention's
 * indicator code that the catalogue does not know is left out. Returns how many changed.
 */
export default class ImportGrantTargets {
  static handle(
    tenant: Tenant,
    input: { programmeId: number; year: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) => {
      const list = await new ProgrammeTargetList(tenant, input, t).build()
      const known = list.proposals.filter((p) => p.indicatorId !== null)
      if (known.length === 0) {
        throw new RuleError(
          `Aucune convention finançant « ${list.programme.name} » ne fixe d’objectif ${input.year} sur un indicateur connu.`
        )
      }
      let changed = 0
      for (const proposal of known) {
        const target = await ProgrammeTarget.query({ client: t })
          .where({
            programmeId: input.programmeId,
            indicatorId: proposal.indicatorId!,
            year: input.year,
          })
          .forUpdate()
          .first()
        if (!target) {
          await ProgrammeTarget.create(
            {
              programmeId: input.programmeId,
              indicatorId: proposal.indicatorId!,
              year: input.year,
              target: proposal.target,
            },
            { client: t }
          )
          changed += 1
        } else if (!target.target.equals(proposal.target)) {
          target.target = proposal.target
          target.version += 1
          await target.save()
          changed += 1
        }
      }
      return { changed, programme: list.programme }
    })
  }
}
