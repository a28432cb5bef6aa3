import type { RoutesList } from '@adonisjs/core/types/http'

/** The name of a page of Socle: a named GET route of start/routes. */
export type PageName = keyof RoutesList['GET'] & string

/**
 * A link to a page of Socle, by route name (docs/architecture.md, 4b "Routes"). Domain code
 * (reconciliation checks, evidence links, import definitions) names the page; the HTTP side
 * builds the URL (`pageUrl` in Edge and controllers, #http/page_url), so that no path is
 * written outside start/routes. Plain data: results store it as JSON.
 */
export interface PageLink {
  route: PageName
  params?: Record<string, string | number>
  qs?: Record<string, string | number>
}
