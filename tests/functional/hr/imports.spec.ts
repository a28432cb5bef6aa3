import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isolated, makeOrganisation, tableCounts } from '#tests/helpers'
import staffList from '#imports/hr/staff_list'
import timesheets from '#imports/hr/timesheets'
import { importFile } from '#imports/core/pipeline'
import type Organisation from '#models/core/organisation'

const HEADER =
  'Matricule;Nom;Prénoms;Sexe;Date de naissance;Type de contrat;Emploi;Emploi repère;Temps de travail;Date de début;Date de fin;Motif de fin;Salaire brut annuel ETP'
const TABLES = ['employees', 'contracts', 'salary_events', 'time_allocations']

async function csv(lines: string[], header = HEADER) {
  const dir = await mkdtemp(join(tmpdir(), 'socle-rh-'))
  const path = join(dir, 'personnel.csv')
  await writeFile(path, [header, ...lines].join('\n'))
  return path
}
const actor = (organisation: Organisation) => ({
  organisationId: organisation.id,
  userId: null,
  label: 'test',
})

async function organisationWithJobs() {
  const organisation = await makeOrganisation('Import RH')
  await db
    .table('job_references')
    .insert({ organisation_id: organisation.id, code: 'cisp', label: 'CISP', default_csp: 'tam' })
  return organisation
}

const GOOD = [
  'M001;Durand;Alice;F;02/04/1985;CDD;Conseillère;CISP;100 %;03/01/2022;30/06/2022;Fin de CDD;28000',
  'M001;Durand;Alice;F;02/04/1985;CDI;Conseillère;CISP;80 %;01/07/2022;;;29000',
  'M002;Martin;Paul;H;15/09/1990;CDI;Chargé de projet;;1;01/03/2021;;;31000',
]

