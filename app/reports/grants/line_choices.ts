import { ClientReport } from '#support/report'
import { REVENUE_LINE, COST_LINE, dec, rows } from '#reports/grants/sql'
import { formatDate, formatMoney, toIsoCalendarDate } from '#support/french_format'

/** At most this many lines are offered in one list; a search (`?q=`) narrows the rest. */
export const LINE_CHOICES_LIMIT = 150

interface LineChoicesParams {
  grantId: number
  /** Words searched in the line's label, the entry's label, piece, number and journal, or an amount. */
  q?: string
}

export interface LineChoice {
  value: number
  label: string
}

export interface LineChoiceList {
  /** The options grouped by account (allocations) or by month (bank lines), newest first. */
  groups: { label: string; options: LineChoice[] }[]
  /** Lines matching the search, of which at most LINE_CHOICES_LIMIT are listed. */
  count: number
  truncated: boolean
}

interface CandidateRow {
  id: string
  entry_date: Date | string
  account_number: string
  account_label: string | null
  journal: string
  number: string | null
  piece_ref: string | null
  label: string | null
  debit: string
  credit: string
  remaining: string
  total: string
}

/** The search: words in the line's text or its entry's, or an amount (« 5 000 », « 1234,5 »). */
const SEARCH = `(:q = '' OR concat_ws(' ', l.label, e.label, e.piece_ref, e.number, j.code, j.label,
    l.account_number) ILIKE '%' || :q || '%'
    OR to_char(greatest(l.debit, l.credit), 'FM999999999990.00') LIKE :amount || '%')`

/** The search read as an amount written the French way, or a value matching no amount. */
function amountOf(q: string) {
  const compact = q.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.')
  return /^\d+(\.\d{0,2})?$/.test(compact) ? compact : 'x'
}

/**
 * The ledger lines a convention's forms offer, described by date, journal, piece, label and
 * amount (the id travels, never typed): the lines that may be attributed to it (validated
 * lines of its period on cost or revenue accounts, booked without a convention and not yet
 * fully attributed) and the bank lines (512x) a receipt may be matched to (validated, credit
 * or debit, from its period's start). The actions check again that the line is the
 * organisation's.
 */
export class LedgerLineChoices extends ClientReport<
  LineChoicesParams,
  { allocation: LineChoiceList; bank: LineChoiceList }
> {
  async build() {
    return { allocation: await this.allocation(), bank: await this.bank() }
  }

  private async allocation() {
    const found = await this.candidates(
      `(${COST_LINE} OR ${REVENUE_LINE}) AND l.grant_id IS NULL
         AND l.entry_date BETWEEN g.period_start AND g.period_end`,
      'c.account_number, c.entry_date DESC, c.id DESC'
    )
    return group(found, (r) => `${r.account_number} — ${r.account_label ?? ''}`.trim())
  }

  private async bank() {
    const found = await this.candidates(
      `l.account_number LIKE '512%' AND l.entry_date >= g.period_start - interval '1 year'`,
      'c.entry_date DESC, c.id DESC'
    )
    return group(found, (r) => monthLabel(r.entry_date))
  }

  private candidates(condition: string, order: string) {
    return rows<CandidateRow>(
      `WITH candidates AS (
         SELECT l.id, l.entry_date, l.account_number, a.label AS account_label, j.code AS journal,
                e.number, e.piece_ref, coalesce(nullif(l.label, ''), e.label) AS label, l.debit,
                l.credit, greatest(l.debit, l.credit) - coalesce((
                  SELECT sum(x.amount) FROM grant_line_allocations x WHERE x.entry_line_id = l.id
                ), 0) AS remaining
           FROM entry_lines l
           JOIN grants g ON g.id = :grant AND g.organisation_id = :org
           JOIN entries e ON e.id = l.entry_id AND e.status = 'validated'
           JOIN journals j ON j.id = e.journal_id
           LEFT JOIN accounts a ON a.id = l.account_id
          WHERE l.organisation_id = :org AND ${condition} AND ${SEARCH}
       )
       SELECT c.*, count(*) OVER () AS total FROM candidates c
        WHERE c.remaining > 0
        ORDER BY ${order}
        LIMIT ${LINE_CHOICES_LIMIT}`,
      {
        org: this.tenant.organisationId,
        grant: this.params.grantId,
        q: this.params.q ?? '',
        amount: amountOf(this.params.q ?? ''),
      },
      this.client
    )
  }
}

/** « 15/03/2024 · BQ 2024-0012 · pièce F12 · Loyer mars · débit 1 200,00 € (reste 200,00 €) ». */
function describe(r: CandidateRow) {
  const debit = dec(r.debit)
  const amount = debit.isZero() ? dec(r.credit) : debit
  const remaining = dec(r.remaining)
  return [
    formatDate(r.entry_date),
    [r.journal, r.number].filter(Boolean).join(' '),
    r.piece_ref ? `pièce ${r.piece_ref}` : null,
    r.label,
    `${debit.isZero() ? 'crédit' : 'débit'} ${formatMoney(amount)}` +
      (remaining.eq(amount) ? '' : ` (reste ${formatMoney(remaining)})`),
  ]
    .filter(Boolean)
    .join(' · ')
}

function monthLabel(day: Date | string) {
  const date = new Date(`${toIsoCalendarDate(day)}T00:00:00Z`)
  return date.toLocaleDateString('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' })
}

function group(found: CandidateRow[], groupOf: (r: CandidateRow) => string): LineChoiceList {
  const groups = new Map<string, LineChoice[]>()
  for (const r of found) {
    const key = groupOf(r)
    groups.set(key, [...(groups.get(key) ?? []), { value: Number(r.id), label: describe(r) }])
  }
  const count = found.length ? Number(found[0].total) : 0
  return {
    groups: [...groups].map(([label, options]) => ({ label, options })),
    count,
    truncated: count > found.length,
  }
}
