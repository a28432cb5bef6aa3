import { urlFor } from '@adonisjs/core/services/url_builder'
import type { PageLink } from '#support/page_link'

/** The URL of a page named by domain code (`PageLink`), with its query string. */
export function pageUrl(link: PageLink) {
  return urlFor(link.route, link.params ?? {}, { qs: link.qs })
}
