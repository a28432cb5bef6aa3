import type { Decimal } from 'decimal.js'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { ImportContext, ImportDefinition, ImportIssue } from '#imports/core/pipeline'
import {
  normaliseHeader,
  vocabularyAliases,
  optionalColumn,
  requiredColumn,
  type RowReader,
} from '#imports/core/row_reader'
import { recordEvent } from '#support/audit'
import {
  CONTRACT_TYPES,
  CSP_CATEGORIES,
  END_REASONS,
  SEXES,
  type PayComponentKind,
  type Sex,
} from '#vocabulary/hr'

/**
 * Staff list from a payroll export: one row per contract (an employee with two successive
 * contracts has two rows with the same matricule). Every row is checked (unknown contract
 * type, end before start, unknown emploi repère...), then contracts are checked together and
 * against the register (no overlap for one employee); then all rows are written, or none.
 */
export interface StaffRow {
  registryNumber: string
  surname: string
  firstNames: string
  sex: Sex
  birthDate: string
  nationality: string
  workPermitType: string | null
  workPermitNumber: string | null
  contractType: string
  jobTitle: string
  jobReferenceId: number | null
  qualification: string | null
  csp: string | null
  partTimeShare: string
  site: string | null
  startDate: string
  endDate: string | null
  endReason: string | null
  salary: Decimal | null
  /** Pay components of one year within this contract (optional columns). */
  components: {
    periodStart: string
    periodEnd: string
    amounts: Array<[PayComponentKind, Decimal]>
  } | null
}

/** The optional pay columns: amounts of the year given in "Année des éléments de paie". */
const PAY_COLUMNS: Array<[string, PayComponentKind]> = [
  ['bonuses', 'prime'],
  ['benefits', 'avantage_nature'],
  ['overtime', 'heures_supplementaires'],
]

/** What staff lists may write for the codes of `#vocabulary/hr`: code or label, normalised. */
const CONTRACT_TYPE_ALIASES = vocabularyAliases(CONTRACT_TYPES)
const END_REASON_ALIASES = vocabularyAliases(END_REASONS)
const SEX_ALIASES = vocabularyAliases(SEXES, { m: 'H' })
const CSP_ALIASES = vocabularyAliases(CSP_CATEGORIES)

interface Reference {
  jobs: Map<string, { id: number; csp: string | null }>
  /** registry number -> { employee id, contracts already in the register } */
  employees: Map<string, { id: number; contracts: Array<{ start: string; end: string | null }> }>
}

const iso = (d: { toISODate(): string | null } | null) => (d ? d.toISODate() : null)
const overlaps = (
  a: { start: string; end: string | null },
  b: { start: string; end: string | null }
) => a.start <= (b.end ?? '9999-12-31') && b.start <= (a.end ?? '9999-12-31')

/**
 * The optional pay columns of a row: amounts of one year, for the part of that year the row's
 * contract covers (a year the contract does not touch is refused).
 */
function payComponents(reader: RowReader, start: string | null, end: string | null) {
  const amounts: Array<[PayComponentKind, Decimal]> = []
  for (const [key, kind] of PAY_COLUMNS) {
    const amount = reader.money(key, { positive: true })
    if (amount) amounts.push([kind, amount])
  }
  const year = reader.integer('payYear', { min: 1900, max: 2200 })
  if (amounts.length === 0) return null
  if (year === null) {
    reader.fail('payYear', 'année des éléments de paie manquante pour les montants de la ligne')
    return null
  }
  if (!start) return null
  const periodStart = start > `${year}-01-01` ? start : `${year}-01-01`
  const periodEnd = end && end < `${year}-12-31` ? end : `${year}-12-31`
  if (periodEnd < periodStart) {
    reader.fail('payYear', `le contrat de la ligne ne couvre pas l’année ${year}`)
    return null
  }
  return { periodStart, periodEnd, amounts }
}

