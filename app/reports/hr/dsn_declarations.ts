import db from '@adonisjs/lucid/services/db'
import type { Decimal } from 'decimal.js'
import { existsSync } from 'node:fs'
import ImportRecord from '#models/core/import_record'
import { NotFoundError } from '#support/domain_errors'
import { toMoney } from '#support/money'
import { Report } from '#support/report'
import type { DsnIssue } from '#imports/hr/dsn/parser'
import type { DsnPlan } from '#imports/hr/dsn/plan'
import { DSN_IMPORT_KIND, readDsn, storedDsnPath } from '#imports/hr/dsn/stored_file'
import {
  CONTRACT_TYPES,
  CSP_CATEGORIES,
  DSN_DECLARATION_STATUSES,
  DSN_DECLARATION_TYPES,
  LEAVE_KINDS,
  PAY_COMPONENT_KINDS,
} from '#vocabulary/hr'
import { labelOf } from '#vocabulary/labels'

export interface DsnDeclarationRow {
  id: number
  importId: number
  fileName: string
  month: string
  type: string
  status: string
  headcount: number
  gross: Decimal
  employerContributions: Decimal
  createdAt: Date
}

/** The monthly declarations imported, the latest month first, with their imports (HR only). */
export class DsnDeclarationList extends Report<
  Record<string, never>,
  { rows: DsnDeclarationRow[] }
> {
  async build() {
    const rows = await db
      .from('dsn_declarations as d')
      .join('imports as i', (q) =>
        q.on('i.id', 'd.import_id').andOn('i.organisation_id', 'd.organisation_id')
      )
      .where('d.organisation_id', this.tenant.organisationId)
      .orderBy([
        { column: 'd.month', order: 'desc' },
        { column: 'd.id', order: 'desc' },
      ])
      .select('d.*', 'i.file_name')
    return {
      rows: rows.map((r) => ({
        id: r.id,
        importId: r.import_id,
        fileName: r.file_name,
        month: r.month,
        type: labelOf(DSN_DECLARATION_TYPES, r.declaration_type),
        status: labelOf(DSN_DECLARATION_STATUSES, r.status),
        headcount: r.headcount,
        gross: toMoney(r.gross_total),
        employerContributions: toMoney(r.employer_contributions),
        createdAt: r.created_at,
      })),
    }
  }
}

export interface DsnPersonRow {
  nir: string
  name: string
  registryNumber: string | null
  match: string
  contracts: string[]
  pay: Array<{ label: string; amount: Decimal }>
  gross: Decimal
  employerContributions: Decimal
  leaves: string[]
}

const MATCH_LABELS = {
  nir: 'Reconnu par son NIR',
  matricule: 'Reconnu par son matricule',
  new: 'Nouveau salarié',
} as const
const ACTION_LABELS = {
  create: 'Nouveau contrat',
  correct: 'Contrat corrigé',
  end: 'Fin de contrat',
  unchanged: 'Contrat inchangé',
} as const
const EFFECT_LABELS = {
  add: 'Ajout de la déclaration du mois',
  replace: 'Remplacement de la déclaration du mois (ses éléments de paie sont annulés)',
  cancel: 'Annulation de la déclaration du mois (ses éléments de paie sont annulés)',
} as const
const fr = (iso: string | null) => (iso ? iso.split('-').reverse().join('/') : '')

function peopleOf(plan: DsnPlan): DsnPersonRow[] {
  return plan.people.map((p) => ({
    nir: p.individual.nir,
    name: `${p.individual.surname} ${p.individual.firstNames}`,
    registryNumber: p.individual.registryNumber,
    match: MATCH_LABELS[p.match] + (p.setNir && p.match !== 'new' ? ' (NIR ajouté)' : ''),
    contracts: p.contracts.map(
      (s) =>
        `${ACTION_LABELS[s.action]} : ${CONTRACT_TYPES[s.contract.contractType]} du ${fr(s.contract.start)}` +
        `, ${CSP_CATEGORIES[s.contract.csp]}` +
        (s.action === 'correct' || s.action === 'end' ? ` (${s.changes.join(' ; ')})` : '')
    ),
    pay: p.payByKind.map((k) => ({ label: PAY_COMPONENT_KINDS[k.kind], amount: k.amount })),
    gross: p.individual.gross,
    employerContributions: p.individual.employerContributions,
    leaves: p.leaves.map(
      (l) =>
        `${LEAVE_KINDS[l.leave.kind]} du ${fr(l.leave.start)} au ${fr(l.leave.end)}${l.existingId ? ' (déjà au registre)' : ''}`
    ),
  }))
}

export interface DsnImportView {
  record: ImportRecord
  issues: DsnIssue[]
  plan: {
    type: string
    month: string
    siret: string
    effect: string
    headcount: number
    gross: Decimal
    employerContributions: Decimal
    people: DsnPersonRow[]
  } | null
}

/**
 * One DSN import: its issues when refused, what it would do person by person while previewed
 * (the kept copy planned against the register as it is now), the import's record once done.
 */
export class DsnImportPage extends Report<{ id: number }, DsnImportView> {
  async build(): Promise<DsnImportView> {
    const record = await ImportRecord.query()
      .where('id', this.params.id)
      .where('kind', DSN_IMPORT_KIND)
      .first()
    if (!record) throw new NotFoundError('Cet import de DSN n’existe pas.')
    const stored = (record.errors ?? []) as unknown
    const issues = (typeof stored === 'string' ? JSON.parse(stored) : stored) as Array<{
      line: number | null
      column: string | null
      value: string | null
      message: string
    }>
    const journal = issues.map((i) => ({
      line: i.line,
      rubric: i.column,
      value: i.value,
      message: i.message,
    }))
    if (record.status !== 'previewed' || !existsSync(storedDsnPath(record)))
      return { record, issues: journal, plan: null }
    const { plan, issues: found } = await readDsn(
      storedDsnPath(record),
      this.tenant.organisationId,
      db.connection()
    )
    if (!plan) return { record, issues: found, plan: null }
    const d = plan.declaration
    return {
      record,
      issues: [],
      plan: {
        type: labelOf(DSN_DECLARATION_TYPES, d.type),
        month: `${d.month.slice(5, 7)}/${d.month.slice(0, 4)}`,
        siret: d.siret,
        effect: EFFECT_LABELS[plan.effect],
        headcount: plan.people.length,
        gross: d.grossTotal,
        employerContributions: d.contributionsTotal,
        people: peopleOf(plan),
      },
    }
  }
}
