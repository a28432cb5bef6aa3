import db from '@adonisjs/lucid/services/db'
import type { DateTime } from 'luxon'
import NetworkMember from '#models/core/network_member'
import { Report } from '#support/report'

export interface NetworkSharingRow {
  id: number
  networkName: string
  sharing: boolean
  agreedAt: DateTime | null
}

/**
 * The networks the acting organisation belongs to, and whether it shares its consolidated
 * figures with each (its admin's page). The network's name is read from the organisations,
 * which every tenant may name.
 */
export class NetworkSharing extends Report<Record<string, never>, { links: NetworkSharingRow[] }> {
  async build() {
    const links = await NetworkMember.query().orderBy('id')
    const names = new Map<number, string>(
      (
        await db
          .from('organisations')
          .whereIn(
            'id',
            links.map((link) => link.networkOrganisationId)
          )
          .select('id', 'name')
      ).map((row: { id: number; name: string }) => [row.id, row.name])
    )
    return {
      links: links.map((link) => ({
        id: link.id,
        networkName: names.get(link.networkOrganisationId) ?? '',
        sharing: link.sharing,
        agreedAt: link.sharingAgreedAt,
      })),
    }
  }
}
