import db from '@adonisjs/lucid/services/db'
import { Report } from '#support/report'

export interface ChartAccount {
  id: number
  number: string
  label: string
  account_class: number
  is_system: boolean
  valid_from_year: number | null
  valid_to_year: number | null
  parent_number: string | null
}

/** The organisation's chart of accounts, by number, with each account's parent. */
export class ChartOfAccounts extends Report<Record<string, never>, ChartAccount[]> {
  build(): Promise<ChartAccount[]> {
    return db
      .from('accounts as a')
      .leftJoin('accounts as p', 'p.id', 'a.parent_id')
      .where('a.organisation_id', this.tenant.organisationId)
      .orderBy('a.number')
      .select(
        'a.id',
        'a.number',
        'a.label',
        'a.account_class',
        'a.is_system',
        'a.valid_from_year',
        'a.valid_to_year',
        'p.number as parent_number'
      )
  }
}
