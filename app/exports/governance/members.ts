import { buildWorkbook } from '#support/spreadsheet/writer'
import type { MemberDirectoryResult } from '#reports/governance/member_directory'
import { MEMBER_KINDS } from '#vocabulary/governance'
import { labelOf } from '#vocabulary/labels'

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
    { header: 'Membre', key: 'body', type: 'text' as const, width: 40 },
    { header: 'Catégorie', key: 'kind', type: 'text' as const, width: 30 },
    { header: 'Actif', key: 'active', type: 'text' as const },
    { header: 'Représentant', key: 'person', type: 'text' as const, width: 30 },
    { header: 'Adresse e-mail', key: 'email', type: 'text' as const, width: 30 },
  ]
  return buildWorkbook([{ name: 'Membres', columns, rows }])
}
