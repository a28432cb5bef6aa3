import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { DateTime } from 'luxon'
import MemberBody from '#models/governance/member_body'
import Person from '#models/governance/person'
import { underDatabaseRules } from '#support/domain_errors'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { BureauRole, MemberKind, ObtainedBy, SeatRole } from '#vocabulary/governance'
import { addSeat } from '#actions/governance/seats'

/** A seat as the form names it: the member body by name (created if new), a new person. */
export interface NamedSeatInput {
  collegeId: number
  memberBodyName: string
  memberKind: MemberKind
  personName?: string
  personEmail?: string
  role: SeatRole
  mandateStart: DateTime
  mandateEnd?: DateTime | null
  obtainedBy: ObtainedBy
  reEligible?: boolean
  /** The seat's votes are those of the college's other EPCIs together. */
  derivedFromEpci?: boolean
  /** For an alternate: the titular seat it stands in for. */
  titularSeatId?: number | null
  /** An office of the bureau (titular seats only). */
  bureauRole?: BureauRole | null
}

/**
 * Gives a member body a seat, registering the body and its representative when the form names
 * new ones. Refused beyond the college's cap; derived weights are recomputed (see addSeat).
 */
export default class AddSeat {
  static handle(_tenant: Tenant, input: NamedSeatInput, trx?: TransactionClientContract) {
    return underDatabaseRules(() =>
      withTransaction(trx, async (t) => {
        const body =
          (await MemberBody.query({ client: t }).where('name', input.memberBodyName).first()) ??
          (await MemberBody.create(
            { name: input.memberBodyName, kind: input.memberKind },
            { client: t }
          ))
        const person = input.personName
          ? await Person.create(
              {
                fullName: input.personName,
                email: input.personEmail ?? null,
                memberBodyId: body.id,
              },
              { client: t }
            )
          : null
        return addSeat(
          {
            collegeId: input.collegeId,
            memberBodyId: body.id,
            personId: person?.id ?? null,
            role: input.role,
            voteRule: input.derivedFromEpci
              ? { kind: 'derived', derived: 'sum_of_college_members', of: ['epci'] }
              : null,
            mandateStart: input.mandateStart,
            mandateEnd: input.mandateEnd ?? null,
            obtainedBy: input.obtainedBy,
            reEligible: input.reEligible ?? false,
            titularSeatId: input.titularSeatId ?? null,
            bureauRole: input.bureauRole ?? null,
          },
          t
        )
      })
    )
  }
}
