import { AsyncLocalStorage } from 'node:async_hooks'
import { HttpContext } from '@adonisjs/core/http'

/**
 * Who is acting, for which organisation. In a request it comes from the logged-in user;
 * commands, seeders and tests open one explicitly with `actingAs`.
 */
export interface Actor {
  organisationId: number
  userId: number | null
  label: string
  requestId?: string
  ip?: string
}

const storage = new AsyncLocalStorage<Actor>()

export function actingAs<T>(actor: Actor, callback: () => T): T {
  return storage.run(actor, callback)
}

export function currentActor(): Actor | undefined {
  const explicit = storage.getStore()
  if (explicit) return explicit
  const ctx = HttpContext.get()
  const user = ctx?.auth?.user
  if (!ctx || !user) return undefined
  return {
    organisationId: user.organisationId,
    userId: user.id,
    label: user.email,
    requestId: ctx.request.id(),
    ip: ctx.request.ip(),
  }
}

export function currentOrganisationId(): number | undefined {
  return currentActor()?.organisationId
}