const definition: ImportDefinition<StaffRow> = {
  kind: 'rh.salaries',
  label: 'Liste du personnel',
  domain: 'hr',
  permission: 'hr.write',
  redirectTo: { route: 'hr.personal.employees' },
  maxRows: 5000,
  columns: [
    requiredColumn(
      'registry',
      'Matricule',
      'Identifiant du salarié dans la paie (le même pour ses contrats successifs).'
    ),
    requiredColumn('surname', 'Nom'),
    requiredColumn('firstNames', 'Prénoms', null, 'prenom'),
    requiredColumn('sex', 'Sexe', 'F ou H.'),
    requiredColumn('birthDate', 'Date de naissance'),
    optionalColumn('nationality', 'Nationalité', null, 'nationalite'),
    optionalColumn(
      'permitType',
      'Titre de travail',
      'Type du titre autorisant à travailler (travailleurs étrangers).'
    ),
    optionalColumn('permitNumber', 'N° du titre de travail', null, 'numero du titre de travail'),
    requiredColumn(
      'contractType',
      'Type de contrat',
      'CDI, CDD, CDD de remplacement, apprentissage, professionnalisation.'
    ),
    requiredColumn('jobTitle', 'Emploi'),
    optionalColumn(
      'jobReference',
      'Emploi repère',
      'Code ou libellé de la liste des emplois repères.',
      'emploi repere'
    ),
    optionalColumn('qualification', 'Qualification'),
    optionalColumn(
      'csp',
      'CSP',
      'ouvrier, employé, technicien et agent de maîtrise, ingénieur et cadre.'
    ),
    optionalColumn('share', 'Temps de travail', 'Part d’un temps plein : 1, 0,8 ou 80 %.'),
    optionalColumn('site', 'Site'),
    requiredColumn('start', 'Date de début', null, 'date d entree'),
    optionalColumn('end', 'Date de fin', null, 'date de sortie'),
    optionalColumn('endReason', 'Motif de fin', null, 'motif de sortie'),
    optionalColumn(
      'salary',
      'Salaire brut annuel ETP',
      'Salaire brut annuel en équivalent temps plein à l’embauche.'
    ),
    optionalColumn(
      'payYear',
      'Année des éléments de paie',
      'Année des primes, avantages en nature et heures supplémentaires des colonnes suivantes (obligatoire quand l’une est remplie).'
    ),
    optionalColumn(
      'bonuses',
      'Primes brutes de l’année',
      'Primes versées sur l’année, pour le contrat de la ligne (comptées par l’index égalité).',
      'primes'
    ),
    optionalColumn(
      'benefits',
      'Avantages en nature de l’année',
      'Comptés par l’index égalité.',
      'avantages en nature'
    ),
    optionalColumn(
      'overtime',
      'Heures supplémentaires de l’année',
      'Montant brut ; exclu de l’index égalité, comme le prévoit la loi.',
      'heures supplementaires'
    ),
  ],

  async prepare(context: ImportContext, client) {
    const jobs = await client
      .from('job_references')
      .where('organisation_id', context.organisationId)
    const ref: Reference = { jobs: new Map(), employees: new Map() }
    for (const j of jobs) {
      ref.jobs.set(normaliseHeader(j.code), { id: j.id, csp: j.default_csp })
      ref.jobs.set(normaliseHeader(j.label), { id: j.id, csp: j.default_csp })
    }
    const contracts = await client
      .from('employees as e')
      .leftJoin('contracts as c', (q) => q.on('c.employee_id', 'e.id').andOnNull('c.superseded_at'))
      .where('e.organisation_id', context.organisationId)
      .whereNotNull('e.registry_number')
      .select('e.id', 'e.registry_number', 'c.start_date', 'c.end_date')
    for (const c of contracts) {
      const key = normaliseHeader(c.registry_number)
      if (!ref.employees.has(key)) ref.employees.set(key, { id: c.id, contracts: [] })
      // calendar dates come back from PostgreSQL as 'YYYY-MM-DD' strings (config/database.ts)
      if (c.start_date)
        ref.employees.get(key)!.contracts.push({ start: c.start_date, end: c.end_date })
    }
    context.data.reference = ref
  },

  parseRow(reader, context) {
    const ref = context.data.reference as Reference
    const registryNumber = reader.text('registry', { required: true, maxLength: 20 })
    const surname = reader.text('surname', { required: true, maxLength: 120 })
    const firstNames = reader.text('firstNames', { required: true, maxLength: 200 })
    const sex = reader.oneOf('sex', SEX_ALIASES, { required: true })
    const birth = reader.date('birthDate', { required: true })
    const contractType = reader.oneOf('contractType', CONTRACT_TYPE_ALIASES, { required: true })
    const jobTitle = reader.text('jobTitle', { required: true, maxLength: 160 })
    const jobText = reader.text('jobReference', { maxLength: 120 })
    const job = jobText === null ? null : ref.jobs.get(normaliseHeader(jobText))
    if (jobText !== null && !job)
      reader.fail('jobReference', `emploi repère inconnu : « ${jobText} »`)
    const csp = reader.oneOf('csp', CSP_ALIASES)
    const shareText = reader.text('share', { maxLength: 10 })
    let share = '1.0000'
    if (shareText !== null) {
      const n = Number(shareText.replace('%', '').replace(',', '.').trim())
      const ratio = shareText.includes('%') || n > 1 ? n / 100 : n
      if (!Number.isFinite(ratio) || ratio <= 0 || ratio > 1)
        reader.fail('share', 'temps de travail invalide (entre 1 % et 100 %)')
      else share = ratio.toFixed(4)
    }
    const start = reader.date('start', { required: true })
    const end = reader.date('end')
    const endReason = reader.oneOf('endReason', END_REASON_ALIASES)
    if (start && end && end < start) reader.fail('end', 'la date de fin précède la date de début')
    if (end && !endReason)
      reader.fail('endReason', 'motif de fin obligatoire quand la date de fin est renseignée')
    if (!end && endReason) reader.fail('end', 'date de fin manquante pour ce motif de fin')
    const salary = reader.money('salary', { positive: true })
    const components = payComponents(reader, iso(start), iso(end))
    if (reader.issues.length) return null
    return {
      registryNumber: registryNumber!,
      surname: surname!.toUpperCase(),
      firstNames: firstNames!,
      sex: sex!,
      birthDate: iso(birth)!,
      nationality: reader.text('nationality', { maxLength: 80 }) ?? 'française',
      workPermitType: reader.text('permitType', { maxLength: 120 }),
      workPermitNumber: reader.text('permitNumber', { maxLength: 60 }),
      contractType: contractType!,
      jobTitle: jobTitle!,
      jobReferenceId: job?.id ?? null,
      qualification: reader.text('qualification', { maxLength: 160 }),
      csp: csp ?? job?.csp ?? null,
      partTimeShare: share,
      site: reader.text('site', { maxLength: 120 }),
      startDate: iso(start)!,
      endDate: iso(end),
      endReason: endReason ?? null,
      salary,
      components,
    }
  },

  checkAll(rows, context) {
    const ref = context.data.reference as Reference
    const issues: ImportIssue[] = []
    const byEmployee = new Map<string, Array<{ line: number; start: string; end: string | null }>>()
    for (const { line, row } of rows) {
      const key = normaliseHeader(row.registryNumber)
      const list = byEmployee.get(key) ?? []
      for (const other of list) {
        if (overlaps(other, { start: row.startDate, end: row.endDate })) {
          issues.push({
            line,
            column: null,
            value: row.registryNumber,
            message: `contrats qui se chevauchent pour le matricule ${row.registryNumber} (voir ligne ${other.line})`,
          })
        }
      }
      for (const existing of ref.employees.get(key)?.contracts ?? []) {
        if (overlaps(existing, { start: row.startDate, end: row.endDate })) {
          issues.push({
            line,
            column: null,
            value: row.registryNumber,
            message: `ce contrat chevauche un contrat déjà au registre (du ${existing.start}${existing.end ? ` au ${existing.end}` : ''})`,
          })
        }
      }
      list.push({ line, start: row.startDate, end: row.endDate })
      byEmployee.set(key, list)
    }
    return issues
  },

  async commit(rows, trx: TransactionClientContract, context) {
    const ref = context.data.reference as Reference
    const ids = new Map<string, number>()
    let created = 0
    for (const row of [...rows].sort((a, b) => a.startDate.localeCompare(b.startDate))) {
      const key = normaliseHeader(row.registryNumber)
      let id = ids.get(key) ?? ref.employees.get(key)?.id
      if (!id) {
        const [inserted] = await trx
          .table('employees')
          .insert({
            organisation_id: context.organisationId,
            registry_number: row.registryNumber,
            surname: row.surname,
            first_names: row.firstNames,
            sex: row.sex,
            birth_date: row.birthDate,
            nationality: row.nationality,
            work_permit_type: row.workPermitType,
            work_permit_number: row.workPermitNumber,
          })
          .returning('id')
        id = inserted.id as number
        created++
      }
      ids.set(key, id)
      await trx.table('contracts').insert({
        organisation_id: context.organisationId,
        employee_id: id,
        contract_type: row.contractType,
        job_title: row.jobTitle,
        job_reference_id: row.jobReferenceId,
        qualification: row.qualification,
        csp: row.csp,
        part_time_share: row.partTimeShare,
        site: row.site,
        start_date: row.startDate,
        end_date: row.endDate,
        end_reason: row.endReason,
      })
      if (row.components) {
        const { periodStart, periodEnd, amounts } = row.components
        await trx.table('pay_components').multiInsert(
          amounts.map(([kind, amount]) => ({
            organisation_id: context.organisationId,
            employee_id: id,
            kind,
            period_start: periodStart,
            period_end: periodEnd,
            amount: amount.toFixed(2),
            source: 'import',
            import_id: context.importRecord?.id ?? null,
          }))
        )
      }
      if (row.salary) {
        await trx.table('salary_events').insert({
          organisation_id: context.organisationId,
          employee_id: id,
          effective_date: row.startDate,
          kind: 'hire',
          gross_annual_fte: row.salary.toFixed(2),
        })
      }
    }
    await recordEvent({
      domain: 'hr',
      action: 'import',
      subjectType: 'contracts',
      summary: `${rows.length} contrats importés, ${created} salariés créés`,
      organisationId: context.organisationId,
      trx,
    })
    return `${rows.length} contrat(s) importé(s), ${created} salarié(s) créé(s).`
  },
}

export default definition
