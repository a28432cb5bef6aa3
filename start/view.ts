import edge from 'edge.js'
import { sortLink } from '#support/table_query'
import { formatDate, formatMoney, formatNumber, formatPercent } from '#support/french_format'
import { navigation } from '#support/navigation'

edge.global('formatMoney', formatMoney)
edge.global('formatNumber', formatNumber)
edge.global('formatPercent', formatPercent)
edge.global('formatDate', formatDate)
edge.global('navigation', navigation)
edge.global('sortLink', sortLink)
