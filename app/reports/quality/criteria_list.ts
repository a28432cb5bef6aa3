import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import Criterion from '#models/quality/criterion'
import Referential from '#models/quality/referential'
import { ASSESSMENT_STATUSES } from '#vocabulary/quality'
import { labelOf } from '#vocabulary/labels'
import { Report } from '#support/report'

/** Which edition of the referential: the current one unless one is named. */
export interface EditionParams {
  referentialId?: number
}

function edition({ referentialId }: EditionParams) {
  const query = Referential.query()
  return (
    referentialId ? query.where('id', referentialId) : query.where('is_current', true)
  ).first()
}

/**
 * The criteria of one referential edition (the current one by default) with their theme,
 * assessment, owner and evidence counts, in referential order.
 */
export class CriteriaList extends Report<
  EditionParams,
  { referential: Referential | null; criteria: Criterion[] }
> {
  async build() {
    const referential = await edition(this.params)
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
}

export interface StatusHistoryRow {
  code: string
  title: string
  at: DateTime
  by: string
  from: string | null
  to: string
  comment: string | null
}

interface StatusHistoryRecord {
  code: string
  title: string
  created_at: Date
  from_status: string | null
  to_status: string
  comment: string | null
  actor: string
  user_name: string | null
}

/** Every status change of the criteria of one referential edition, oldest first. */
export class StatusHistory extends Report<
  EditionParams,
  { referential: Referential | null; rows: StatusHistoryRow[] }
> {
  async build() {
    const referential = await edition(this.params)
    if (!referential) return { referential: null, rows: [] }
    const records: StatusHistoryRecord[] = await db
      .from('criterion_status_changes as h')
      .join('criteria as c', 'c.id', 'h.criterion_id')
      .leftJoin('users as u', 'u.id', 'h.user_id')
      .where('h.organisation_id', this.tenant.organisationId)
      .where('c.referential_id', referential.id)
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
    const rows = records.map((row) => ({
      code: row.code,
      title: row.title,
      at: DateTime.fromJSDate(row.created_at),
      by: row.user_name ?? row.actor,
      from: row.from_status ? labelOf(ASSESSMENT_STATUSES, row.from_status) : null,
      to: labelOf(ASSESSMENT_STATUSES, row.to_status),
      comment: row.comment,
    }))
    return { referential, rows }
  }
}
