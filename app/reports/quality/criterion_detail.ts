import Criterion from '#models/quality/criterion'
import OrganisationPerson from '#models/core/organisation_person'
import { ASSESSMENT_STATUSES, EVIDENCE_LINK_KINDS, optionsOf } from '#vocabulary/quality'
import { codesOf } from '#vocabulary/labels'
import { Report } from '#support/report'

/**
 * One criterion's page: the criterion with its theme, referential, assessment, status history
 * and evidence, and the choices of its forms (statuses the referential allows, the
 * organisation's active members).
 */
export class CriterionDetail extends Report<{ id: number }, Awaited<ReturnType<typeof load>>> {
  build() {
    return load(this.params.id)
  }
}

async function load(id: number) {
  const criterion = await Criterion.query()
    .where('id', id)
    .preload('theme')
    .preload('referential')
    .preload('assessment', (q) => q.preload('owner'))
    .preload('statusChanges', (q) =>
      q.preload('user').orderBy('created_at', 'desc').orderBy('id', 'desc')
    )
    .preload('evidenceFiles', (q) => q.preload('uploader').orderBy('created_at', 'desc'))
    .preload('evidenceLinks', (q) => q.orderBy('created_at', 'desc'))
    .firstOrFail()
  const people = await OrganisationPerson.choosable()
  const statuses = codesOf(ASSESSMENT_STATUSES).filter(
    (status) => status !== 'not_applicable' || criterion.referential.allowsNotApplicable
  )
  return {
    criterion,
    statusOptions: optionsOf(ASSESSMENT_STATUSES, statuses),
    ownerOptions: [
      { value: '' as string | number, label: '— Aucun —' },
      ...people.map((p) => ({ value: p.userId as string | number, label: p.fullName })),
    ],
    linkKindOptions: optionsOf(EVIDENCE_LINK_KINDS),
  }
}
