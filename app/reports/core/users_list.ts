import type { ModelPaginatorContract } from '@adonisjs/lucid/types/model'
import User from '#models/core/user'
import { Report } from '#support/report'
import { tableState, type TableState } from '#support/table_query'

const SORTABLE = { nom: 'full_name', email: 'email', connexion: 'last_login_at' }

/** The list's sorting, search and page, parsed once from its query string. */
export function usersListState(qs: Record<string, unknown>) {
  return tableState(qs, SORTABLE, { sort: 'nom' })
}

export interface UsersListParams {
  state: TableState & { column: string }
  /** Pages of 50 (the page), or every matching user (the Excel export). */
  paginate: boolean
}

export interface UsersListResult {
  state: UsersListParams['state']
  users: User[]
  page: ModelPaginatorContract<User> | null
}

/** The users of the acting organisation, searched by name or e-mail and sorted. */
export class UsersList extends Report<UsersListParams, UsersListResult> {
  async build(): Promise<UsersListResult> {
    const { state, paginate } = this.params
    const query = User.query().orderBy(state.column, state.direction).orderBy('id')
    if (state.search) {
      query.where((q) =>
        q.whereILike('full_name', `%${state.search}%`).orWhereILike('email', `%${state.search}%`)
      )
    }
    if (!paginate) return { state, users: await query, page: null }
    const page = await query.paginate(state.page, 50)
    return { state, users: page.all(), page }
  }
}
