import db from '@adonisjs/lucid/services/db'
import { Report } from '#support/report'

export interface InstanceOrganisationRow {
  id: number
  name: string
  siren: string | null
  isActive: boolean
  deactivatedAt: Date | null
  createdAt: Date
  members: number
}

export interface NetworkLinkRow {
  id: number
  member: string
  network: string
  sharing: boolean
}

/**
 * Every organisation of the instance, with how many people may act for it, and the network
 * links (the instance administrator's page; ADR 9). Names and counts only: nothing of an
 * organisation's data.
 */
export class InstanceOrganisations extends Report<
  Record<string, never>,
  { organisations: InstanceOrganisationRow[]; links: NetworkLinkRow[] }
> {
  async build() {
    const organisations: InstanceOrganisationRow[] = (
      await db
        .from('organisations as o')
        .select('o.id', 'o.name', 'o.siren', 'o.is_active', 'o.deactivated_at', 'o.created_at')
        .select(
          db.raw(
            '(SELECT count(*)::int FROM memberships m WHERE m.organisation_id = o.id AND m.is_active) AS members'
          )
        )
        .orderBy('o.name')
        .orderBy('o.id')
    ).map(
      (row: {
        id: number
        name: string
        siren: string | null
        is_active: boolean
        deactivated_at: Date | null
        created_at: Date
        members: number
      }) => ({
        id: row.id,
        name: row.name,
        siren: row.siren,
        isActive: row.is_active,
        deactivatedAt: row.deactivated_at,
        createdAt: row.created_at,
        members: row.members,
      })
    )
    const links: NetworkLinkRow[] = (
      await db
        .from('network_members as n')
        .join('organisations as m', 'm.id', 'n.organisation_id')
        .join('organisations as r', 'r.id', 'n.network_organisation_id')
        .select('n.id', 'm.name as member', 'r.name as network', 'n.sharing_agreed_at')
        .orderBy('r.name')
        .orderBy('m.name')
    ).map(
      (row: { id: number; member: string; network: string; sharing_agreed_at: Date | null }) => ({
        id: row.id,
        member: row.member,
        network: row.network,
        sharing: row.sharing_agreed_at !== null,
      })
    )
    return { organisations, links }
  }
}
