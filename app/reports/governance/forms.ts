import { DateTime } from 'luxon'
import College from '#models/governance/college'
import Seat from '#models/governance/seat'
import MemberBody from '#models/governance/member_body'
import Person from '#models/governance/person'
import { Report } from '#support/report'

/** What the forms of the governance pages show: the record edited and the choices offered. */

/** A college's cap and vote rule, to edit. */
export class CollegeForm extends Report<{ id: number }, { college: College }> {
  async build() {
    return { college: await College.findOrFail(this.params.id) }
  }
}

/** A member body, to edit. */
export class MemberBodyForm extends Report<{ id: number }, { body: MemberBody }> {
  async build() {
    return { body: await MemberBody.findOrFail(this.params.id) }
  }
}

/** A person (null: a new one) and the member bodies they may represent, by name. */
export class PersonForm extends Report<
  { id: number | null },
  { person: Person | null; bodies: MemberBody[] }
> {
  async build() {
    const person = this.params.id === null ? null : await Person.findOrFail(this.params.id)
    return { person, bodies: await MemberBody.query().orderBy('name') }
  }
}

/**
 * The colleges a new seat may join, by number, and the titular seats not yet ended that an
 * alternate may stand in for.
 */
export class SeatForm extends Report<
  Record<string, never>,
  { colleges: College[]; titulars: Seat[] }
> {
  async build() {
    const today = DateTime.now().setZone('Europe/Paris').toISODate()!
    const titulars = await Seat.query()
      .where('role', 'titular')
      .where((q) => q.whereNull('mandate_end').orWhere('mandate_end', '>=', today))
      .preload('college')
      .preload('memberBody')
      .orderBy('college_id')
      .orderBy('id')
    return { colleges: await College.query().orderBy('number'), titulars }
  }
}
