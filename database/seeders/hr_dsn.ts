import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Organisation from '#models/core/organisation'
import PreviewDsn from '#actions/hr/preview_dsn'
import CommitDsn from '#actions/hr/commit_dsn'
import { dsnFixture, syntheticNir, type FixturePerson } from '#imports/hr/dsn/generator'
import { DsnPayrollMonths } from '#reports/hr/dsn_payroll'
import { RuleError } from '#support/domain_errors'
import type { ContractType, Csp, EndReason, Sex } from '#vocabulary/hr'

const DEMO_YEAR = 2023
const DEMO_NIC = '00018'

interface Person {
  id: number
  registry: string | null
  surname: string
  firstNames: string
  sex: Sex
  birth: string
  contracts: Array<{
    start: string
    end: string | null
    endReason: EndReason | null
    type: ContractType
    csp: Csp
    jobTitle: string
    share: string
  }>
  salaries: Array<{ date: string; amount: number }>
  leaves: Array<{ start: string; end: string }>
}

const monthEnd = (month: string) => {
  const d = new Date(`${month}T00:00:00Z`)
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10)
}
const dayBefore = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() - 1)
  return d.toISOString().slice(0, 10)
}

/** Splits cents by weights; the largest share takes the rounding rest. */
function splitCents(total: number, weights: number[]) {
  const sum = weights.reduce((a, b) => a + b, 0) || 1
  const parts = weights.map((w) => Math.floor((total * w) / sum))
  const largest = weights.indexOf(Math.max(...weights))
  parts[largest] += total - parts.reduce((a, b) => a + b, 0)
  return parts
}
const euros = (cents: number) => (cents / 100).toFixed(2)

async function people(organisationId: number, trx: TransactionClientContract) {
  const employees = await trx
    .from('employees')
    .where('organisation_id', organisationId)
    .whereNull('anonymised_at')
    .orderBy('id')
  const byId = new Map<number, Person>(
    employees.map((e) => [
      e.id,
      {
        id: e.id,
        registry: e.registry_number,
        surname: e.surname,
        firstNames: e.first_names,
        sex: e.sex,
        birth: e.birth_date ?? '1980-01-01',
        contracts: [],
        salaries: [],
        leaves: [],
      },
    ])
  )
  for (const c of await trx
    .from('contracts')
    .where('organisation_id', organisationId)
    .whereNull('superseded_at')
    .orderBy('start_date'))
    byId.get(c.employee_id)?.contracts.push({
      start: c.start_date,
      end: c.end_date,
      endReason: c.end_reason,
      type: c.contract_type,
      csp: c.csp ?? 'employe',
      jobTitle: c.job_title,
      share: String(c.part_time_share),
    })
  for (const s of await trx
    .from('salary_events')
    .where('organisation_id', organisationId)
    .orderBy('effective_date'))
    byId
      .get(s.employee_id)
      ?.salaries.push({ date: s.effective_date, amount: Number(s.gross_annual_fte) })
  for (const l of await trx.from('leaves').where('organisation_id', organisationId))
    byId.get(l.employee_id)?.leaves.push({ start: l.start_date, end: l.end_date })
  return [...byId.values()]
}

/**
 * The demo's twelve 2023 DSN (issue #19), written by the fixture generator from the register
 * (people, contracts, ends, maternity leaves) and the ledger (each month's 641x split among the
 * people paid that month by their FTE salary, part-time share and days under contract; 645x in
 * proportion to gross pay), then imported through the actions as a user would: the register
 * gains the NIRs, the monthly pay and the contributions, and the payroll reconciles exactly.
 */
export async function seedHrDsn(organisation: Organisation, trx: TransactionClientContract) {
  const tenant = { organisationId: organisation.id, userId: null, label: 'démo' }
  const { months } = await new DsnPayrollMonths(tenant, { year: DEMO_YEAR }, trx).build()
  const staff = await people(organisation.id, trx)
  const dir = await mkdtemp(join(tmpdir(), 'socle-demo-dsn-'))
  try {
    for (const payroll of months) {
      const first = payroll.month
      const last = monthEnd(first)
      const days = Number(last.slice(8, 10))
      const paid = staff.flatMap((person) => {
        const contracts = person.contracts.filter(
          (c) => c.start <= last && (!c.end || c.end >= first)
        )
        if (!contracts.length) return []
        const salary = [...person.salaries].reverse().find((s) => s.date <= last)?.amount ?? 20000
        const weight = contracts.reduce((sum, c) => {
          const from = c.start > first ? c.start : first
          const to = c.end && c.end < last ? c.end : last
          const covered = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1
          return sum + salary * Number(c.share) * (covered / days)
        }, 0)
        return [{ person, contracts, weight }]
      })
      const gross = splitCents(
        Math.round(payroll.ledgerGross.toNumber() * 100),
        paid.map((p) => p.weight)
      )
      const contributions = splitCents(
        Math.round(payroll.ledgerContributions.toNumber() * 100),
        gross.map((g) => Math.max(g, 1))
      )
      const fixturePeople: FixturePerson[] = paid.map(({ person, contracts }, i) => ({
        nir: syntheticNir(person.sex, person.birth, person.id),
        surname: person.surname,
        firstNames: person.firstNames,
        sex: person.sex,
        birthDate: person.birth,
        registryNumber: person.registry,
        contracts: contracts.map((c) => ({
          start: c.start,
          contractType: c.type,
          csp: c.csp,
          jobTitle: c.jobTitle,
          share: c.share,
          end: c.end && c.end <= last ? c.end : null,
          endReason: c.end && c.end <= last ? c.endReason : null,
        })),
        gross: euros(gross[i]),
        elements: gross[i] === 0 ? [] : [{ code: 'S21.G00.51:010', amount: euros(gross[i]) }],
        employerContributions: euros(contributions[i]),
        stoppages: person.leaves
          .filter((l) => l.start <= last && l.end >= first)
          .map((l) => ({ reason: '02', lastWorked: dayBefore(l.start), plannedEnd: l.end })),
      }))
      const path = join(dir, `DSN-${first.slice(0, 7)}.dsn`)
      await writeFile(
        path,
        dsnFixture({
          siren: organisation.siren!,
          nic: DEMO_NIC,
          month: first.slice(0, 7),
          people: fixturePeople,
        }),
        'latin1'
      )
      const preview = await PreviewDsn.handle(
        tenant,
        { path, fileName: `DSN-${first.slice(0, 7)}.dsn` },
        trx
      )
      const outcome =
        preview.status === 'previewed'
          ? await CommitDsn.handle(tenant, { importId: preview.id }, trx)
          : null
      if (!outcome || outcome.issues.length)
        throw new RuleError(
          `DSN de démonstration ${first.slice(0, 7)} refusée : ${JSON.stringify(outcome?.issues ?? preview.errors).slice(0, 500)}`
        )
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
