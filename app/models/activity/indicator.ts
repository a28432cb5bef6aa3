import { IndicatorSchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'
import { BREAKDOWNS } from '#vocabulary/activity'

/** Breakdown labels by code, for callers that index them with any string (app/imports). */
export const BREAKDOWN_LABELS: Record<string, string> = BREAKDOWNS

/** An entry of the indicator catalogue: what is counted and how it may be broken down. */
export default class Indicator extends compose(
  IndicatorSchema,
  OrganisationScoped,
  Auditable('activity')
) {
  allowsBreakdown(breakdown: string) {
    return this.dimensions.includes(breakdown)
  }

  /** Counts cannot be negative; a percentage stays within 0..100. */
  valueProblem(value: number): string | null {
    if (value < 0) return `valeur négative (${value}) interdite pour « ${this.label} »`
    if (this.unit === 'count' && !Number.isInteger(value)) {
      return `« ${this.label} » est un effectif : valeur entière attendue (${value})`
    }
    if (this.unit === 'percent' && value > 100) return `pourcentage supérieur à 100 (${value})`
    return null
  }
}
