import db from '@adonisjs/lucid/services/db'
import { Report } from '#support/report'
import { byLedgerVersion } from '#reports/accounting/ledger_version'
import { formulaToText, rangesToText } from '#reference/layout_notation'
import { OF_WHICH_LABEL, STATEMENT_LINE_KINDS } from '#vocabulary/accounting'
import { labelOf } from '#vocabulary/labels'

/** The statement layouts of the organisation, by code, kind and first year. */
export class LayoutList extends Report<Record<string, never>, Array<Record<string, unknown>>> {
  build() {
    return db
      .from('statement_layouts')
      .where('organisation_id', this.tenant.organisationId)
      .orderBy(['code', 'kind', 'valid_from_year'])
  }
}

export interface LayoutPageResult {
  layout: Record<string, unknown> & { id: number; name: string }
  lines: Array<Record<string, unknown>>
}

/** One layout with its lines, their account ranges and formulas as text. */
export class LayoutPage extends Report<{ id: number }, LayoutPageResult> {
  async build() {
    const organisationId = this.tenant.organisationId
    const layout = await db
      .from('statement_layouts')
      .where({ id: this.params.id, organisation_id: organisationId })
      .firstOrFail()
    const rows = await db
      .from('statement_lines')
      .where({ layout_id: layout.id, organisation_id: organisationId })
      .orderBy('position')
    const lines = rows.map((l) => ({
      ...l,
      rangesText: rangesToText(l.ranges ?? []),
      formulaText: formulaToText(l.formula),
      kindLabel:
        l.kind === 'line' && l.of_which ? OF_WHICH_LABEL : labelOf(STATEMENT_LINE_KINDS, l.kind),
    }))
    return { layout, lines }
  }
}

export interface StatementChoices {
  years: Array<{ value: string; label: string }>
  layouts: Array<{ value: string; label: string }>
}

/**
 * The statements' filters: fiscal years (by the year they end) and layouts (by code). Read once
 * per ledger version (fiscal years and layouts carry its triggers, ADR 12); no layout means the
 * organisation has none yet.
 */
export class StatementFilterChoices extends Report<Record<string, never>, StatementChoices> {
  build() {
    return byLedgerVersion(
      this.tenant.organisationId,
      'statement-filter-choices',
      () => this.read(),
      (choices) => ({
        years: choices.years.map((year) => ({ ...year })),
        layouts: choices.layouts.map((layout) => ({ ...layout })),
      })
    )
  }

  private async read(): Promise<StatementChoices> {
    const organisationId = this.tenant.organisationId
    const years = await db
      .from('fiscal_years')
      .where('organisation_id', organisationId)
      .orderBy('start_date', 'desc')
      .select('label', db.raw('extract(year from end_date)::int as year'))
    const layouts = await db
      .from('statement_layouts')
      .where('organisation_id', organisationId)
      .distinct('code', 'name')
      .orderBy('code')
    return {
      years: years.map((y: { year: number; label: string }) => ({
        value: String(y.year),
        label: y.label,
      })),
      layouts: [
        ...new Map(
          layouts.map((l: { code: string; name: string }) => [
            l.code,
            { value: l.code, label: l.name },
          ])
        ).values(),
      ],
    }
  }
}
