import MemberBody from '#models/governance/member_body'
import Person from '#models/governance/person'
import { Report } from '#support/report'

export interface MemberDirectoryResult {
  bodies: Array<{ body: MemberBody; persons: Person[] }>
  unattached: Person[]
}

/** Member bodies by name with the people who represent them, then the people of no body. */
export default class MemberDirectory extends Report<Record<string, never>, MemberDirectoryResult> {
  async build() {
    const bodies = await MemberBody.query().orderBy('name')
    const persons = await Person.query().orderBy('full_name')
    const of = (id: number | null) => persons.filter((p) => p.memberBodyId === id)
    return { bodies: bodies.map((body) => ({ body, persons: of(body.id) })), unattached: of(null) }
  }
}
