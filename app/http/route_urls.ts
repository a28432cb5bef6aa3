import router from '@adonisjs/core/services/router'
import { createURL } from '@adonisjs/core/http/helpers'

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
