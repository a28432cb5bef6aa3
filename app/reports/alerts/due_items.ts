import { DateTime } from 'luxon'
import { ReportingDeadlines } from '#reports/grants/deadlines'
import { AwaitedFunding } from '#reports/grants/awaited'
import { rows } from '#reports/grants/sql'
import { ClientReport } from '#support/report'
import type { PageLink } from '#support/page_link'
import { formatDate, formatMoney } from '#support/french_format'
import { ROLE_MATRIX, type Permission, type Role } from '#policies/role_matrix'
import {
  ACCOUNTS_APPROVAL_MONTHS,
  ALERT_DEADLINE_DAYS,
  ALERT_MANDATE_DAYS,
  type AlertKind,
} from '#vocabulary/alerts'
import { DEADLINE_KINDS } from '#vocabulary/grants'
import { labelOf } from '#vocabulary/labels'

/** Something due or overdue that an alert is kept for, until it no longer holds. */
export interface DueItem {
  kind: AlertKind
  /** The subject within its kind (`deadline:42`): one alert per subject, whatever the reruns. */
  subjectKey: string
  title: string
  detail: string | null
  /** ISO calendar date. */
  dueOn: string
  overdue: boolean
  /** The page where it is resolved. */
  link: PageLink
  /** Who sees it: the roles that act on it (and the board, for what it oversees)... */
  roles: Role[]
  /** ...and this person (the one who left an import in preview). */
  userId: number | null
}

/** The roles a permission of the matrix names, the board added when it oversees the subject. */
function rolesOf(permission: Permission, board = false): Role[] {
  const roles: Role[] = [...ROLE_MATRIX[permission]].filter((role) => role !== 'network')
  return board && !roles.includes('board') ? [...roles, 'board'] : roles
}

/**
 * Everything due or overdue in an organisation at a day (issue #17): the conventions'
 * reporting deadlines (funder reports, balance requests) overdue or due within 30 days, the
 * instalments expected before the day and not fully received, the mandates ending within 90
 * days, the label criteria of the current referential past their due date (or the
 * referential's deadline) and not validated, a closed year's accounts not approved by an
 * adopted AG resolution six months after its end, and the imports left in preview since
 * before the day. The grants lists are those of the grants pages (same reports).
 */
