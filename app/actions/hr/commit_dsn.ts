import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import ImportRecord from '#models/core/import_record'
import { NotFoundError, RuleError, underDatabaseRules } from '#support/domain_errors'
import { recordEvent } from '#support/audit'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { PREVIEW_TTL_HOURS } from '#imports/core/pipeline'
import { describeReconciliation, reconcileAfterImport } from '#reconciliation/after_import'
import type { DsnIssue } from '#imports/hr/dsn/parser'
import type { DsnPlan, PersonPlan } from '#imports/hr/dsn/plan'
import {
  DSN_IMPORT_KIND,
  dropDsnCopy,
  journalIssues,
  readDsn,
  storedDsnPath,
} from '#imports/hr/dsn/stored_file'

export interface DsnCommitOutcome {
  record: ImportRecord
  issues: DsnIssue[]
  summary: string | null
  /** The year of the declared month, once committed. */
  year: number | null
}

/**
 * Step 2 of a DSN import: re-reads the kept copy, plans it again against the register as it is
 * now, and writes the plan in one transaction: employees, contracts (new, ended, or corrected
 * the register's way: the old line superseded), pay components (source 'dsn', with the import),
 * each person's month, leaves, the declaration. A replacing declaration first cancels the pay
 * components of the one it replaces, with a reason; a cancelling one only cancels.
 */
export default class CommitDsn {
  static async handle(
    tenant: Tenant,
    input: { importId: number },
    trx?: TransactionClientContract
  ): Promise<DsnCommitOutcome> {
    const outcome = await commit(tenant, input, trx)
    // As after the shared pipeline's imports: the month's year is reconciled once committed
    // (never undoing the import); a caller's transaction (the demo seed) reconciles later.
    if (trx || !outcome.summary || !outcome.year) return outcome
    const reconciled = await reconcileAfterImport(tenant, [outcome.year])
    return { ...outcome, summary: `${outcome.summary} ; ${describeReconciliation(reconciled)}` }
  }
}

function commit(
  tenant: Tenant,
  input: { importId: number },
  trx?: TransactionClientContract
): Promise<DsnCommitOutcome> {
  return withTransaction(trx, async (t) => {
    const record = await ImportRecord.query({ client: t })
      .where('id', input.importId)
      .where('kind', DSN_IMPORT_KIND)
      .forUpdate()
      .first()
    if (!record) throw new NotFoundError('Cet import de DSN n’existe pas.')
    if (record.status === 'committed') throw new RuleError('Cette DSN a déjà été enregistrée.')
    if (record.status !== 'previewed')
      throw new RuleError('Cette DSN a été refusée : corrigez le fichier et déposez-le à nouveau.')
    if (record.createdAt < DateTime.now().minus({ hours: PREVIEW_TTL_HOURS }))
      throw new RuleError('Cet aperçu a expiré : déposez le fichier à nouveau.')
    const { plan, issues } = await readDsn(storedDsnPath(record), tenant.organisationId, t)
    if (!plan) {
      record.merge({ status: 'rejected', errors: journalIssues(issues) })
      await record.save()
      await dropDsnCopy(record)
      return { record, issues, summary: null, year: null }
    }
    const summary = await underDatabaseRules(() => write(tenant, plan, record.id, t))
    record.merge({ status: 'committed', committedAt: DateTime.now() })
    await record.save()
    await recordEvent({
      domain: 'hr',
      action: 'import',
      subjectType: 'imports',
      subjectId: record.id,
      summary: `DSN ${plan.declaration.month.slice(5, 7)}/${plan.declaration.month.slice(0, 4)} : ${record.fileName} — ${summary}`,
      after: { kind: DSN_IMPORT_KIND, sha256: record.sha256, type: plan.declaration.type },
      trx: t,
    })
    await dropDsnCopy(record)
    return { record, issues: [], summary, year: Number(plan.declaration.month.slice(0, 4)) }
  })
}

