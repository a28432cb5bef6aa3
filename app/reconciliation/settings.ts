import { abolishedAncestor } from '#reference/pcg_associations'

/**
 * Tunable parts of the cross-domain checks, in one place. Account prefixes follow the ANC
 * 2018-06 chart; adjust them to the organisation's own sub-accounts.
 */
export const RECONCILIATION_SETTINGS = {
  /**
   * Where base salaries are booked, compared with the register's rates (paid leave, bonuses and
   * indemnities, 6412 to 6414, are not in the register).
   */
  baseSalaryAccounts: ['6411'],
  /** Gap accepted between the register's base salary mass and those accounts, as a share of them. */
  payrollToleranceRatio: 0.02,
  /** Accounts where external training costs are booked. */
  trainingCostAccounts: ['6228', '6185'],
  /**
   * Where OPCO refunds are credited, by the chart of the year checked (opcoRefundAccountsFor):
   * a dedicated 791x sub-account while transfers of charges exist (791 as a whole also holds
   * other transfers), then, from the 2025 chart (ANC 2022-06), the staff-cost refunds account.
   */
  opcoRefundAccounts: { transfer: ['7917'], charge: ['649'] },
  /**
   * Published domains whose printed totals are checked against their printed parts. Activity
   * tables are checked from their imported values (activity family), statements by the
   * accounting family.
   */
  publishedPartsDomains: ['hr'],
}

/** The OPCO refund accounts of a fiscal year starting in `year`, read from that year's chart. */
export function opcoRefundAccountsFor(year: number) {
  const { transfer, charge } = RECONCILIATION_SETTINGS.opcoRefundAccounts
  return transfer.every((account) => abolishedAncestor(account, year) === null) ? transfer : charge
}
