import type { Decimal } from 'decimal.js'
import { FUNDER_CATEGORY_LABELS } from '#models/grants/funder'
import { dec, rows, type Client } from '#reports/grants/sql'

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
}

/**
 * Funders in tree order (parents before their children, depth for indentation) with their
 * conventions' awarded amounts rolled up the tree, as the produits lines of the report are.
 */
export class FunderTree {
  constructor(
    private organisationId: number,
    private client?: Client
  ) {}

  async compute() {
    const list = await rows(
      `WITH RECURSIVE tree AS (
         SELECT f.id, f.parent_id, 0 AS depth, ARRAY[f.position, f.id] AS path
           FROM funders f WHERE f.organisation_id = :org AND f.parent_id IS NULL
         UNION ALL
         SELECT f.id, f.parent_id, t.depth + 1, t.path || ARRAY[f.position, f.id]
           FROM funders f JOIN tree t ON f.parent_id = t.id
       ), own AS (
         SELECT funder_id, count(*)::int AS n, sum(amount_awarded) AS awarded
           FROM grants WHERE organisation_id = :org GROUP BY funder_id
       )
       SELECT f.id, f.name, f.category, f.parent_id, p.name AS parent, f.revenue_account, t.depth,
              coalesce(o.n, 0) AS grants, coalesce(o.awarded, 0) AS awarded,
              (SELECT coalesce(sum(o2.awarded), 0) FROM tree t2 JOIN own o2 ON o2.funder_id = t2.id
                WHERE t2.path[1:array_length(t.path, 1)] = t.path) AS rolled_up
         FROM tree t JOIN funders f ON f.id = t.id
         LEFT JOIN funders p ON p.id = f.parent_id
         LEFT JOIN own o ON o.funder_id = f.id
        ORDER BY t.path`,
      { org: this.organisationId },
      this.client
    )
    const nodes: FunderNode[] = list.map((r) => ({
      id: r.id,
      name: r.name,
      category: r.category,
      categoryLabel: FUNDER_CATEGORY_LABELS[r.category] ?? r.category,
      parentId: r.parent_id,
      parent: r.parent,
      revenueAccount: r.revenue_account,
      depth: r.depth,
      grants: r.grants,
      awarded: dec(r.awarded),
      rolledUp: dec(r.rolled_up),
    }))
    return {
      nodes,
      rows: nodes.map((n) => ({
        name: `${'  '.repeat(n.depth)}${n.name}`,
        category: n.categoryLabel,
        parent: n.parent,
        revenueAccount: n.revenueAccount,
        grants: n.grants,
        awarded: n.rolledUp,
      })),
    }
  }
}
