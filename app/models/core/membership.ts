import db from '@adonisjs/lucid/services/db'
import { compose } from '@adonisjs/core/helpers'
import { MembershipSchema } from '#database/schema'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { ROLES, type Role } from '#vocabulary/core'

/** One organisation a person belongs to, as the tenant middleware and the layout read it. */
export interface MembershipChoice {
  organisationId: number
  organisationName: string
  roles: Role[]
  /** The person's home organisation (the one their account belongs to). */
  home: boolean
  /** The membership is active and the organisation too: the person may act for it. */
  usable: boolean
  /** The organisation's postal address and logo version, for the letterhead of printed pages. */
  address: string | null
  logoVersion: string | null
  /** The organisation itself was deactivated by the instance administrator. */
  organisationActive: boolean
  /**
   * The person's open alerts there not marked as read (the header's counter), when read with the
   * membership (#http/session_user_provider); only for a usable membership.
   */
  openAlerts?: number
}

export type MembershipResolution =
  | { membership: MembershipChoice; usable: MembershipChoice[]; fellBackFrom: string | null }
  | { refusal: string }

const known = new Set<string>(ROLES)

/**
 * A person's membership of an organisation, with their roles there (ADR 9). The home
 * membership follows the `users` row (a trigger keeps it equal to `users.roles` and
 * `users.is_active`); the others are written by AddMember and RemoveMember. What a person does
 * in an organisation references the membership, so it is never deleted, only deactivated.
 */
export default class Membership extends compose(MembershipSchema, OrganisationScoped) {
  /**
   * Every membership of a person, with its organisation: home first, then by name. A lookup
   * across organisations by design (it decides which organisation the request acts for), so it
   * goes around the tenant scope with the query builder, filtered by the person.
   */
  static async choicesOf(user: { id: number; organisationId: number }) {
    const rows: MembershipRow[] = await db
      .from('memberships as m')
      .join('organisations as o', 'o.id', 'm.organisation_id')
      .leftJoin('organisation_logos as l', 'l.organisation_id', 'o.id')
      .where('m.user_id', user.id)
      .select('m.organisation_id', 'o.name', 'm.roles', 'm.is_active')
      .select('o.is_active as organisation_active', 'o.address', 'l.sha256 as logo_sha256')
      .orderByRaw('(m.organisation_id = ?) DESC, o.name, o.id', [user.organisationId])
    return membershipChoices(rows, user)
  }
}

/** A membership with its organisation, as read by choicesOf (and #http/session_user_provider). */
export interface MembershipRow {
  organisation_id: number
  name: string
  roles: string[]
  is_active: boolean
  organisation_active: boolean
  address: string | null
  logo_sha256: string | null
  open_alerts?: number | null
}

/** The choices of a person from their membership rows, in the rows' order. */
export function membershipChoices(
  rows: MembershipRow[],
  user: { organisationId: number }
): MembershipChoice[] {
  return rows.map((row) => ({
    organisationId: row.organisation_id,
    organisationName: row.name,
    roles: row.roles.filter((role): role is Role => known.has(role)),
    home: row.organisation_id === user.organisationId,
    usable: row.is_active && row.organisation_active,
    organisationActive: row.organisation_active,
    address: row.address ?? null,
    logoVersion: row.logo_sha256 ? row.logo_sha256.slice(0, 16) : null,
    ...(typeof row.open_alerts === 'number' ? { openAlerts: row.open_alerts } : {}),
  }))
}

/**
 * Which organisation a request acts for: the one chosen in the session when the person may
 * still act for it, else their home organisation, else the first other one they may act for.
 * `fellBackFrom` names the chosen organisation that was left (removed, or deactivated); a
 * person with no organisation left is refused, with the reason in French.
 */
export function resolveMembership(
  choices: MembershipChoice[],
  chosenId: number | null
): MembershipResolution {
  const usable = choices.filter((choice) => choice.usable)
  const chosen = chosenId === null ? undefined : choices.find((c) => c.organisationId === chosenId)
  if (chosen?.usable) return { membership: chosen, usable, fellBackFrom: null }
  const fallback = usable.find((choice) => choice.home) ?? usable[0]
  if (fallback) {
    return { membership: fallback, usable, fellBackFrom: chosen ? chosen.organisationName : null }
  }
  const home = choices.find((choice) => choice.home)
  if (home && !home.organisationActive) {
    return {
      refusal: `L’organisation « ${home.organisationName} » a été désactivée : il n’est plus possible de s’y connecter. Adressez-vous à l’administrateur de l’instance.`,
    }
  }
  return { refusal: 'Votre compte ne donne plus accès à aucune organisation active.' }
}
