import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DateTime } from 'luxon'
import { isolated, makeOrganisation } from '#tests/helpers'
import timesheets from '#imports/hr/timesheets'
import { importFile } from '#imports/core/pipeline'
import { yearsTouched } from '#reconciliation/after_import'
import type Organisation from '#models/core/organisation'

/*
 * The shared import pipeline reconciles the years an import touched once it has committed,
 * whatever the kind of import, and a failing reconciliation never undoes the import.
 */

async function csv(lines: string[]) {
  const dir = await mkdtemp(join(tmpdir(), 'socle-rapprochement-'))
  const path = join(dir, 'temps.csv')
  await writeFile(path, ['Matricule;Dispositif;Mois;Part du temps', ...lines].join('\n'))
  return path
}

async function staffedOrganisation() {
  const organisation = await makeOrganisation('Temps et rapprochements')
  const [employee] = await db
    .table('employees')
    .insert({
      organisation_id: organisation.id,
      registry_number: 'M001',
      surname: 'Durand',
      first_names: 'Alice',
      sex: 'F',
    })
    .returning('id')
  await db.table('contracts').insert({
    organisation_id: organisation.id,
    employee_id: employee.id,
    contract_type: 'cdi',
    job_title: 'Conseillère',
    start_date: '2020-01-01',
  })
  await db
    .table('programmes')
    .insert({ organisation_id: organisation.id, code: 'CEJ', name: 'CEJ', level: 'national' })
  return organisation
}

const actor = (organisation: Organisation) => ({
  organisationId: organisation.id,
  userId: null,
  label: 'test',
})

test.group('Reconciliation after every committed import', (group) => {
  isolated(group)

  test('a timesheet import reconciles the year it touched', async ({ assert }) => {
    const organisation = await staffedOrganisation()
    const outcome = await importFile(
      timesheets,
      await csv(['M001;CEJ;01/03/2023;50 %']),
      actor(organisation)
    )
    assert.deepEqual(outcome.issues, [])
    assert.equal(outcome.record.status, 'committed')
    assert.match(outcome.summary!, /rapprochements 2023 : \d+ écart\(s\)/)
    const runs = await db
      .from('reconciliation_runs')
      .where({ organisation_id: organisation.id, trigger: 'import' })
    assert.deepEqual(
      runs.map((r) => [r.year, r.actor]),
      [[2023, 'import rh.temps']]
    )
    // The run saw the imported time: staff time on a programme without funding.
    const result = await db
      .from('reconciliation_results')
      .where({ run_id: runs[0].id })
      .where('check_id', 'like', 'cross.staff_time_vs_funding%')
      .first()
    assert.exists(result)
  })

  test('a failing reconciliation leaves the import committed', async ({ assert }) => {
    const organisation = await staffedOrganisation()
    const failing = {
      ...timesheets,
      reconcileYears(): number[] {
        throw new Error('panne')
      },
    }
    const outcome = await importFile(
      failing,
      await csv(['M001;CEJ;01/04/2023;30 %']),
      actor(organisation)
    )
    assert.equal(outcome.record.status, 'committed')
    assert.match(outcome.summary!, /rapprochements non exécutés/)
    const rows = await db.from('time_allocations').where('organisation_id', organisation.id)
    assert.lengthOf(rows, 1)
    const runs = await db.from('reconciliation_runs').where('organisation_id', organisation.id)
    assert.lengthOf(runs, 0)
  })

  test('years touched: year fields and dates, not birth dates, the three most recent', ({
    assert,
  }) => {
    const now = DateTime.fromISO('2024-06-01')
    assert.deepEqual(
      yearsTouched(
        [
          { birthDate: '1985-04-02', startDate: '2019-01-03', endDate: '2021-06-30' },
          { startDate: DateTime.fromISO('2022-07-01'), endDate: null },
          { month: '2023-03-01' },
          { year: 2025 },
        ],
        now
      ),
      [2021, 2022, 2023]
    )
    assert.deepEqual(yearsTouched([{ label: 'x' }], now), [])
  })
})
