import { ROLES, ROLE_LABELS, type Role } from '#vocabulary/core'

/**
 * The one place that says which role may do what. Policies read it; the route walk test
 * checks every route against it. Board members read, never write; salaries and personal HR
 * data are for hr and admin only.
 *
 * The roles and their labels are defined once in the core vocabulary; re-exported here for
 * the policies and callers that read them with the matrix.
 */
export { ROLES, ROLE_LABELS, type Role }

/** Every role that works on the organisation's own data: 'network' reads network pages only. */
const everyone: Role[] = ROLES.filter((role) => role !== 'network')

export const ROLE_MATRIX = {
  // The home page (a network user is sent on to the network pages), one's own password.
  'dashboard.view': [...everyone, 'network'],

  'admin.users': ['admin'],
  'admin.audit': ['admin'],
  // The organisation's own settings: name, SIREN, address, logo, fiscal year, rates.
  'admin.organisation': ['admin'],
  'admin.imports': ['admin', 'finance', 'hr', 'quality', 'direction'],

  'accounting.read': ['admin', 'direction', 'finance', 'board'],
  'accounting.write': ['admin', 'finance'],
  'accounting.close': ['admin', 'finance'],
  'accounting.reopen': ['admin'],
  // The full FEC (every line with auxiliaries and labels, payroll included).
  'accounting.fec': ['admin', 'finance'],
  // Payroll lines one by one (per employee); others see them summed per account and month.
  'accounting.payroll_detail': ['admin', 'hr'],

  'grants.read': ['admin', 'direction', 'finance', 'board'],
  'grants.write': ['admin', 'finance'],

  'hr.aggregates': ['admin', 'direction', 'hr', 'board'],
  'hr.personal': ['admin', 'hr'],
  'hr.write': ['admin', 'hr'],

  'governance.read': everyone,
  'governance.write': ['admin', 'direction'],

  'quality.read': everyone,
  'quality.write': ['admin', 'direction', 'quality'],

  'activity.read': everyone,
  'activity.write': ['admin', 'direction', 'quality'],

  // The cash-flow forecast (issue #18): the bank balance projected, its manual items and threshold.
  'treasury.read': ['admin', 'direction', 'finance', 'board'],
  'treasury.write': ['admin', 'finance'],

  // Bank statements and bank matching (issue #18): the statements imported, the matches, the
  // reconciliation statement.
  'bank.read': ['admin', 'direction', 'finance', 'board'],
  'bank.write': ['admin', 'finance'],

  // The annual report (issue #17): aggregates only, read by the board.
  'annual_report.read': ['admin', 'direction', 'finance', 'board'],

  'reconciliation.read': ['admin', 'direction', 'finance', 'hr', 'quality', 'board'],
  'reconciliation.run': ['admin', 'direction', 'finance'],

  // One's own alerts (issue #17): the list, its workbook, marking one as read and the digest
  // frequency are a person's own, board members included; each alert carries the roles that see it.
  'alerts.read': everyone,

  // A regional association's consolidated figures of its members (ADR 9); a member's admin
  // agrees (or not) to share them.
  'network.read': ['network'],
  'network.sharing': ['admin'],

  // No role grants these: they belong to the instance administrator, a flag on the account
  // (`users.is_instance_admin`), whatever the organisation acted for.
  'instance.organisations': [],
} as const satisfies Record<string, readonly Role[]>

export type Permission = keyof typeof ROLE_MATRIX
export type PolicyDomain = Permission extends `${infer D}.${string}` ? D : never

/** Permissions of the instance administrator rather than of a role. */
export function isInstancePermission(permission: Permission) {
  return permission.startsWith('instance.')
}

export function rolesAllow(roles: readonly string[], permission: Permission): boolean {
  const allowed: readonly string[] = ROLE_MATRIX[permission]
  return roles.some((role) => allowed.includes(role))
}
