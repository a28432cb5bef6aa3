import db from '@adonisjs/lucid/services/db'
import type { LucidRow, LucidModel } from '@adonisjs/lucid/types/model'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { currentActor } from '#support/request_context'
import type { AUDIT_ACTIONS, AuditDomain } from '#vocabulary/core'

export type { AuditDomain } from '#vocabulary/core'

// The usual actions, or a domain's own verb.
export type AuditAction = keyof typeof AUDIT_ACTIONS | (string & {})

function jsonSafe(values: Record<string, unknown> | null) {
  if (values === null) return null
  return JSON.parse(JSON.stringify(values))
}

/** Writes one audit event; pass the transaction of the change so both commit together. */
export async function recordEvent(event: {
  domain: AuditDomain
  action: AuditAction
  subjectType: string
  subjectId?: string | number | null
  summary?: string | null
  before?: Record<string, unknown> | null
  after?: Record<string, unknown> | null
  organisationId?: number | null
  trx?: TransactionClientContract | null
}) {
  const actor = currentActor()
  const client = event.trx ?? db
  await client.table('audit_events').insert({
    organisation_id: event.organisationId ?? actor?.organisationId ?? null,
    user_id: actor?.userId ?? null,
    actor: actor?.label ?? 'système',
    domain: event.domain,
    action: event.action,
    subject_type: event.subjectType,
    subject_id:
      event.subjectId === undefined || event.subjectId === null ? null : String(event.subjectId),
    summary: event.summary ?? null,
    before: event.before ? JSON.stringify(jsonSafe(event.before)) : null,
    after: event.after ? JSON.stringify(jsonSafe(event.after)) : null,
    request_id: actor?.requestId ?? null,
    ip: actor?.ip ?? null,
  })
}

export async function recordAudit(
  row: LucidRow,
  domain: AuditDomain,
  action: AuditAction,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null
) {
  const model = row.constructor as LucidModel
  const organisationId = (row as unknown as { organisationId?: number }).organisationId
  await recordEvent({
    domain,
    action,
    subjectType: model.table,
    subjectId: (row as unknown as Record<string, unknown>)[model.primaryKey] as string | number,
    before,
    after,
    organisationId: organisationId ?? null,
    trx: row.$trx ?? null,
  })
}
