import type { BaseModel } from '@adonisjs/lucid/orm'
import { afterCreate, afterDelete, afterUpdate, beforeUpdate } from '@adonisjs/lucid/orm'
import type { NormalizeConstructor } from '@adonisjs/core/types/helpers'
import type { LucidRow } from '@adonisjs/lucid/types/model'
import { recordAudit, type AuditDomain } from '#support/audit'

const HIDDEN = new Set(['password', 'rememberMeToken'])

function snapshot(values: Record<string, unknown>) {
  const result: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(values)) {
    if (!HIDDEN.has(key)) result[key] = value
  }
  return result
}

/**
 * Every create, update and delete writes an audit event (who, when, before, after) through the
 * row's own transaction when it has one, so the event commits or rolls back with the change.
 */
export function Auditable(domain: AuditDomain) {
  return <T extends NormalizeConstructor<typeof BaseModel>>(superclass: T) => {
    class Audited extends superclass {
      declare $auditBefore?: Record<string, unknown>

      @afterCreate()
      static async auditCreate(row: Audited) {
        await recordAudit(
          row as unknown as LucidRow,
          domain,
          'create',
          null,
          snapshot(row.$attributes)
        )
      }

      @beforeUpdate()
      static captureBefore(row: Audited) {
        row.$auditBefore = snapshot({ ...row.$original })
      }

      @afterUpdate()
      static async auditUpdate(row: Audited) {
        const before = row.$auditBefore ?? {}
        const after = snapshot(row.$attributes)
        const changedBefore: Record<string, unknown> = {}
        const changedAfter: Record<string, unknown> = {}
        for (const key of Object.keys(after)) {
          if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
            changedBefore[key] = before[key]
            changedAfter[key] = after[key]
          }
        }
        await recordAudit(row as unknown as LucidRow, domain, 'update', changedBefore, changedAfter)
      }

      @afterDelete()
      static async auditDelete(row: Audited) {
        await recordAudit(
          row as unknown as LucidRow,
          domain,
          'delete',
          snapshot(row.$attributes),
          null
        )
      }
    }
    return Audited
  }
}
