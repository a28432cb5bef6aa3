import { AsyncLocalStorage } from 'node:async_hooks'
import type { Role } from '#vocabulary/core'

/**
 * The tenant: who is acting, for which organisation. One explicit value, resolved by the
 * tenant middleware for requests and opened with `actingAs` by commands, jobs, seeders and
 * tests. Organisation-scoped models refuse to run without one (fail closed); the few
 * legitimate lookups across organisations (login, session) say so with `acrossTenants`.
 * See docs/adr/0008-tenant-keys.md.
 */
export interface Actor {
  organisationId: number
  userId: number | null
  label: string
  requestId?: string
  ip?: string
  /**
   * The user's roles in this organisation, from their membership (requests; ADR 9). Commands,
   * jobs and seeders act without roles.
   */
  roles?: readonly Role[]
}

export type Tenant = Actor

/** A lookup that must see every organisation, and why (kept for error messages). */
interface AcrossTenants {
  across: string
}

const storage = new AsyncLocalStorage<Actor | AcrossTenants>()

export class TenantMissingError extends Error {
  constructor(what: string) {
    super(
      `No tenant is set for ${what}: open one with actingAs() (commands, jobs, tests) or let the tenant middleware do it (requests).`
    )
  }
}

export function actingAs<T>(actor: Actor, callback: () => T): T {
  return storage.run(actor, callback)
}

/** Runs `callback` with organisation scoping lifted, for a named reason (login, session). */
export function acrossTenants<T>(reason: string, callback: () => T): T {
  return storage.run({ across: reason }, callback)
}

function isActor(value: Actor | AcrossTenants | undefined): value is Actor {
  return value !== undefined && 'organisationId' in value
}

export function currentActor(): Actor | undefined {
  const value = storage.getStore()
  return isActor(value) ? value : undefined
}

/** The tenant, or a TenantMissingError naming what needed it. */
export function requireTenant(what = 'this operation'): Actor {
  const actor = currentActor()
  if (!actor) throw new TenantMissingError(what)
  return actor
}

/**
 * How a scoped query must be filtered: by an organisation, not at all (explicit cross-tenant
 * lookup), or refused.
 */
export function tenantScope(): { organisationId: number } | { across: string } | undefined {
  return storage.getStore()
}

export function currentOrganisationId(): number | undefined {
  return currentActor()?.organisationId
}
