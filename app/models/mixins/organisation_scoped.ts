import type { BaseModel } from '@adonisjs/lucid/orm'
import { beforeCreate, beforeFetch, beforeFind, beforePaginate } from '@adonisjs/lucid/orm'
import type { NormalizeConstructor } from '@adonisjs/core/types/helpers'
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import { currentOrganisationId } from '#support/request_context'

type Query = ModelQueryBuilderContract<typeof BaseModel>

function scope(query: Query) {
  const organisationId = currentOrganisationId()
  if (organisationId !== undefined) {
    query.where(`${query.model.table}.organisation_id`, organisationId)
  }
}

/**
 * Rows of another organisation are invisible: every find, fetch and paginate is filtered by
 * the acting organisation, and new rows belong to it.
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
      const organisationId = currentOrganisationId()
      if (row.organisationId === undefined && organisationId !== undefined) {
        row.organisationId = organisationId
      }
    }
  }
  return Scoped
}
