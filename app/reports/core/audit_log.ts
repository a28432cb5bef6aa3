import type { ModelPaginatorContract } from '@adonisjs/lucid/types/model'
import AuditEvent from '#models/core/audit_event'
import { DateTime } from 'luxon'
import { Report } from '#support/report'
import { AUDIT_DOMAINS } from '#vocabulary/core'
import { codesOf } from '#vocabulary/labels'

export interface AuditFilters {
  domain?: string
  action?: string
  actor?: string
  from?: Date
  to?: Date
  /** The page of 50 events (the page); the export reads every event. */
  page?: number
}

/** The audit journal of the acting organisation, filtered; newest first. */
export class AuditLog extends Report<AuditFilters, { page: ModelPaginatorContract<AuditEvent> }> {
  static domains = codesOf(AUDIT_DOMAINS)

  async build() {
    return { page: await this.query().paginate(this.params.page ?? 1, 50) }
  }

  private query() {
    const { domain, action, actor, from, to } = this.params
    const query = AuditEvent.query().orderBy('id', 'desc')
    if (domain) query.where('domain', domain)
    if (action) query.where('action', action)
    if (actor) query.whereILike('actor', `%${actor}%`)
    if (from) query.where('created_at', '>=', DateTime.fromJSDate(from).startOf('day').toSQL()!)
    if (to)
      query.where(
        'created_at',
        '<',
        DateTime.fromJSDate(to).plus({ days: 1 }).startOf('day').toSQL()!
      )
    return query
  }

  /** Keyset pages of 2 000 events: bounded memory for the Excel export. */
  async *rows() {
    let lastId: number | null = null
    while (true) {
      const query = this.query().limit(2000)
      if (lastId !== null) query.where('id', '<', lastId)
      const events = await query
      if (events.length === 0) return
      for (const event of events) {
        yield {
          createdAt: event.createdAt,
          time: event.createdAt.setZone('Europe/Paris').toFormat('HH:mm:ss'),
          actor: event.actor,
          domain: event.domain,
          action: event.action,
          subject: `${event.subjectType}${event.subjectId ? ' #' + event.subjectId : ''}`,
          summary: event.summary ?? '',
          before: event.before ? JSON.stringify(event.before) : '',
          after: event.after ? JSON.stringify(event.after) : '',
          requestId: event.requestId ?? '',
        }
      }
      lastId = Number(events[events.length - 1].id)
    }
  }
}
