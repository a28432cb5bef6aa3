import Organisation from '#models/core/organisation'
import { GettingStarted, type GettingStartedData } from '#reports/core/getting_started'
import { Report } from '#support/report'
import { rolesAllow } from '#policies/role_matrix'
import { BankAccountList, type BankAccountRow } from '#reports/bank/bank_accounts'

/** The home page of the acting organisation, with its getting-started checklist. */
export class Dashboard extends Report<
  Record<string, never>,
  {
    organisation: Organisation
    gettingStarted: GettingStartedData
    /** Bank operations not matched yet, per bank account (issue #18), for who may read them. */
    bankAccounts: BankAccountRow[] | null
  }
> {
  async build() {
    const organisation = await Organisation.findOrFail(this.tenant.organisationId)
    const gettingStarted = await new GettingStarted(this.tenant, {}).build()
    const bankAccounts = rolesAllow(this.tenant.roles ?? [], 'bank.read')
      ? await new BankAccountList(this.tenant, {}).build()
      : null
    return { organisation, gettingStarted, bankAccounts }
  }
}
