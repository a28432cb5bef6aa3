import { rolesAllow } from '#policies/role_matrix'
import type { Tenant } from '#support/request_context'

/**
 * Staff costs per programme and individual pay (issue #14): a staff cost made of fewer than
 * MIN_PAY_GROUP people tells one person's pay. Readers without `accounting.payroll_detail`
 * (admin and hr have it) see such a figure as RESERVED_STAFF_COST; a total over lines is
 * masked too when the masked lines together hold fewer than MIN_PAY_GROUP distinct people
 * (but some), since the total minus the shown lines gives their sum back.
 */
export const MIN_PAY_GROUP = 3

export const RESERVED_STAFF_COST = 'détail réservé (moins de 3 personnes)'

const small = (people: Set<unknown>) => people.size > 0 && people.size < MIN_PAY_GROUP

/**
 * Which staff-cost lines (each given by the people it is made of) and whether their total
 * the reader may not see.
 */
export function staffCostMasks(tenant: Tenant, lines: Array<Iterable<unknown>>) {
  const groups = lines.map((people) => new Set(people))
  if (rolesAllow(tenant.roles ?? [], 'accounting.payroll_detail'))
    return { lines: groups.map(() => false), total: false }
  const masked = groups.map(small)
  const hidden = new Set(groups.filter((_, i) => masked[i]).flatMap((g) => [...g]))
  return { lines: masked, total: small(hidden) }
}
