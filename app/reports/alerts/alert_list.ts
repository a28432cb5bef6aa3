import { rows } from '#reports/grants/sql'
import { ClientReport } from '#support/report'
import type { PageLink, PageName } from '#support/page_link'
import type { Tenant } from '#support/request_context'
import type { AlertKind } from '#vocabulary/alerts'

export interface AlertRow {
  id: number
  kind: AlertKind
  title: string
  detail: string | null
  /** ISO calendar date. */
  dueOn: string
  overdue: boolean
  link: PageLink
  dismissed: boolean
}

export interface AlertListParams {
  userId: number
  roles: readonly string[]
  /** The alerts the person marked as read too (the page's second list). */
  withDismissed?: boolean
}

/**
 * What a person may see of the open alerts, matched on the roles stored with each alert (or
 * addressed to them) in a bind of the person's roles: the SQL of the list, the header counter
 * and the digest. Roles are vocabulary codes, never free text.
 */
function visibleTo(alias: string, who: AlertViewer = BOUND_VIEWER) {
  return `${alias}.organisation_id = ${who.org} AND ${alias}.resolved_at IS NULL
      AND (${alias}.roles && ${who.roles} OR ${alias}.user_id = ${who.user})`
}

/** SQL expressions of the organisation, the roles (text[]) and the user an alert is seen by. */
export interface AlertViewer {
  org: string
  roles: string
  user: string
}

/** The viewer as bindings :org, :roles (comma-separated codes) and :user. */
const BOUND_VIEWER: AlertViewer = {
  org: ':org',
  roles: "string_to_array(CAST(:roles AS text), ',')",
  user: ':user',
}

function bindings(tenant: Tenant, params: { userId: number; roles: readonly string[] }) {
  return { org: tenant.organisationId, user: params.userId, roles: params.roles.join(',') }
}

/** A person's open alerts, overdue first then by due date; the dismissed ones on request. */
export class AlertList extends ClientReport<AlertListParams, AlertRow[]> {
  async build() {
    const list = await rows<{
      id: number
      kind: AlertKind
      title: string
      detail: string | null
      due_on: string
      overdue: boolean
      link_route: string
      link_params: Record<string, string | number>
      dismissed: boolean
    }>(
      `SELECT a.id, a.kind, a.title, a.detail, a.due_on::text AS due_on, a.overdue,
              a.link_route, a.link_params, d.id IS NOT NULL AS dismissed
         FROM alerts a
         LEFT JOIN alert_dismissals d
           ON d.organisation_id = a.organisation_id AND d.alert_id = a.id AND d.user_id = :user
        WHERE ${visibleTo('a')} AND (CAST(:all AS boolean) OR d.id IS NULL)
        ORDER BY a.overdue DESC, a.due_on, a.id`,
      { ...bindings(this.tenant, this.params), all: this.params.withDismissed ?? false },
      this.client
    )
    return list.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      detail: r.detail,
      dueOn: r.due_on,
      overdue: r.overdue,
      link: { route: r.link_route as PageName, params: r.link_params },
      dismissed: r.dismissed,
    }))
  }
}

/**
 * The SQL of the header's counter for a viewer; also read with the session's user, in the same
 * query, from the columns of their memberships (#http/session_user_provider).
 */
export function openAlertCount(who: AlertViewer = BOUND_VIEWER) {
  return `SELECT count(*)::int
         FROM alerts a
        WHERE ${visibleTo('a', who)}
          AND NOT EXISTS (SELECT 1 FROM alert_dismissals d
                           WHERE d.organisation_id = a.organisation_id AND d.alert_id = a.id
                             AND d.user_id = ${who.user})`
}

/** The header's counter: a person's open alerts not marked as read (one indexed query). */
export class AlertCount extends ClientReport<{ userId: number; roles: readonly string[] }, number> {
  async build() {
    const [row] = await rows<{ n: number }>(
      `SELECT (${openAlertCount()}) AS n`,
      bindings(this.tenant, this.params),
      this.client
    )
    return row.n
  }
}

/** One open alert the person may see, or null (another person's, another organisation's). */
export class VisibleAlert extends ClientReport<
  { id: number; userId: number; roles: readonly string[] },
  { id: number; title: string } | null
> {
  async build() {
    const [row] = await rows<{ id: number; title: string }>(
      `SELECT a.id, a.title FROM alerts a WHERE a.id = :id AND ${visibleTo('a')}`,
      { ...bindings(this.tenant, this.params), id: this.params.id },
      this.client
    )
    return row ?? null
  }
}

/** When the alerts of the organisation were last computed, and the person's digest choice. */
export class AlertSettings extends ClientReport<
  { userId: number },
  { lastRunOn: string | null; frequency: string | null }
> {
  async build() {
    const [run] = await rows<{ today: string }>(
      `SELECT today::text AS today FROM alert_runs
        WHERE organisation_id = :org ORDER BY created_at DESC, id DESC LIMIT 1`,
      { org: this.tenant.organisationId },
      this.client
    )
    const [preference] = await rows<{ frequency: string }>(
      `SELECT frequency FROM alert_preferences WHERE organisation_id = :org AND user_id = :user`,
      { org: this.tenant.organisationId, user: this.params.userId },
      this.client
    )
    return {
      lastRunOn: run?.today ?? null,
      frequency: preference?.frequency ?? null,
    }
  }
}