async function write(
  tenant: Tenant,
  plan: DsnPlan,
  importId: number,
  t: TransactionClientContract
) {
  const organisationId = tenant.organisationId
  const now = new Date()
  const { declaration } = plan
  const cancel = plan.effect === 'cancel'
  if (plan.previous) {
    await t
      .from('dsn_declarations')
      .where({ organisation_id: organisationId, id: plan.previous.id })
      .update({ status: cancel ? 'cancelled' : 'replaced', ended_at: now })
    await t
      .from('pay_components')
      .where({ organisation_id: organisationId, import_id: plan.previous.importId })
      .whereNull('cancelled_at')
      .update({
        cancelled_at: now,
        cancel_reason: `DSN ${cancel ? 'annulée' : 'remplacée'} par l’import n° ${importId}`,
      })
  }
  const [{ id: declarationId }] = await t
    .table('dsn_declarations')
    .insert({
      organisation_id: organisationId,
      import_id: importId,
      month: declaration.month,
      siret: declaration.siret,
      declaration_type: declaration.type,
      status: cancel ? 'cancelled' : 'active',
      ended_at: cancel ? now : null,
      replaces_id: plan.previous?.id ?? null,
      headcount: plan.people.length,
      gross_total: declaration.grossTotal.toFixed(2),
      employer_contributions: declaration.contributionsTotal.toFixed(2),
    })
    .returning('id')
  const componentRows: Array<Record<string, unknown>> = []
  const monthRows: Array<Record<string, unknown>> = []
  const counts = { created: 0, contracts: 0, corrected: 0, ended: 0, components: 0, leaves: 0 }
  for (const person of plan.people) {
    const employeeId = await employeeOf(person, organisationId, t)
    if (!person.employeeId) counts.created++
    for (const step of person.contracts) {
      if (step.action === 'unchanged') continue
      const c = step.contract
      if (step.action === 'end') {
        await t
          .from('contracts')
          .where({ organisation_id: organisationId, id: step.existing!.id })
          .update({ end_date: c.end, end_reason: c.endReason, updated_at: now })
        counts.ended++
        continue
      }
      const old =
        step.action === 'correct'
          ? await t
              .from('contracts')
              .where({ organisation_id: organisationId, id: step.existing!.id })
              .first()
          : null
      if (old) {
        await t.from('contracts').where('id', old.id).update({ superseded_at: now })
        counts.corrected++
      } else counts.contracts++
      await t.table('contracts').insert({
        organisation_id: organisationId,
        employee_id: employeeId,
        contract_type: c.contractType,
        job_title: c.jobTitle,
        job_reference_id: old?.job_reference_id ?? null,
        qualification: old?.qualification ?? null,
        csp: c.csp,
        classification_level: old?.classification_level ?? null,
        part_time_share: c.share,
        site: old?.site ?? null,
        start_date: c.start,
        end_date: c.end,
        end_reason: c.end ? c.endReason : null,
        authorisation_date: old?.authorisation_date ?? null,
        supersedes_id: old?.id ?? null,
      })
    }
    if (cancel) continue
    const components = person.individual.pay.map((p) => ({
      organisation_id: organisationId,
      employee_id: employeeId,
      kind: p.kind,
      period_start: p.start,
      period_end: p.end,
      amount: p.amount.toFixed(2),
      source: 'dsn',
      import_id: importId,
    }))
    componentRows.push(...components)
    counts.components += components.length
    monthRows.push({
      organisation_id: organisationId,
      declaration_id: declarationId,
      employee_id: employeeId,
      month: declaration.month,
      gross: person.individual.gross.toFixed(2),
      employer_contributions: person.individual.employerContributions.toFixed(2),
    })
    for (const { leave, existingId } of person.leaves) {
      if (existingId) {
        await t
          .from('leaves')
          .where({ organisation_id: organisationId, id: existingId })
          .whereNot('end_date', leave.end)
          .update({ end_date: leave.end, updated_at: now })
        continue
      }
      await t.table('leaves').insert({
        organisation_id: organisationId,
        employee_id: employeeId,
        kind: leave.kind,
        start_date: leave.start,
        end_date: leave.end,
      })
      counts.leaves++
    }
  }
  for (let i = 0; i < componentRows.length; i += 500)
    await t.table('pay_components').multiInsert(componentRows.slice(i, i + 500))
  for (let i = 0; i < monthRows.length; i += 500)
    await t.table('dsn_employee_months').multiInsert(monthRows.slice(i, i + 500))
  if (cancel) return 'déclaration du mois annulée, ses éléments de paie aussi'
  return [
    `${plan.people.length} salarié(s) déclaré(s)`,
    `${counts.created} créé(s)`,
    `${counts.contracts} contrat(s) ajouté(s)`,
    `${counts.corrected} corrigé(s)`,
    `${counts.ended} terminé(s)`,
    `${counts.components} élément(s) de paie`,
    `${counts.leaves} congé(s)`,
    plan.effect === 'replace' ? 'la déclaration précédente du mois est remplacée' : null,
  ]
    .filter(Boolean)
    .join(', ')
}

async function employeeOf(
  person: PersonPlan,
  organisationId: number,
  t: TransactionClientContract
) {
  const i = person.individual
  if (person.employeeId) {
    if (person.setNir)
      await t
        .from('employees')
        .where({ organisation_id: organisationId, id: person.employeeId })
        .update({ nir: i.nir, updated_at: new Date() })
    return person.employeeId
  }
  const [{ id }] = await t
    .table('employees')
    .insert({
      organisation_id: organisationId,
      registry_number: i.registryNumber,
      nir: i.nir,
      surname: i.surname,
      first_names: i.firstNames,
      sex: i.sex,
      birth_date: i.birthDate,
    })
    .returning('id')
  return id as number
}
