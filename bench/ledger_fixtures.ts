import { createWriteStream } from 'node:fs'
import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { Database } from '@adonisjs/lucid/database'
import { FEC_COLUMNS } from '#imports/accounting/fec/format'
import { importFec } from '#imports/accounting/fec/index'
import type { BenchResult } from '../commands/bench.js'

/** Number of ledger lines for a bench: `base` scaled by BENCH_SCALE (e.g. 0.01 for a quick check). */
export function scaled(base: number) {
  const scale = Number(process.env.BENCH_SCALE ?? 1)
  return Math.max(100, Math.round(base * (Number.isFinite(scale) && scale > 0 ? scale : 1)))
}

const ACCOUNTS = [
  '6064',
  '6132',
  '6226',
  '6251',
  '6411',
  '6451',
  '401',
  '411',
  '421',
  '431',
  '512',
  '741',
  '7441',
  '756',
]

/**
 * Writes a plausible FEC of about `lines` lines for calendar year `year` (entries of 2 to 4
 * lines, balanced) in a directory readable by the database server (for COPY baselines).
 */
export async function generateFec(lines: number, year = 2024) {
  const dir = await mkdtemp(join(tmpdir(), 'bench-fec-'))
  await chmod(dir, 0o755)
  const path = join(dir, `FEC${year}.txt`)
  const out = createWriteStream(path)
  out.write(FEC_COLUMNS.join('\t') + '\r\n')
  let written = 0
  let number = 0
  let buffer = ''
  while (written < lines) {
    number++
    const size = 2 + (number % 3)
    const day = new Date(Date.UTC(year, 0, 1 + (Math.floor((number * 365) / (lines / 3)) % 365)))
    const date = day.toISOString().slice(0, 10).replaceAll('-', '')
    const journal = ['AC', 'BQ', 'VE', 'OD'][number % 4]
    let total = 0
    for (let i = 0; i < size; i++) {
      const last = i === size - 1
      const cents = last ? total : 100 + ((number * 7919 + i * 104729) % 500000)
      if (!last) total += cents
      const amount = `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`
      const account = ACCOUNTS[(number + i * 5) % ACCOUNTS.length]
      buffer +=
        [
          journal,
          `Journal ${journal}`,
          String(number),
          date,
          account,
          `Compte ${account}`,
          account.startsWith('4') ? `T${number % 500}` : '',
          account.startsWith('4') ? `Tiers ${number % 500}` : '',
          `P${number}`,
          date,
          `Écriture ${number} ligne ${i + 1}`,
          last ? '0,00' : amount,
          last ? amount : '0,00',
          '',
          '',
          date,
          '',
          '',
        ].join('\t') + '\r\n'
      written++
    }
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain')
      buffer = ''
    }
  }
  out.end(buffer)
  await once(out, 'finish')
  return { path, lines: written, entries: number }
}

/** A throwaway organisation with the chart, journals and an open fiscal year. */
export async function benchOrganisation(db: Database, year = 2024) {
  const { seedChartOfAccounts } = await import('#actions/accounting/seed_chart_of_accounts')
  return db.transaction(async (trx) => {
    const [org] = await trx
      .insertQuery()
      .table('organisations')
      .insert({ name: 'Bench comptabilité', slug: `bench-ledger-${process.pid}-${Date.now()}` })
      .returning('id')
    await seedChartOfAccounts(org.id, trx)
    const [fy] = await trx
      .insertQuery()
      .table('fiscal_years')
      .insert({
        organisation_id: org.id,
        label: String(year),
        start_date: `${year}-01-01`,
        end_date: `${year}-12-31`,
      })
      .returning('id')
    return { organisationId: org.id as number, fiscalYearId: fy.id as number }
  })
}

