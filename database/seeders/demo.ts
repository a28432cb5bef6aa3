import db from '@adonisjs/lucid/services/db'
import { readFile } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import Organisation from '#models/core/organisation'
import { actingAs } from '#support/request_context'
import { seedDemoUsers } from '#database/seeders/demo_users'
import { seedHr } from '#database/seeders/hr'
import { seedHrDsn } from '#database/seeders/hr_dsn'
import { seedActivity } from '#database/seeders/activity'
import { seedAccounting } from '#database/seeders/accounting'
import { seedReconciliation } from '#database/seeders/reconciliation'
import { seedGovernanceComposition, seedGovernanceMeetings } from '#database/seeders/governance'
import { seedQuality } from '#database/seeders/quality'
import { seedGrants } from '#database/seeders/grants'
import { seedBank } from '#database/seeders/bank'
import { seedTreasury } from '#database/seeders/treasury'

// The reference file as JSON.parse reads it (an untyped tree); the parts the seeders read are
// typed where they are read: ReportLine, ReportTerritory, ReportProgrammeRow.
export type Rapport2023 = Record<string, any>

/** A line of a statement of the reference report: label, figure per column, "dont" details. */
export interface ReportLine {
  'label': string
  '2023': number | null
  '2024_budget': number | null
  'of_which'?: ReportLine[]
}

/** The income statement of the reference report, as printed. */
export interface ReportStatement {
  charges: ReportLine[]
  produits: ReportLine[]
}

/** An antenna of the reference report's activity section, with its areas ([name, ...]). */
export interface ReportTerritory {
  antenna: string
  areas: Array<[string, ...unknown[]]>
}

/** A row of the reference report's programme table. */
export interface ReportProgrammeRow {
  name: string
  level: string
  fse?: boolean
}

/** The details ("dont") of a report line, refused when it has none. */
export function detailsOf(line: ReportLine): ReportLine[] {
  if (!line.of_which) throw new Error(`Ligne sans détail dans le rapport : ${line.label}`)
  return line.of_which
}

export async function loadRapport2023(): Promise<Rapport2023> {
  return JSON.parse(await readFile(app.makePath('app/reference/rapport-2023.json'), 'utf8'))
}

/**
 * The demo organisation of the 2023 annual report, in one transaction. Each domain adds its
 * own step to DEMO_STEPS.
 */
export const DEMO_STEPS: Array<{
  name: string
  run: (
    organisation: Organisation,
    rapport: Rapport2023,
    trx: import('@adonisjs/lucid/types/database').TransactionClientContract
  ) => Promise<void>
}> = [
  { name: 'utilisateurs', run: (organisation, _, trx) => seedDemoUsers(organisation, trx) },
  {
    name: 'activité',
    run: (organisation, rapport, trx) => seedActivity(organisation, rapport, trx),
  },
  // The statutes before accounting: the general assembly of June 2023 founds the allocation of
  // the 2022 result that the 2023 ledger posts (issue #14).
  {
    name: 'gouvernance : statuts',
    run: (_, rapport, trx) => seedGovernanceComposition(rapport, trx),
  },
  {
    name: 'comptabilité',
    run: (organisation, rapport, trx) => seedAccounting(organisation, rapport, trx),
  },
  {
    name: 'financements',
    run: (organisation, rapport, trx) => seedGrants(organisation, rapport, trx),
  },
  { name: 'banque', run: (organisation, _, trx) => seedBank(organisation, trx) },
  { name: 'trésorerie', run: (organisation, _, trx) => seedTreasury(organisation, trx) },
  { name: 'personnel', run: (organisation, rapport, trx) => seedHr(organisation, rapport, trx) },
  { name: 'personnel : DSN 2023', run: (organisation, _, trx) => seedHrDsn(organisation, trx) },
  {
    name: 'gouvernance : séances',
    run: (organisation, _, trx) => seedGovernanceMeetings(organisation, trx),
  },
  { name: 'qualité', run: (organisation, rapport, trx) => seedQuality(organisation, rapport, trx) },
  {
    name: 'rapport publié',
    run: (organisation, rapport, trx) => seedReconciliation(organisation, rapport, trx),
  },
]

export async function demoExists() {
  const row = await db.from('organisations').where('slug', 'we-ker').first()
  return !!row
}

export async function seedDemo(log: (message: string) => void = () => {}) {
  const rapport = await loadRapport2023()
  const created = await db.transaction(async (trx) => {
    const organisation = await Organisation.create(
      {
        name: rapport.organisation.name,
        legalName: `Mission Locale ${rapport.organisation.name}`,
        slug: 'we-ker',
        siren: '123456789',
        timezone: 'Europe/Paris',
      },
      { client: trx }
    )
    await actingAs({ organisationId: organisation.id, userId: null, label: 'démo' }, async () => {
      for (const step of DEMO_STEPS) {
        log(`Démo : ${step.name}`)
        await step.run(organisation, rapport, trx)
      }
    })
    // Deferred checks (ledger balance) run now: an error raised at COMMIT would be lost by knex.
    await trx.rawQuery('SET CONSTRAINTS ALL IMMEDIATE')
    return organisation
  })
  // Fresh planner statistics after the bulk load (as after a FEC import): with the estimates of
  // empty tables, the planner chooses nested loops over thousands of lines.
  await db.rawQuery('ANALYZE')
  return created
}
