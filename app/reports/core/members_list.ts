import db from '@adonisjs/lucid/services/db'
import { Report } from '#support/report'
import { ROLE_LABELS, ROLES } from '#vocabulary/core'
import { labelOf } from '#vocabulary/labels'

export interface MemberRow {
  id: number
  fullName: string
  email: string
  roles: string
  isActive: boolean
}

export interface MembersListResult {
  members: MemberRow[]
  roleOptions: Array<{ value: string; label: string }>
}

/**
 * The people of other organisations who belong to the acting one (ADR 9), with their roles
 * here; its own users are on the users page. Names and e-mails come from their accounts, read
 * through the membership that links them to this organisation.
 */
export class MembersList extends Report<Record<string, never>, MembersListResult> {
  async build(): Promise<MembersListResult> {
    const rows: Array<{
      id: number
      full_name: string
      email: string
      roles: string[]
      is_active: boolean
    }> = await db
      .from('memberships as m')
      .join('users as u', 'u.id', 'm.user_id')
      .where('m.organisation_id', this.tenant.organisationId)
      .whereNot('u.organisation_id', this.tenant.organisationId)
      .select('m.id', 'u.full_name', 'u.email', 'm.roles', 'm.is_active')
      .orderBy('m.is_active', 'desc')
      .orderBy('u.full_name')
      .orderBy('m.id')
    return {
      members: rows.map((row) => ({
        id: row.id,
        fullName: row.full_name,
        email: row.email,
        roles: row.roles.map((role) => labelOf(ROLE_LABELS, role)).join(', '),
        isActive: row.is_active,
      })),
      roleOptions: ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] })),
    }
  }
}