export class DueItems extends ClientReport<{ today: DateTime }, DueItem[]> {
  async build() {
    const today = this.params.today
    const day = today.toISODate()!
    const org = this.tenant.organisationId
    const grantsRoles = rolesOf('grants.read')

    const deadlines = await new ReportingDeadlines(
      this.tenant,
      { today, days: ALERT_DEADLINE_DAYS },
      this.client
    ).build()
    const deadlineItems = [...deadlines.overdue, ...deadlines.upcoming].map((d): DueItem => ({
      kind: d.kind === 'balance_request' ? 'balance_request' : 'funder_report',
      subjectKey: `deadline:${d.deadlineId}`,
      title: `${labelOf(DEADLINE_KINDS, d.kind)} — ${d.reference} (${d.funder})`,
      detail: d.label,
      dueOn: d.dueOn,
      overdue: d.daysLate > 0,
      link: { route: 'grants.grants.show', params: { id: d.grantId } },
      roles: grantsRoles,
      userId: null,
    }))

    const awaited = await new AwaitedFunding(this.tenant, { today }, this.client).build()
    const instalmentItems = awaited.overdue.instalments.map((i): DueItem => ({
      kind: 'instalment',
      subjectKey: `schedule:${i.scheduleId}`,
      title: `Versement attendu — ${i.reference} (${i.funder})`,
      detail: `Reste à recevoir : ${formatMoney(i.remaining)}${i.label ? ` — ${i.label}` : ''}`,
      dueOn: i.expectedOn,
      overdue: true,
      link: { route: 'grants.grants.show', params: { id: i.grantId } },
      roles: grantsRoles,
      userId: null,
    }))

    const mandates = await rows<{ id: number; holder: string; college: string; ends: string }>(
      `SELECT s.id, coalesce(p.full_name, b.name) AS holder, c.name AS college,
              s.mandate_end::text AS ends
         FROM seats s
         JOIN colleges c ON c.id = s.college_id AND c.organisation_id = s.organisation_id
         JOIN member_bodies b ON b.id = s.member_body_id AND b.organisation_id = s.organisation_id
         LEFT JOIN persons p ON p.id = s.person_id AND p.organisation_id = s.organisation_id
        WHERE s.organisation_id = :org AND s.mandate_start <= CAST(:day AS date)
          AND s.mandate_end BETWEEN CAST(:day AS date) AND CAST(:day AS date) + CAST(:days AS integer)
        ORDER BY s.mandate_end, s.id`,
      { org, day, days: ALERT_MANDATE_DAYS },
      this.client
    )
    const mandateItems = mandates.map((m): DueItem => ({
      kind: 'mandate_end',
      subjectKey: `seat:${m.id}`,
      title: `Fin de mandat — ${m.holder} (${m.college})`,
      detail: `Le mandat prend fin le ${formatDate(m.ends)} : renouvellement ou remplacement à prévoir.`,
      dueOn: m.ends,
      overdue: false,
      link: { route: 'governance.index' },
      roles: rolesOf('governance.write', true),
      userId: null,
    }))

    const criteria = await rows<{
      id: number
      criterion_id: number
      code: string
      title: string
      due: string
    }>(
      `SELECT a.id, c.id AS criterion_id, c.code, c.title,
              coalesce(a.due_date, r.deadline)::text AS due
         FROM criterion_assessments a
         JOIN criteria c ON c.id = a.criterion_id AND c.organisation_id = a.organisation_id
         JOIN referentials r ON r.id = c.referential_id AND r.organisation_id = c.organisation_id
        WHERE a.organisation_id = :org AND r.is_current
          AND a.status NOT IN ('validated', 'not_applicable')
          AND coalesce(a.due_date, r.deadline) < CAST(:day AS date)
        ORDER BY coalesce(a.due_date, r.deadline), c.code, a.id`,
      { org, day },
      this.client
    )
    const criterionItems = criteria.map((c): DueItem => ({
      kind: 'criterion_late',
      subjectKey: `assessment:${c.id}`,
      title: `Critère ${c.code} en retard — ${c.title}`,
      detail: null,
      dueOn: c.due,
      overdue: true,
      link: { route: 'quality.criteria.show', params: { id: c.criterion_id } },
      roles: rolesOf('quality.write'),
      userId: null,
    }))

    const years = await rows<{ id: number; label: string; due: string }>(
      `SELECT y.id, y.label,
              (y.end_date + make_interval(months => CAST(:months AS integer)))::date::text AS due
         FROM fiscal_years y
        WHERE y.organisation_id = :org AND y.status = 'closed'
          AND y.end_date + make_interval(months => CAST(:months AS integer)) < CAST(:day AS date)
          AND NOT EXISTS (
            SELECT 1 FROM resolutions r
             WHERE r.organisation_id = y.organisation_id AND r.fiscal_year_id = y.id
               AND r.subject_kind = 'approve_accounts' AND r.result = 'adopted')
        ORDER BY y.end_date, y.id`,
      { org, day, months: ACCOUNTS_APPROVAL_MONTHS },
      this.client
    )
    const yearItems = years.map((y): DueItem => ({
      kind: 'accounts_approval',
      subjectKey: `fiscal_year:${y.id}`,
      title: `Comptes de l’exercice ${y.label} non approuvés`,
      detail: `Clos mais sans résolution d’approbation des comptes adoptée par l’AG ${ACCOUNTS_APPROVAL_MONTHS} mois après sa fin.`,
      dueOn: y.due,
      overdue: true,
      link: { route: 'governance.meetings.index' },
      roles: rolesOf('accounting.read'),
      userId: null,
    }))

    const imports = await rows<{
      id: number
      file_name: string
      user_id: number | null
      day: string
    }>(
      `SELECT i.id, i.file_name, i.user_id,
              (i.created_at AT TIME ZONE 'Europe/Paris')::date::text AS day
         FROM imports i
        WHERE i.organisation_id = :org AND i.status = 'previewed'
          AND (i.created_at AT TIME ZONE 'Europe/Paris')::date < CAST(:day AS date)
        ORDER BY i.created_at, i.id`,
      { org, day },
      this.client
    )
    const importItems = imports.map((i): DueItem => ({
      kind: 'import_preview',
      subjectKey: `import:${i.id}`,
      title: `Import laissé en aperçu — ${i.file_name}`,
      detail: 'Validez-le ou abandonnez-le : rien n’est enregistré tant qu’il est en aperçu.',
      dueOn: i.day,
      overdue: true,
      link: { route: 'imports.index' },
      roles: ['admin'],
      userId: i.user_id,
    }))

    return [
      ...deadlineItems,
      ...instalmentItems,
      ...mandateItems,
      ...criterionItems,
      ...yearItems,
      ...importItems,
    ]
  }
}

/** Today in Paris, the job's day unless one is given. */
export function parisToday() {
  return DateTime.now().setZone('Europe/Paris').startOf('day')
}
