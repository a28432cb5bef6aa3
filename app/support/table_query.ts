/**
 * Sorting, filtering and paging of a list page from its query string (?tri=…&ordre=…&q=…&page=…),
 * restricted to the columns a page declares sortable: user input never reaches SQL otherwise.
 */
export interface TableState {
  sort: string
  direction: 'asc' | 'desc'
  search: string
  page: number
}

/** Past any list's last page: a larger ?page= is capped, so that its offset stays an integer. */
const MAX_PAGE = 1_000_000

export function tableState(
  qs: Record<string, unknown>,
  sortable: Record<string, string>,
  defaults: { sort: string; direction?: 'asc' | 'desc' }
): TableState & { column: string } {
  const sort = typeof qs.tri === 'string' && qs.tri in sortable ? qs.tri : defaults.sort
  const direction =
    qs.ordre === 'desc' || qs.ordre === 'asc' ? qs.ordre : (defaults.direction ?? 'asc')
  const page = Math.min(MAX_PAGE, Math.max(1, Number.parseInt(String(qs.page ?? '1'), 10) || 1))
  // A literal comma makes the query-string parser return an array ("1 234,56"): joined back.
  const q = Array.isArray(qs.q) ? qs.q.filter((part) => typeof part === 'string').join(',') : qs.q
  const search = typeof q === 'string' ? q.trim().slice(0, 100) : ''
  return { sort, direction, search, page, column: sortable[sort] }
}

/** Query string of the same list sorted by `key` (toggling the direction when already sorted). */
export function sortLink(state: TableState, key: string, base: Record<string, unknown> = {}) {
  const direction = state.sort === key && state.direction === 'asc' ? 'desc' : 'asc'
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries({
    ...base,
    q: state.search || undefined,
    tri: key,
    ordre: direction,
  })) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value))
  }
  return `?${params.toString()}`
}
