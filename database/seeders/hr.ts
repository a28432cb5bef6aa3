import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Organisation from '#models/core/organisation'
import { recordEvent } from '#support/audit'
import { buildHrPlan, JOBS, jobTitle, trainingActions, contractAt } from '#database/seeders/hr_plan'
import type { Rapport2023 } from '#database/seeders/demo'
import { TRAINING_FUNDING_MODES } from '#vocabulary/hr'
import { demoTimePlan } from '#database/seeders/demo_time_plan'

const ALT = 'alt'

/** Splits an amount in whole cents across weights; the last share takes the rounding rest. */
function spread(totalEuros: number, weights: number[]): string[] {
  const totalCents = Math.round(totalEuros * 100)
  const sum = weights.reduce((a, b) => a + b, 0)
  const parts = weights.map((w) => Math.floor((totalCents * w) / sum))
  parts[parts.length - 1] += totalCents - parts.reduce((a, b) => a + b, 0)
  return parts.map((cents) => (cents / 100).toFixed(2))
}

/**
 * Demo staff of the 2023 report: register, salaries, leaves and training, built by
 * `buildHrPlan` so that the reports reproduce the printed tables. Costs and refunds of the
 * training plan are the report's own figures, entered as cost and financing lines.
 */
export async function seedHr(
  organisation: Organisation,
  rapport: Rapport2023,
  trx: TransactionClientContract
) {
  const organisationId = organisation.id
  await trx
    .table('hr_settings')
    .insert({ organisation_id: organisationId, employer_charge_rate: '0.4500' })

  const jobIds = new Map<string, number>()
  for (const [position, job] of JOBS.entries()) {
    const [row] = await trx
      .table('job_references')
      .insert({
        organisation_id: organisationId,
        code: job.code,
        label: job.label,
        default_csp: job.csp,
        position,
      })
      .returning('id')
    jobIds.set(job.code, row.id)
  }
  const csp = new Map(JOBS.map((j) => [j.code, j.csp]))

  const plan = buildHrPlan()
  const employeeIds = new Map<number, number>()
  for (const person of plan) {
    const [row] = await trx
      .table('employees')
      .insert({
        organisation_id: organisationId,
        registry_number: `M${String(person.key).padStart(4, '0')}`,
        surname: person.surname.toUpperCase(),
        first_names: person.firstNames,
        sex: person.sex,
        birth_date: person.birth,
        nationality: person.nationality,
        work_permit_type: person.workPermit?.type ?? null,
        work_permit_number: person.workPermit?.number ?? null,
      })
      .returning('id')
    employeeIds.set(person.key, row.id)
  }
  // Hiring order = start date order, so contracts are inserted chronologically.
  const contracts = plan
    .flatMap((person) => person.contracts.map((contract) => ({ person, contract })))
    .sort((a, b) => a.contract.start.localeCompare(b.contract.start) || a.person.key - b.person.key)
  const contractRows = contracts.map(({ person, contract }) => ({
    organisation_id: organisationId,
    employee_id: employeeIds.get(person.key),
    contract_type: contract.type,
    job_title: jobTitle(contract.job),
    job_reference_id: jobIds.get(contract.job),
    qualification: csp.get(contract.job) === 'cadre' ? 'Cadre' : 'Non cadre',
    csp: csp.get(contract.job),
    part_time_share: contract.share.toFixed(4),
    site: contract.site,
    start_date: contract.start,
    // a contract still running on 31/12/2023 keeps its end open in the register
    end_date: contract.end && contract.end <= '2023-12-31' ? contract.end : null,
    end_reason: contract.end && contract.end <= '2023-12-31' ? contract.endReason : null,
  }))
  for (let i = 0; i < contractRows.length; i += 200) {
    await trx.table('contracts').multiInsert(contractRows.slice(i, i + 200))
  }
  await trx.table('salary_events').multiInsert(
    plan.flatMap((person) =>
      person.salaries.map((s) => ({
        organisation_id: organisationId,
        employee_id: employeeIds.get(person.key),
        effective_date: s.date,
        kind: s.kind,
        gross_annual_fte: s.amount.toFixed(2),
      }))
    )
  )
  const leaves = plan.flatMap((person) =>
    person.leaves.map((l) => ({
      organisation_id: organisationId,
      employee_id: employeeIds.get(person.key),
      kind: 'maternite',
      start_date: l.start,
      end_date: l.end,
    }))
  )
  if (leaves.length) await trx.table('leaves').multiInsert(leaves)

  // Training: one action per theme, one session per (action, date).
  const actionIds = new Map<string, number>()
  for (const [code, title] of Object.entries(trainingActions)) {
    const [row] = await trx
      .table('training_actions')
      .insert({
        organisation_id: organisationId,
        title,
        provider: code === ALT ? 'CFA et organismes de formation' : 'Organisme de formation',
        kind: code === ALT ? 'alternance' : 'plan',
      })
      .returning('id')
    actionIds.set(code, row.id)
  }
  const sessionIds = new Map<string, number>()
  const participants: Array<Record<string, unknown>> = []
  for (const person of plan) {
    for (const t of person.training) {
      const key = `${t.action}|${t.date}`
      if (!sessionIds.has(key)) {
        const end = new Date(`${t.date}T00:00:00Z`)
        end.setUTCDate(end.getUTCDate() + (t.action === ALT ? 30 : 4))
        const [row] = await trx
          .table('training_sessions')
          .insert({
            organisation_id: organisationId,
            training_action_id: actionIds.get(t.action),
            start_date: t.date,
            end_date: end.toISOString().slice(0, 10),
            place: contractAt(person, t.date)?.site ?? null,
          })
          .returning('id')
        sessionIds.set(key, row.id)
      }
      participants.push({
        organisation_id: organisationId,
        training_session_id: sessionIds.get(key),
        employee_id: employeeIds.get(person.key),
        days: t.days.toFixed(2),
        hours: (t.days * 7).toFixed(2),
      })
    }
  }
  await trx.table('training_participants').multiInsert(participants)

  const cost = rapport.hr.training.plan_cost_2023
  const refunds: Array<{ mode: string; amount: number }> =
    rapport.hr.training.opco_refunds_2023.rows
  const actions = [...actionIds.keys()]
  const weights = actions.map((a) =>
    plan.reduce(
      (acc, p) =>
        acc +
        p.training.filter((t) => t.year === 2023 && t.action === a).reduce((x, t) => x + t.days, 0),
      0
    )
  )
  const costLines: Array<Record<string, unknown>> = []
  const kinds: Array<[string, number]> = [
    ['pedagogique', cost.couts_pedagogiques],
    ['transport', cost.couts_annexes_detail.transport],
    ['hebergement', cost.couts_annexes_detail.hebergement],
    ['repas', cost.couts_annexes_detail.repas],
    ['salaire', cost.couts_salariaux],
  ]
  for (const [kind, total] of kinds) {
    spread(total, weights).forEach((amount, i) =>
      costLines.push({
        organisation_id: organisationId,
        training_action_id: actionIds.get(actions[i]),
        kind,
        incurred_on: '2023-12-15',
        amount,
      })
    )
  }
  await trx.table('training_cost_lines').multiInsert(costLines)
  // The report names the financing modes by their labels.
  const modeCode: Record<string, string> = Object.fromEntries(
    Object.entries(TRAINING_FUNDING_MODES).map(([code, label]) => [label, code])
  )
  await trx.table('training_financing_lines').multiInsert(
    refunds.map((r) => ({
      organisation_id: organisationId,
      training_action_id: actionIds.get(
        modeCode[r.mode] === 'fonds_mutualises_plan' ? 'cisp' : ALT
      ),
      funder: 'uniformation',
      mode: modeCode[r.mode],
      requested_on: '2023-01-16',
      amount_expected: r.amount.toFixed(2),
      amount_received: r.amount.toFixed(2),
      received_on: '2023-11-30',
    }))
  )

  await trx.table('internships').multiInsert(
    [
      ['LEROY', 'Inès', 'F', 'IUT Carrières sociales', '2023-03-06', '2023-05-26'],
      [
        'BONNET',
        'Yanis',
        'H',
        'Master Insertion et développement social',
        '2023-04-03',
        '2023-06-30',
      ],
      ['GARCIA', 'Léa', 'F', 'BTS SP3S', '2023-10-02', '2023-12-15'],
      ['NICOLAS', 'Manon', 'F', 'Licence pro Intervention sociale', '2022-11-07', '2023-01-27'],
    ].map(([surname, firstNames, sex, school, start, end]) => ({
      organisation_id: organisationId,
      surname,
      first_names: firstNames,
      sex,
      school,
      tutor_name: 'Responsable de secteur',
      place: 'Siège',
      start_date: start,
      end_date: end,
    }))
  )

  // The advisers' time on the funded programmes of the activity step, when there are some: the
  // plan the ledger's analytic overlay splits their pay with (demo_time_plan.ts).
  const programmes: Array<{ id: number; code: string }> = await trx
    .from('programmes')
    .where('organisation_id', organisationId)
    .select('id', 'code')
  const programmeIds = new Map(programmes.map((p) => [p.code, p.id]))
  const allocations = demoTimePlan(
    rapport,
    programmes.map((p) => p.code)
  ).flatMap(({ person, months, shares }) =>
    months.flatMap((month) =>
      shares.map(({ code, share }) => ({
        organisation_id: organisationId,
        employee_id: employeeIds.get(person.key),
        programme_id: programmeIds.get(code),
        month: `2023-${String(month).padStart(2, '0')}-01`,
        share,
      }))
    )
  )
  for (let i = 0; i < allocations.length; i += 500)
    await trx.table('time_allocations').multiInsert(allocations.slice(i, i + 500))

  await recordEvent({
    domain: 'hr',
    action: 'seed',
    subjectType: 'register',
    summary: `Démo : ${plan.length} salariés, ${contractRows.length} contrats, ${participants.length} participations à des formations`,
    organisationId,
    trx,
  })
}
