import type { Decimal } from 'decimal.js'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { sumMoney, toMoney } from '#support/money'
import type {
  DsnContract,
  DsnDeclaration,
  DsnIndividual,
  DsnIssue,
  DsnLeave,
} from '#imports/hr/dsn/parser'
import {
  CONTRACT_TYPES,
  CSP_CATEGORIES,
  PAY_COMPONENT_KINDS,
  type PayComponentKind,
} from '#vocabulary/hr'

/**
 * What a parsed DSN would do to the register, person by person: the employee matched (by NIR,
 * then by payroll number) or created, each contract created, corrected, ended or unchanged,
 * the pay components by kind, the leaves; and what it does to the month (add, replace,
 * cancel). The preview shows it; the commit writes exactly it. Refusals that need the register
 * (a month already declared, an overlapping contract...) are issues with line and rubric.
 */

export interface ExistingContract {
  id: number
  start: string
  end: string | null
  endReason: string | null
  contractType: string
  csp: string | null
  share: string
  jobTitle: string
}

export interface ContractStep {
  action: 'create' | 'correct' | 'end' | 'unchanged'
  contract: DsnContract
  existing: ExistingContract | null
  changes: string[]
}

export interface PersonPlan {
  individual: DsnIndividual
  employeeId: number | null
  match: 'nir' | 'matricule' | 'new'
  setNir: boolean
  contracts: ContractStep[]
  payByKind: Array<{ kind: PayComponentKind; amount: Decimal }>
  leaves: Array<{ leave: DsnLeave; existingId: number | null }>
}

export interface DsnPlan {
  declaration: DsnDeclaration
  effect: 'add' | 'replace' | 'cancel'
  previous: { id: number; importId: number } | null
  people: PersonPlan[]
}

const fr = (iso: string | null) => (iso ? iso.split('-').reverse().join('/') : '—')

function contractStep(
  contract: DsnContract,
  existing: ExistingContract[]
): ContractStep | DsnIssue {
  const same = existing.find((c) => c.start === contract.start)
  if (!same) {
    const overlap = existing.find(
      (c) => c.start <= (contract.end ?? '9999-12-31') && contract.start <= (c.end ?? '9999-12-31')
    )
    if (overlap)
      return {
        line: contract.line,
        rubric: 'S21.G00.40.001',
        value: contract.start,
        message: `ce contrat chevauche le contrat du registre commencé le ${fr(overlap.start)}`,
      }
    return { action: 'create', contract, existing: null, changes: ['nouveau contrat'] }
  }
  const changes: string[] = []
  if (same.contractType !== contract.contractType)
    changes.push(
      `type : ${CONTRACT_TYPES[same.contractType as keyof typeof CONTRACT_TYPES] ?? same.contractType} → ${CONTRACT_TYPES[contract.contractType]}`
    )
  if (same.csp !== contract.csp)
    changes.push(
      `CSP : ${same.csp ? CSP_CATEGORIES[same.csp as keyof typeof CSP_CATEGORIES] : '—'} → ${CSP_CATEGORIES[contract.csp]}`
    )
  if (toMoney(same.share).minus(contract.share).abs().gte('0.001'))
    changes.push(`temps de travail : ${same.share} → ${contract.share}`)
  if (same.jobTitle !== contract.jobTitle)
    changes.push(`emploi : ${same.jobTitle} → ${contract.jobTitle}`)
  const endChanged =
    contract.end !== null && (same.end !== contract.end || same.endReason !== contract.endReason)
  if (endChanged && same.end === null && changes.length === 0)
    return { action: 'end', contract, existing: same, changes: [`fin le ${fr(contract.end)}`] }
  if (endChanged) changes.push(`fin : ${fr(same.end)} → ${fr(contract.end)}`)
  return {
    action: changes.length ? 'correct' : 'unchanged',
    contract:
      contract.end === null && same.end !== null
        ? { ...contract, end: same.end, endReason: same.endReason as DsnContract['endReason'] }
        : contract,
    existing: same,
    changes,
  }
}