test.group('HR | staff list and timesheet imports', (group) => {
  isolated(group)

  test('a valid staff list creates employees, successive contracts and salaries', async ({
    assert,
  }) => {
    const organisation = await organisationWithJobs()
    const outcome = await importFile(staffList, await csv(GOOD), actor(organisation))
    assert.deepEqual(outcome.issues, [])
    assert.equal(outcome.record.status, 'committed')
    const contracts = await db
      .from('contracts')
      .where('organisation_id', organisation.id)
      .orderBy('start_date')
    assert.deepEqual(
      contracts.map((c) => [c.contract_type, c.part_time_share, c.end_reason]),
      [
        ['cdi', '1.0000', null],
        ['cdd', '1.0000', 'fin_cdd'],
        ['cdi', '0.8000', null],
      ]
    )
    assert.equal((await tableCounts(['employees'])).employees >= 2, true)
  })

  test('bad rows are refused with line, column and reason, and nothing is written', async ({
    assert,
  }) => {
    const organisation = await organisationWithJobs()
    const before = await tableCounts(TABLES)
    const outcome = await importFile(
      staffList,
      await csv([
        ...GOOD,
        'M003;Petit;Léa;F;01/01/1995;CDI intérimaire;Conseillère;CISP;1;01/01/2023;;;27000',
        'M004;Roux;Marc;H;01/01/1980;CDD;Conseiller;CISP;1;01/06/2023;01/01/2023;Fin de CDD;27000',
        'M005;Blanc;Anne;F;01/01/1988;CDI;Conseillère;Directrice adjointe;1;01/01/2023;;;27000',
      ]),
      actor(organisation)
    )
    assert.equal(outcome.record.status, 'rejected')
    const byLine = (line: number) => outcome.issues.filter((i) => i.line === line)
    assert.match(byLine(5)[0].column!, /Type de contrat/)
    assert.match(byLine(5)[0].message, /valeur inconnue/)
    assert.match(byLine(6)[0].column!, /Date de fin/)
    assert.match(byLine(6)[0].message, /précède la date de début/)
    assert.match(byLine(7)[0].message, /emploi repère inconnu/)
    assert.deepEqual(await tableCounts(TABLES), before)
    // overlaps are checked across the rows once every row is valid on its own
    const overlap = await importFile(
      staffList,
      await csv([
        ...GOOD,
        'M002;Martin;Paul;H;15/09/1990;CDD;Chargé de projet;;1;01/01/2022;31/12/2022;Fin de CDD;31000',
      ]),
      actor(organisation)
    )
    assert.equal(overlap.record.status, 'rejected')
    assert.equal(overlap.issues[0].line, 5)
    assert.match(
      overlap.issues[0].message,
      /contrats qui se chevauchent pour le matricule M002 \(voir ligne 4\)/
    )
    assert.deepEqual(await tableCounts(TABLES), before)
  })

  test('a salary of zero, beyond numeric(15,2) or with three decimals is refused at the preview', async ({
    assert,
  }) => {
    const organisation = await organisationWithJobs()
    const before = await tableCounts(TABLES)
    const outcome = await importFile(
      staffList,
      await csv([
        'M010;Petit;Léa;F;01/01/1995;CDI;Conseillère;CISP;1;01/01/2023;;;0',
        'M011;Roux;Marc;H;01/01/1980;CDI;Conseiller;CISP;1;01/01/2023;;;1e26',
        'M012;Roux;Lou;F;01/01/1981;CDI;Conseillère;CISP;1;01/01/2023;;;100000000000000000000000000',
        'M013;Blanc;Anne;F;01/01/1988;CDI;Conseillère;CISP;1;01/01/2023;;;27000,123',
      ]),
      actor(organisation)
    )
    assert.equal(outcome.record.status, 'rejected')
    const byLine = (line: number) => outcome.issues.find((i) => i.line === line)
    for (const line of [2, 3, 4, 5]) {
      assert.match(byLine(line)?.column ?? '', /Salaire/, `line ${line}`)
    }
    assert.match(byLine(2)!.message, /montant nul/)
    assert.match(byLine(4)!.message, /trop grand/)
    assert.match(byLine(5)!.message, /deux décimales/)
    assert.deepEqual(await tableCounts(TABLES), before)
  })

  test('a contract overlapping one already in the register is refused', async ({ assert }) => {
    const organisation = await organisationWithJobs()
    await importFile(staffList, await csv(GOOD), actor(organisation))
    const before = await tableCounts(TABLES)
    const outcome = await importFile(
      staffList,
      await csv([
        'M002;Martin;Paul;H;15/09/1990;CDD;Chargé de projet;;1;01/01/2024;30/06/2024;Fin de CDD;31000',
      ]),
      actor(organisation)
    )
    assert.equal(outcome.record.status, 'rejected')
    assert.match(outcome.issues[0].message, /chevauche un contrat déjà au registre/)
    assert.deepEqual(await tableCounts(TABLES), before)
  })

  test('timesheets: over 100 % of the contract time is refused; a valid file is written', async ({
    assert,
  }) => {
    const organisation = await organisationWithJobs()
    await importFile(staffList, await csv(GOOD), actor(organisation))
    for (const code of ['CEJ', 'PACEA']) {
      await db
        .table('programmes')
        .insert({ organisation_id: organisation.id, code, name: code, level: 'national' })
    }
    const header = 'Matricule;Dispositif;Mois;Part du temps'
    const before = await tableCounts(TABLES)
    const over = await importFile(
      timesheets,
      await csv(['M002;CEJ;01/03/2023;60 %', 'M002;PACEA;01/03/2023;50 %'], header),
      actor(organisation)
    )
    assert.equal(over.record.status, 'rejected')
    assert.match(
      over.issues[0].message,
      /supérieur à 100 % du temps contractuel .* 2023-03 \(lignes 2, 3\)/
    )
    const unknown = await importFile(
      timesheets,
      await csv(
        ['M009;CEJ;01/03/2023;10 %', 'M002;RSA;01/03/2023;10 %', 'M002;CEJ;01/03/2019;10 %'],
        header
      ),
      actor(organisation)
    )
    assert.deepEqual(
      unknown.issues.map((i) => [i.line, i.message.split(' :')[0]]),
      [
        [2, 'matricule inconnu'],
        [3, 'dispositif inconnu'],
        [4, 'aucun contrat en cours ce mois-là pour ce salarié'],
      ]
    )
    assert.deepEqual(await tableCounts(TABLES), before)
    const ok = await importFile(
      timesheets,
      await csv(['M002;CEJ;01/03/2023;60 %', 'M002;PACEA;15/03/2023;0,4'], header),
      actor(organisation)
    )
    assert.deepEqual(ok.issues, [])
    const rows = await db
      .from('time_allocations')
      .where('organisation_id', organisation.id)
      .orderBy('share')
    assert.deepEqual(
      rows.map((r) => [r.month, r.share]),
      [
        ['2023-03-01', '0.4000'],
        ['2023-03-01', '0.6000'],
      ]
    )
  })
})
