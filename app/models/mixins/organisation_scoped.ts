import type { BaseModel } from '@adonisjs/lucid/orm'
import { beforeCreate, beforeFetch, beforeFind, beforePaginate } from '@adonisjs/lucid/orm'
import type { NormalizeConstructor } from '@adonisjs/core/types/helpers'
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import { TenantMissingError, tenantScope } from '#support/request_context'

type Query = ModelQueryBuilderContract<typeof BaseModel>

const SCOPED = Symbol('tenant scoped')

function scope(query: Query) {
  if ((query as unknown as Record<symbol, boolean>)[SCOPED]) return
  ;(query as unknown as Record<symbol, boolean>)[SCOPED] = true
  const tenant = tenantScope()
  if (tenant === undefined) throw new TenantMissingError(`a query on ${query.model.table}`)
  if ('organisationId' in tenant) {
    query.where(`${query.model.table}.organisation_id`, tenant.organisationId)
  }
}

/**
 * Rows of another organisation are invisible: every find, fetch and paginate is filtered by
 * the tenant (bulk updates and deletes too), new rows belong to it, and without a tenant the query is refused (fail closed).
 */
export function OrganisationScoped<T extends NormalizeConstructor<typeof BaseModel>>(
  superclass: T
) {
  class Scoped extends superclass {
    declare organisationId: number

    @beforeFind()
    static scopeFind(query: Query) {
      scope(query)
    }

    @beforeFetch()
    static scopeFetch(query: Query) {
      scope(query)
    }

    @beforePaginate()
    static scopePaginate([countQuery, query]: [Query, Query]) {
      scope(countQuery)
      scope(query)
    }

    @beforeCreate()
    static assignOrganisation(row: Scoped) {
      const tenant = tenantScope()
      if (tenant === undefined) {
        throw new TenantMissingError(`a new row of ${(row.constructor as typeof BaseModel).table}`)
      }
      if (!('organisationId' in tenant)) return
      if (row.organisationId === undefined) {
        row.organisationId = tenant.organisationId
      } else if (row.organisationId !== tenant.organisationId) {
        throw new TenantMissingError(
          `a row of another organisation (${(row.constructor as typeof BaseModel).table})`
        )
      }
    }
  }
  // Scoped when built, so bulk updates and deletes are filtered too (the hooks cover fetches
  // through relations). Patched rather than overridden to keep each model's query types.
  const build = Scoped.query
  Scoped.query = function (this: typeof Scoped, ...args: Parameters<typeof build>) {
    const query = build.apply(this, args)
    scope(query as unknown as Query)
    return query
  } as typeof build
  return Scoped
}
