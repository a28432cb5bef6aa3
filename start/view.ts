import edge, { edgeGlobals } from 'edge.js'
import { sortLink } from '#support/table_query'
import { formatDate, formatMoney, formatNumber, formatPercent } from '#support/french_format'
import { navigation } from '#http/navigation'
import { htmlAttributes } from '#support/html_attributes'

edge.global('formatMoney', formatMoney)
edge.global('formatNumber', formatNumber)
edge.global('formatPercent', formatPercent)
edge.global('formatDate', formatDate)
edge.global('navigation', navigation)
edge.global('sortLink', sortLink)

// Edge's html.attrs does not escape attribute values (edge.js 6.5): every template gets the
// escaping one instead, so a stored `"` can never close an attribute.
edge.global('html', { ...edgeGlobals.html, attrs: htmlAttributes })
