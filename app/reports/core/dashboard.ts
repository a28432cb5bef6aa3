import { GettingStarted, type GettingStartedData } from '#reports/core/getting_started'
import { Report } from '#support/report'
import { rolesAllow } from '#policies/role_matrix'
import { BankAccountList, type BankAccountRow } from '#reports/bank/bank_accounts'

/**
 * The home page of the acting organisation, with its getting-started checklist (its name is the
 * layout's `currentOrganisation`, read with the session's user).
 */
export class Dashboard extends Report<
  Record<string, never>,
  {
    gettingStarted: GettingStartedData
    /** Bank operations not matched yet, per bank account (issue #18), for who may read them. */
    bankAccounts: BankAccountRow[] | null
  }
> {
  async build() {
    const gettingStarted = await new GettingStarted(this.tenant, {}).build()
    const bankAccounts = rolesAllow(this.tenant.roles ?? [], 'bank.read')
      ? await new BankAccountList(this.tenant, {}).build()
      : null
    return { gettingStarted, bankAccounts }
  }
}
