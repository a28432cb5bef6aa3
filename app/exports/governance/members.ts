import { buildWorkbook } from '#support/spreadsheet/writer'
import type { MemberDirectoryResult } from '#reports/governance/member_directory'
import { MEMBER_KINDS } from '#vocabulary/governance'
import { labelOf } from '#vocabulary/labels'
import { col } from '#support/spreadsheet/columns'

/** The member directory: one row per representative (or per body without any), then the rest. */
export function membersWorkbook({ bodies, unattached }: MemberDirectoryResult) {
  const rows = [
    ...bodies.flatMap(({ body, persons }) =>
      (persons.length ? persons : [null]).map((person) => ({
        body: body.name,
        kind: labelOf(MEMBER_KINDS, body.kind),
        active: body.isActive ? 'Oui' : 'Non',
        person: person?.fullName ?? '',
        email: person?.email ?? '',
      }))
    ),
    ...unattached.map((p) => ({
      body: '',
      kind: '',
      active: '',
      person: p.fullName,
      email: p.email ?? '',
    })),
  ]
  const columns = [
    col.text('Membre', 'body', 40),
    col.text('Catégorie', 'kind', 30),
    col.text('Actif', 'active'),
    col.text('Représentant', 'person', 30),
    col.text('Adresse e-mail', 'email', 30),
  ]
  return buildWorkbook([{ name: 'Membres', columns, rows }])
}
