import router from '@adonisjs/core/services/router'
import type { RouteGroup } from '@adonisjs/core/http'
import { middleware } from '#start/kernel'
import { guard } from '#start/routes/guard'
import type { Permission } from '#policies/role_matrix'

type Middleware = Parameters<RouteGroup['use']>[0]

export interface RouteTableOptions {
  /** Folder of app/controllers the table's controllers live in (`governance`). */
  controllers: string
  prefix?: string
  /** Prefix of the route names (`governance`: `members.index` is `governance.members.index`). */
  as?: string
  /** Middleware of every route of the table, usually `guard(permission)`. */
  use?: Middleware
  /** Route parameters that are numbers on every route of the table (`id`). */
  numbers?: string[]
  /** Options of `middleware.upload` for the rows marked `upload`. */
  upload?: Parameters<typeof middleware.upload>[0]
  /** Middleware of the rows marked `@permission` (default: `guard`). */
  permit?: (permission: Permission) => Middleware
}

/**
 * A group of routes written as a table, one route a line, in the order the router matches them
 * (`/membres/nouveau` before `/membres/:id`):
 *
 *     VERB  /pattern  name  controller.method  [marks]
 *
 * `controller` is a file of `app/controllers/<controllers>/` without `_controller`
 * (`member_bodies.index`), or of another folder (`core/access_tokens.index`). The marks:
 * `#param` makes that parameter a number on this route, `upload` adds the table's upload
 * middleware, `@permission` the table's `permit` middleware for that permission. Lines starting
 * with `//` are comments.
 */
export function routeTable(options: RouteTableOptions, table: string) {
  const group = router.group(() => {
    for (const line of table.split('\n').map((text) => text.trim())) {
      if (line === '' || line.startsWith('//')) continue
      declareRoute(options, line)
    }
  })
  for (const param of options.numbers ?? []) group.where(param, router.matchers.number())
  if (options.prefix) group.prefix(options.prefix)
  if (options.as) group.as(options.as)
  if (options.use) group.use(options.use)
  return group
}

const VERBS = {
  GET: (pattern: string, handler: string) => router.get(pattern, handler),
  POST: (pattern: string, handler: string) => router.post(pattern, handler),
  PUT: (pattern: string, handler: string) => router.put(pattern, handler),
  DELETE: (pattern: string, handler: string) => router.delete(pattern, handler),
}

function declareRoute(options: RouteTableOptions, line: string) {
  const [verb, pattern, name, action, ...marks] = line.split(/\s+/)
  if (!(verb in VERBS) || !pattern?.startsWith('/') || !name || !action?.includes('.')) {
    throw new Error(`Route table: "${line}" is not "VERB /pattern name controller.method"`)
  }
  const [file, method] = action.split('.')
  const folder = file.includes('/') ? '' : `${options.controllers}/`
  const route = VERBS[verb as keyof typeof VERBS](
    pattern,
    `#controllers/${folder}${file}_controller.${method}`
  ).as(name)
  for (const mark of marks) {
    if (mark.startsWith('#')) {
      route.where(mark.slice(1), router.matchers.number())
    } else if (mark === 'upload' && options.upload) {
      route.use(middleware.upload(options.upload))
    } else if (mark.startsWith('@')) {
      route.use((options.permit ?? guard)(mark.slice(1) as Permission))
    } else {
      throw new Error(`Route table: unknown mark "${mark}" in "${line}"`)
    }
  }
}
