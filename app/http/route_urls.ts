import router from '@adonisjs/core/services/router'
import { createURL } from '@adonisjs/core/http/helpers'
import { urlFor } from '@adonisjs/core/services/url_builder'

type RouteUrlOptions = Parameters<typeof router.makeUrl>[2]
type KnownRoute = { name: string; tokens: ReturnType<typeof router.findOrFail>['tokens'] }

const known = new Map<string, KnownRoute>()

/**
 * The templates' `route()`: the framework's `router.makeUrl`, which looks the route up by a
 * linear scan of every route (string comparisons, each route's methods) at every call; a page
 * with a link per row made hundreds of scans (ADR 12). The route found for a name is kept: the
 * routes are committed before the first request and never change while the server runs.
 */
export function routeUrl(identifier: string, params?: unknown, options?: RouteUrlOptions) {
  if (options?.domain || options?.disableRouteLookup)
    return router.makeUrl(identifier, params as never, options)
  let route = known.get(identifier)
  if (!route) {
    const found = router.findOrFail(identifier)
    route = { name: found.name ?? found.pattern, tokens: found.tokens }
    known.set(identifier, route)
  }
  return createURL(route.name, route.tokens, router.qs.stringify, params as never, options)
}

/** Any route's name (the URL builder's typed names). */
type RouteName = Parameters<typeof urlFor>[0]
/** The URL builder with a name only known to be a route's (its params typed per name). */
const buildUrl = urlFor as (name: RouteName, params: Record<string, string>) => string

const MARKER = 'ROUTEIDMARKER'
const templates = new Map<string, [string, string]>()

/**
 * The URL of a route with one `:id` parameter, for a list that links each of its rows: the
 * route is looked up once per process and each row only fills in its id (cheaper still than
 * `route()`: no URL is built per row). Same URL as `route(name, { id })`.
 */
export function routeWithId(name: RouteName, id: number | string) {
  let template = templates.get(name)
  if (!template) {
    const [head, tail, ...rest] = buildUrl(name, { id: MARKER }).split(MARKER)
    if (tail === undefined || rest.length) throw new Error(`${name} : un seul paramètre :id`)
    template = [head, tail]
    templates.set(name, template)
  }
  return template[0] + encodeURIComponent(String(id)) + template[1]
}