/** Plans the declaration against the register, read through `client` (the commit's transaction). */
export async function planDsn(
  organisationId: number,
  declaration: DsnDeclaration,
  client: QueryClientContract
): Promise<{ plan: DsnPlan | null; issues: DsnIssue[] }> {
  const issues: DsnIssue[] = []
  const previous = await client
    .from('dsn_declarations')
    .where({ organisation_id: organisationId, month: declaration.month, status: 'active' })
    .select('id', 'import_id')
    .first()
  const replacing = ['03', '04', '05'].includes(declaration.type)
  const monthLabel = fr(declaration.month).slice(3)
  if (previous && !replacing)
    issues.push({
      line: null,
      rubric: 'S20.G00.05.005',
      value: monthLabel,
      message: `le mois ${monthLabel} a déjà une DSN importée : seule une déclaration « annule et remplace » (type 03) peut la remplacer`,
    })
  if (!previous && replacing)
    issues.push({
      line: null,
      rubric: 'S20.G00.05.002',
      value: declaration.type,
      message: `aucune DSN du mois ${monthLabel} n’a été importée : il n’y a rien à remplacer ni à annuler`,
    })
  const employees: Array<{ id: number; nir: string | null; registry_number: string | null }> =
    await client
      .from('employees')
      .where('organisation_id', organisationId)
      .where((q) => q.whereNotNull('nir').orWhereNotNull('registry_number'))
      .select('id', 'nir', 'registry_number')
  const byNir = new Map(employees.filter((e) => e.nir).map((e) => [e.nir!, e]))
  const byRegistry = new Map(
    employees
      .filter((e) => e.registry_number)
      .map((e) => [e.registry_number!.trim().toUpperCase(), e])
  )
  const people: PersonPlan[] = []
  const matched: Array<{
    person: DsnIndividual
    employeeId: number | null
    match: PersonPlan['match']
    setNir: boolean
  }> = []
  for (const person of declaration.type === '04' ? [] : declaration.individuals) {
    const viaNir = byNir.get(person.nir)
    const viaRegistry = person.registryNumber
      ? byRegistry.get(person.registryNumber.trim().toUpperCase())
      : undefined
    if (viaNir && viaRegistry && viaNir.id !== viaRegistry.id) {
      issues.push({
        line: person.line,
        rubric: 'S21.G00.30.019',
        value: person.registryNumber,
        message: 'ce matricule est celui d’un autre salarié du registre que ce NIR',
      })
      continue
    }
    if (!viaNir && viaRegistry?.nir) {
      issues.push({
        line: person.line,
        rubric: 'S21.G00.30.001',
        value: null,
        message: 'ce matricule est celui d’un salarié du registre dont le NIR est différent',
      })
      continue
    }
    const employee = viaNir ?? viaRegistry ?? null
    matched.push({
      person,
      employeeId: employee?.id ?? null,
      match: viaNir ? 'nir' : viaRegistry ? 'matricule' : 'new',
      setNir: !viaNir,
    })
  }
  const ids = matched.flatMap((m) => (m.employeeId ? [m.employeeId] : []))
  const contracts = new Map<number, ExistingContract[]>()
  const leaves = new Map<number, Array<{ id: number; kind: string; start: string; end: string }>>()
  if (ids.length) {
    const rows = await client
      .from('contracts')
      .where('organisation_id', organisationId)
      .whereIn('employee_id', ids)
      .whereNull('superseded_at')
      .select(
        'id',
        'employee_id',
        'start_date',
        'end_date',
        'end_reason',
        'contract_type',
        'csp',
        'part_time_share',
        'job_title'
      )
    for (const r of rows) {
      const list = contracts.get(r.employee_id) ?? []
      list.push({
        id: r.id,
        start: r.start_date,
        end: r.end_date,
        endReason: r.end_reason,
        contractType: r.contract_type,
        csp: r.csp,
        share: String(r.part_time_share),
        jobTitle: r.job_title,
      })
      contracts.set(r.employee_id, list)
    }
    const leaveRows = await client
      .from('leaves')
      .where('organisation_id', organisationId)
      .whereIn('employee_id', ids)
      .select('id', 'employee_id', 'kind', 'start_date', 'end_date')
    for (const r of leaveRows) {
      const list = leaves.get(r.employee_id) ?? []
      list.push({ id: r.id, kind: r.kind, start: r.start_date, end: r.end_date })
      leaves.set(r.employee_id, list)
    }
  }
  for (const { person, employeeId, match, setNir } of matched) {
    const existing = employeeId ? (contracts.get(employeeId) ?? []) : []
    const steps: ContractStep[] = []
    for (const contract of person.contracts) {
      const step = contractStep(contract, existing)
      if ('message' in step) issues.push(step)
      else steps.push(step)
    }
    const kinds = Object.keys(PAY_COMPONENT_KINDS) as PayComponentKind[]
    const payByKind = kinds
      .map((kind) => ({
        kind,
        amount: sumMoney(person.pay.filter((p) => p.kind === kind).map((p) => p.amount)),
      }))
      .filter((p) => !p.amount.isZero())
    const known = employeeId ? (leaves.get(employeeId) ?? []) : []
    people.push({
      individual: person,
      employeeId,
      match,
      setNir,
      contracts: steps,
      payByKind,
      leaves: person.leaves.map((leave) => ({
        leave,
        existingId: known.find((l) => l.kind === leave.kind && l.start === leave.start)?.id ?? null,
      })),
    })
  }
  if (issues.length) return { plan: null, issues }
  return {
    plan: {
      declaration,
      effect: declaration.type === '04' ? 'cancel' : previous ? 'replace' : 'add',
      previous: previous ? { id: previous.id, importId: previous.import_id } : null,
      people,
    },
    issues: [],
  }
}
