import { ClientReport } from '#support/report'
import type { Decimal } from 'decimal.js'
import { FUNDER_CATEGORIES } from '#vocabulary/grants'
import { labelOf } from '#vocabulary/labels'
import { REVENUE_LINE, dec, rows, type Client } from '#reports/grants/sql'

export interface FunderNode {
  id: number
  name: string
  category: string
  categoryLabel: string
  parentId: number | null
  parent: string | null
  revenueAccount: string | null
  depth: number
  grants: number
  awarded: Decimal
  /** Own conventions plus those of every descendant. */
  rolledUp: Decimal
  /** Revenue of the year from the ledger (conventions' 74x lines), rolled up. */
  recognised: Decimal
  /** Split of the following year (budget), rolled up. */
  nextYear: Decimal
}

/**
 * The funders' tree as a recursive CTE `tree` (id, parent_id, depth, path): roots of the
 * organisations `organisations` designates, then their children.
 */
export const funderTreeCte = (organisations: '= :org' | '= ANY(:orgs)') => `tree AS (
       SELECT f.id, f.parent_id, 0 AS depth, ARRAY[f.position, f.id] AS path
         FROM funders f WHERE f.organisation_id ${organisations} AND f.parent_id IS NULL
       UNION ALL
       SELECT f.id, f.parent_id, t.depth + 1, t.path || ARRAY[f.position, f.id]
         FROM funders f JOIN tree t ON f.parent_id = t.id
     )`

/**
 * Revenue recognised in the year (`:year`) per convention (`grant_id`): its revenue lines of the
 * fiscal year ending in the year, à-nouveaux excluded. `organisations` compares
 * `l.organisation_id` (one organisation, or `= ANY(:orgs)` for the network's figures).
 */
export const grantRevenue = (organisations: '= :org' | '= ANY(:orgs)') => `
       SELECT l.grant_id, sum(l.credit - l.debit) AS recognised
         FROM grant_ledger_lines l JOIN grants g ON g.id = l.grant_id
         JOIN entries e ON e.id = l.entry_id JOIN journals j ON j.id = e.journal_id
         JOIN fiscal_years fy ON fy.id = e.fiscal_year_id
        WHERE l.organisation_id ${organisations} AND extract(year FROM fy.end_date) = :year
          AND j.code <> 'AN' AND ${REVENUE_LINE}
        GROUP BY l.grant_id
     `

/**
 * Funders in tree order (parents before their children, depth for indentation) with their
 * conventions' awarded amounts rolled up the tree, as the produits lines of the report are.
 */
export class FunderTree extends ClientReport<
  { year: number },
  Awaited<ReturnType<typeof funderTree>>
> {
  build() {
    return funderTree(this.tenant.organisationId, this.params, this.client)
  }
}

async function funderTree(organisationId: number, params: { year: number }, client?: Client) {
  const list = await rows<{
    id: number
    name: string
    category: string
    parent_id: number | null
    parent: string | null
    revenue_account: string | null
    depth: number
    grants: number
    awarded: string
    rolled_up: string
    recognised: string
    next_year: string
  }>(
    `WITH RECURSIVE ${funderTreeCte('= :org')}, revenue AS (${grantRevenue('= :org')}), own AS (
       SELECT g.funder_id, count(*)::int AS n, sum(g.amount_awarded) AS awarded,
              sum(coalesce(r.recognised, 0)) AS recognised,
              sum(coalesce((SELECT amount FROM grant_years y WHERE y.grant_id = g.id AND y.year = :year + 1), 0)) AS next_year
         FROM grants g LEFT JOIN revenue r ON r.grant_id = g.id
        WHERE g.organisation_id = :org GROUP BY g.funder_id
     )
     SELECT f.id, f.name, f.category, f.parent_id, p.name AS parent, f.revenue_account, t.depth,
            coalesce(o.n, 0) AS grants, coalesce(o.awarded, 0) AS awarded,
            r.rolled_up, r.recognised, r.next_year
       FROM tree t JOIN funders f ON f.id = t.id
       LEFT JOIN funders p ON p.id = f.parent_id
       LEFT JOIN own o ON o.funder_id = f.id
       CROSS JOIN LATERAL (
         SELECT coalesce(sum(o2.awarded), 0) AS rolled_up, coalesce(sum(o2.recognised), 0) AS recognised,
                coalesce(sum(o2.next_year), 0) AS next_year
           FROM tree t2 JOIN own o2 ON o2.funder_id = t2.id
          WHERE t2.path[1:array_length(t.path, 1)] = t.path) r
      ORDER BY t.path`,
    { org: organisationId, year: params.year },
    client
  )
  const nodes: FunderNode[] = list.map((r) => ({
    id: r.id,
    name: r.name,
    category: r.category,
    categoryLabel: labelOf(FUNDER_CATEGORIES, r.category),
    parentId: r.parent_id,
    parent: r.parent,
    revenueAccount: r.revenue_account,
    depth: r.depth,
    grants: r.grants,
    awarded: dec(r.awarded),
    rolledUp: dec(r.rolled_up),
    recognised: dec(r.recognised),
    nextYear: dec(r.next_year),
  }))
  return {
    year: params.year,
    nodes,
    rows: nodes.map((n) => ({
      name: `${'  '.repeat(n.depth)}${n.name}`,
      category: n.categoryLabel,
      parent: n.parent,
      revenueAccount: n.revenueAccount,
      grants: n.grants,
      awarded: n.rolledUp,
      recognised: n.recognised,
      nextYear: n.nextYear,
    })),
  }
}
