/**
 * Tunable parts of the cross-domain checks, in one place. Account prefixes follow the ANC
 * 2018-06 chart; adjust them to the organisation's own sub-accounts.
 */
export const RECONCILIATION_SETTINGS = {
  /** Gap accepted between the register's salary mass and 641x, as a share of 641x. */
  payrollToleranceRatio: 0.02,
  /** Accounts where external training costs are booked. */
  trainingCostAccounts: ['6228', '6185'],
  /** Sub-accounts dedicated to OPCO refunds (791 as a whole also holds other transfers). */
  opcoRefundAccounts: ['7917'],
  /**
   * Published domains whose printed totals are checked against their printed parts. Activity
   * tables are checked from their imported values (activity family), statements by the
   * accounting family.
   */
  publishedPartsDomains: ['hr'],
}
