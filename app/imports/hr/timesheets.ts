import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { ImportContext, ImportDefinition, ImportIssue } from '#imports/core/pipeline'
import { normaliseHeader, requiredColumn } from '#imports/core/row_reader'
import { recordEvent } from '#support/audit'

/**
 * Time allocation from timesheets: matricule, dispositif, mois, part du temps. A row replaces
 * the stored share of the same (employee, programme, month). The shares of one employee for
 * one month, file and register together, never exceed 100 % of the contract's time, and the
 * employee must be under contract that month (also enforced by a trigger).
 */
export interface TimesheetRow {
  employeeId: number
  programmeId: number
  month: string
  share: string
}

interface Reference {
  employees: Map<string, { id: number; contracts: Array<{ start: string; end: string | null }> }>
  programmes: Map<string, number>
  /** `${employeeId}|${month}` -> existing shares by programme */
  existing: Map<string, Map<number, number>>
}

const definition: ImportDefinition<TimesheetRow> = {
  kind: 'rh.temps',
  label: 'Temps par dispositif (feuilles de temps)',
  domain: 'hr',
  permission: 'hr.write',
  redirectTo: { route: 'hr.personal.time' },
  maxRows: 50_000,
  columns: [
    requiredColumn('registry', 'Matricule'),
    requiredColumn('programme', 'Dispositif', 'Code ou nom du dispositif.'),
    requiredColumn('month', 'Mois', 'Une date du mois (le 1er par exemple).'),
    requiredColumn('share', 'Part du temps', 'Part du temps contractuel : 0,5 ou 50 %.'),
  ],

  async prepare(context: ImportContext, client) {
    const ref: Reference = { employees: new Map(), programmes: new Map(), existing: new Map() }
    const rows = await client
      .from('employees as e')
      .join('contracts as c', 'c.employee_id', 'e.id')
      .whereNull('c.superseded_at')
      .where('e.organisation_id', context.organisationId)
      .whereNotNull('e.registry_number')
      .select('e.id', 'e.registry_number', 'c.start_date', 'c.end_date')
    for (const r of rows) {
      const key = normaliseHeader(r.registry_number)
      if (!ref.employees.has(key)) ref.employees.set(key, { id: r.id, contracts: [] })
      ref.employees.get(key)!.contracts.push({ start: r.start_date, end: r.end_date })
    }
    for (const p of await client
      .from('programmes')
      .where('organisation_id', context.organisationId)) {
      ref.programmes.set(normaliseHeader(p.code), p.id)
      ref.programmes.set(normaliseHeader(p.name), p.id)
    }
    for (const a of await client
      .from('time_allocations')
      .where('organisation_id', context.organisationId)) {
      const key = `${a.employee_id}|${a.month}`
      if (!ref.existing.has(key)) ref.existing.set(key, new Map())
      ref.existing.get(key)!.set(a.programme_id, Number(a.share))
    }
    context.data.reference = ref
  },

  parseRow(reader, context) {
    const ref = context.data.reference as Reference
    const registry = reader.text('registry', { required: true, maxLength: 20 })
    const employee = registry === null ? undefined : ref.employees.get(normaliseHeader(registry))
    if (registry !== null && !employee)
      reader.fail('registry', `matricule inconnu : « ${registry} »`)
    const programmeText = reader.text('programme', { required: true, maxLength: 200 })
    const programmeId =
      programmeText === null ? undefined : ref.programmes.get(normaliseHeader(programmeText))
    if (programmeText !== null && !programmeId)
      reader.fail('programme', `dispositif inconnu : « ${programmeText} »`)
    const date = reader.date('month', { required: true })
    const month = date ? date.startOf('month').toISODate()! : null
    const shareText = reader.text('share', { required: true, maxLength: 10 })
    let share: number | null = null
    if (shareText !== null) {
      const n = Number(shareText.replace('%', '').replace(',', '.').trim())
      share = shareText.includes('%') || n > 1 ? n / 100 : n
      if (!Number.isFinite(share) || share <= 0 || share > 1) {
        reader.fail('share', 'part du temps invalide (entre 0 et 100 %)')
        share = null
      }
    }
    if (employee && month) {
      const monthEnd = date!.endOf('month').toISODate()!
      const covered = employee.contracts.some(
        (c) => c.start <= monthEnd && (c.end === null || c.end >= month)
      )
      if (!covered) reader.fail('month', 'aucun contrat en cours ce mois-là pour ce salarié')
    }
    if (reader.issues.length) return null
    return {
      employeeId: employee!.id,
      programmeId: programmeId!,
      month: month!,
      share: share!.toFixed(4),
    }
  },

  checkAll(rows, context) {
    const ref = context.data.reference as Reference
    const issues: ImportIssue[] = []
    const totals = new Map<string, { shares: Map<number, number>; lines: number[] }>()
    for (const { line, row } of rows) {
      const key = `${row.employeeId}|${row.month}`
      if (!totals.has(key))
        totals.set(key, { shares: new Map(ref.existing.get(key) ?? []), lines: [] })
      const entry = totals.get(key)!
      entry.shares.set(row.programmeId, Number(row.share))
      entry.lines.push(line)
    }
    for (const [key, entry] of totals) {
      const total = [...entry.shares.values()].reduce((a, b) => a + b, 0)
      if (total > 1.00001) {
        issues.push({
          line: entry.lines[0],
          column: null,
          value: `${Math.round(total * 10000) / 100} %`,
          message: `temps affecté supérieur à 100 % du temps contractuel pour ce salarié en ${key.split('|')[1].slice(0, 7)} (lignes ${entry.lines.join(', ')})`,
        })
      }
    }
    return issues
  },

  async commit(rows, trx: TransactionClientContract, context) {
    // Delete-then-insert so that the 100 % trigger sees the new shares, never old + new.
    for (const row of rows) {
      await trx
        .from('time_allocations')
        .where({
          organisation_id: context.organisationId,
          employee_id: row.employeeId,
          programme_id: row.programmeId,
          month: row.month,
        })
        .delete()
    }
    for (let i = 0; i < rows.length; i += 500) {
      await trx.table('time_allocations').multiInsert(
        rows.slice(i, i + 500).map((r) => ({
          organisation_id: context.organisationId,
          employee_id: r.employeeId,
          programme_id: r.programmeId,
          month: r.month,
          share: r.share,
        }))
      )
    }
    await recordEvent({
      domain: 'hr',
      action: 'import',
      subjectType: 'time_allocations',
      summary: `${rows.length} lignes de temps importées`,
      organisationId: context.organisationId,
      trx,
    })
    return `${rows.length} ligne(s) de temps enregistrée(s).`
  },
}

export default definition
