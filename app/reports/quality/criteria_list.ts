import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { STATUS_LABELS, type AssessmentStatus } from '#models/quality/labels'
import Criterion from '#models/quality/criterion'
import Referential from '#models/quality/referential'

/**
 * The criteria of one referential edition (the current one by default) with their theme,
 * assessment, owner and evidence counts, in referential order.
 */
export async function criteriaList(referentialId?: number) {
  const query = Referential.query()
  const referential = await (
    referentialId ? query.where('id', referentialId) : query.where('is_current', true)
  ).first()
  if (!referential) return { referential: null, criteria: [] as Criterion[] }
  const criteria = await Criterion.query()
    .where('referential_id', referential.id)
    .preload('theme')
    .preload('assessment', (q) => q.preload('owner'))
    .withCount('evidenceFiles')
    .withCount('evidenceLinks')
    .orderBy('position')
  return { referential, criteria }
}

/** Every status change of the criteria of one referential edition, oldest first. */
export async function statusHistory(organisationId: number, referentialId: number) {
  const rows = await db
    .from('criterion_status_changes as h')
    .join('criteria as c', 'c.id', 'h.criterion_id')
    .leftJoin('users as u', 'u.id', 'h.user_id')
    .where('h.organisation_id', organisationId)
    .where('c.referential_id', referentialId)
    .orderBy('h.created_at')
    .orderBy('h.id')
    .select(
      'c.code',
      'c.title',
      'h.created_at',
      'h.from_status',
      'h.to_status',
      'h.comment',
      'h.actor'
    )
    .select('u.full_name as user_name')
  return rows.map((row) => ({
    code: row.code as string,
    title: row.title as string,
    at: DateTime.fromJSDate(row.created_at),
    by: (row.user_name ?? row.actor) as string,
    from: row.from_status ? STATUS_LABELS[row.from_status as AssessmentStatus] : null,
    to: STATUS_LABELS[row.to_status as AssessmentStatus],
    comment: row.comment as string | null,
  }))
}
