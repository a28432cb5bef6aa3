import Grant from '#models/grants/grant'
import { Report } from '#support/report'
import { GRANT_STATUSES } from '#vocabulary/grants'

/** The conventions, by reference, of one status when ?statut= names a known one. */
export class GrantList extends Report<{ status?: unknown }, { status: string; grants: Grant[] }> {
  async build() {
    const asked = this.params.status
    const status = typeof asked === 'string' && asked in GRANT_STATUSES ? asked : ''
    const query = Grant.query().preload('funder').orderBy('reference')
    if (status) query.where('status', status)
    return { status, grants: await query }
  }
}
