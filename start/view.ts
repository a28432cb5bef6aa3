import edge, { edgeGlobals } from 'edge.js'
import { sortLink } from '#support/table_query'
import {
  fiscalYearName,
  fiscalYearTitle,
  formatDate,
  formatMoney,
  formatNumber,
  formatPercent,
} from '#support/french_format'
import { navigation } from '#http/navigation'
import { pageUrl } from '#http/page_url'
import { htmlAttributes } from '#support/html_attributes'
import { cssText } from '#support/css_text'
import { alertCount } from '#http/alert_counter'
import {
  dropTemplateIndentation,
  keepCompiledPartials,
  keepComponentList,
} from '#http/edge_partials'
import { routeUrl, routeWithId } from '#http/route_urls'

edge.global('formatMoney', formatMoney)
edge.global('formatNumber', formatNumber)
edge.global('formatPercent', formatPercent)
edge.global('formatDate', formatDate)
// "Exercice 2023" and "2023" from a label that may or may not say "Exercice" already.
edge.global('fiscalYearTitle', fiscalYearTitle)
edge.global('fiscalYearName', fiscalYearName)
// The organisation's name in the printed pages' footer (a CSS string in the layout).
edge.global('cssText', cssText)
edge.global('navigation', navigation)
edge.global('sortLink', sortLink)
// Links named by domain code (reconciliation details, evidence links): #support/page_link.
edge.global('pageUrl', pageUrl)
// A list's link per row: route(name, { id }) without searching the route table each time.
edge.global('routeWithId', routeWithId)

// In production, @include's partials are compiled once, not at every render (#http/edge_partials).
keepCompiledPartials(edge)
keepComponentList(edge)
dropTemplateIndentation(edge)

// route(): the route found for a name is kept (#http/route_urls).
edge.global('route', routeUrl)

// Edge's html.attrs does not escape attribute values (edge.js 6.5): every template gets the
// escaping one instead, so a stored `"` can never close an attribute.
edge.global('html', { ...edgeGlobals.html, attrs: htmlAttributes })

// Pages pass `breadcrumbs` to render(), but the layout is a component: it sees only its props
// and what the renderer shares. Each request's renderer shares one holder, set to the render's
// breadcrumbs while it runs (a later render of the same request, such as an error page, never
// inherits them). Sharing the breadcrumbs themselves meant cloning the renderer, and Edge clones
// by deep-merging every shared value again (ADR 12). The holder also carries the header's alert
// count, read before the render.
class PageFrame {
  crumbs: unknown[] | undefined
  alertCount = 0
}

// Every template is rendered by Edge's synchronous compiler: in asynchronous mode each @each
// iteration, component and slot is an awaited promise, about a fifth of a large page's CPU under
// load (ADR 12). What a page needs from the database is read before render(); the one value the
// layout read during the render (the alert count) is read first and handed in through the frame.
const createRenderer = edge.createRenderer.bind(edge)
edge.createRenderer = () => {
  const renderer = createRenderer()
  const frame = new PageFrame()
  renderer.share({ pageFrame: frame })
  renderer.render = async (templatePath, state = {}) => {
    const previous = frame.crumbs
    frame.alertCount = await alertCount()
    frame.crumbs = state.breadcrumbs
    try {
      return renderer.renderSync(templatePath, state)
    } finally {
      frame.crumbs = previous
    }
  }
  return renderer
}
