import { urlFor } from '@adonisjs/core/services/url_builder'

/** Any route's name (the URL builder's typed names). */
type RouteName = Parameters<typeof urlFor>[0]
/** The URL builder with a name only known to be a route's (its params typed per name). */
const buildUrl = urlFor as (name: RouteName, params: Record<string, string>) => string

const MARKER = 'ROUTEIDMARKER'
const templates = new Map<string, [string, string]>()

/**
 * The URL of a route with one `:id` parameter, for a list that links each of its rows: the
 * route is looked up once per process and each row only fills in its id (the URL builder
 * searches the route table at every call). Same URL as `route(name, { id })`.
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