/** Removes the bench organisation (bypassing the ledger's immutability triggers). */
export async function dropBenchOrganisation(db: Database, organisationId: number) {
  await db.transaction(async (trx) => {
    await trx.rawQuery('SET LOCAL session_replication_role = replica')
    for (const table of [
      'entry_lines',
      'entries',
      'journal_sequences',
      'ledger_chain_heads',
      'imports',
      'audit_events',
      'accounts',
      'journals',
      'fiscal_years',
    ]) {
      await trx.from(table).where('organisation_id', organisationId).delete()
    }
    await trx.from('organisations').where('id', organisationId).delete()
  })
}

/** Samples the resident set size while `work` runs; returns its result and the peak in MB. */
export async function withPeakRss<T>(work: () => Promise<T>) {
  let peak = process.memoryUsage().rss
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }, 20)
  try {
    const result = await work()
    peak = Math.max(peak, process.memoryUsage().rss)
    return { result, peakMb: peak / 1024 / 1024 }
  } finally {
    clearInterval(timer)
  }
}

export interface BenchLedger {
  fec: { path: string; lines: number }
  organisationId: number
  fiscalYearId: number
  tenant: { organisationId: number; userId: null; label: string }
  /** A scratch directory for the files the bench writes. */
  dir: string
}

/**
 * Runs `work` on a generated FEC of `lines` lines and a throwaway organisation (its ledger
 * imported from that FEC first when `imported`), then removes the organisation and the files.
 */
export async function withBenchLedger<T>(
  db: Database,
  lines: number,
  options: { imported: boolean },
  work: (ledger: BenchLedger) => Promise<T>
) {
  const fec = await generateFec(lines)
  const { organisationId, fiscalYearId } = await benchOrganisation(db)
  const dir = await mkdtemp(join(tmpdir(), 'bench-out-'))
  try {
    if (options.imported) {
      const imported = await importFec(fec.path, { organisationId, userId: null, fiscalYearId })
      if (imported.status !== 'committed') throw new Error('bench ledger import failed')
    }
    const tenant = { organisationId, userId: null, label: 'bench' }
    return await work({ fec, organisationId, fiscalYearId, tenant, dir })
  } finally {
    await dropBenchOrganisation(db, organisationId)
    await rm(dir, { recursive: true, force: true })
    await rm(dirname(fec.path), { recursive: true, force: true })
  }
}

/** Seconds that `work` takes. */
export async function timed(work: () => Promise<unknown>) {
  const start = performance.now()
  await work()
  return (performance.now() - start) / 1000
}

/** Reads every row of a stream (the baseline of an export): the count and the seconds taken. */
export async function readAll(rows: () => Promise<AsyncIterable<unknown>>) {
  let count = 0
  const seconds = await timed(async () => {
    for await (const row of await rows()) if (row) count++
  })
  return { count, seconds }
}

interface BenchNames {
  time: string
  memory: string
  note?: string
}

/**
 * Runs `work` once against a baseline measured before: its time against `baselineSeconds`, and
 * its peak memory against the RSS before it (after a GC when node runs with --expose-gc).
 * `describe` names both results from what `work` returned and the rise of memory (MB).
 */
export async function timeAndMemory<T>(
  baselineSeconds: number,
  work: () => Promise<T>,
  describe: (result: T, rise: number) => Promise<BenchNames> | BenchNames
): Promise<BenchResult[]> {
  global.gc?.()
  const rssBefore = process.memoryUsage().rss / 1024 / 1024
  const start = performance.now()
  const { result, peakMb } = await withPeakRss(work)
  const seconds = (performance.now() - start) / 1000
  const { time, memory, note } = await describe(result, peakMb - rssBefore)
  return [
    {
      name: time,
      value: seconds,
      baseline: baselineSeconds,
      ratio: seconds / baselineSeconds,
      unit: 's',
    },
    {
      name: memory,
      value: peakMb,
      baseline: rssBefore,
      ratio: peakMb / rssBefore,
      unit: 'Mo',
      ...(note ? { note } : {}),
    },
  ]
}
