import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { openAsBlob } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { Database } from '@adonisjs/lucid/database'
import testUtils from '@adonisjs/core/services/test_utils'
import env from '#start/env'
import User from '#models/core/user'
import { actingAs } from '#support/request_context'
import { importFec, runningImports, type FecImportResult } from '#imports/accounting/fec/index'
import type { BenchContext, BenchResult } from '../commands/bench.js'
import {
  benchOrganisation,
  dropBenchOrganisation,
  generateFec,
  scaled,
  timed,
} from './ledger_fixtures.js'

/**
 * FEC import (docs/adr/0011-fec-import-speed.md), each figure against a baseline of the same run:
 *
 * (a) importing N lines (1,000,000; BENCH_FEC_LINES or BENCH_SCALE change it) against a COPY of
 *     the same rows already in their final shape (ids, hashes, numbers computed) into the real
 *     entries and entry_lines, every index, constraint and trigger on: what the schema costs;
 * (b) the same import against a plain COPY of the file into an ordinary table of 18 text columns
 *     (written to the WAL, as the ledger's tables are; against an UNLOGGED one in the note);
 * (c) the import's peak memory growth against its budget of 150 MB;
 * (d) 230,000 lines (BENCH_FEC_WEB_LINES) uploaded once through the web page by a logged-in
 *     user, until the background import has committed: time and peak memory growth.
 */
const MEMORY_BUDGET_MB = 150
const WEB_BUDGET_SECONDS = 2.5
const PASSWORD = 'banc d’essai de l’import FEC'

function lineCount(variable: string, base: number) {
  const configured = Number(process.env[variable])
  return Number.isInteger(configured) && configured > 0 ? configured : scaled(base)
}

/** A directory the database server may write to and read from (server-side COPY files). */
async function serverDirectory() {
  const dir = await mkdtemp(join(tmpdir(), 'bench-fec-copy-'))
  await chmod(dir, 0o777)
  return dir
}

const quoted = (path: string) => `'${path.replaceAll("'", "''")}'`

/**
 * COPY of the raw file into a table of 18 text columns: an ordinary table, written to the WAL as
 * every ledger table is (the baseline of (b)); UNLOGGED, which skips the WAL, is printed beside it.
 */
async function rawCopySeconds(db: Database, path: string, unlogged = false) {
  await db.rawQuery(`DROP TABLE IF EXISTS bench_fec_copy`)
  await db.rawQuery(
    `CREATE ${unlogged ? 'UNLOGGED ' : ''}TABLE bench_fec_copy (${Array.from({ length: 18 }, (_, i) => `c${i + 1} text`).join(', ')})`
  )
  try {
    return await timed(() =>
      db.rawQuery(
        `COPY bench_fec_copy FROM ${quoted(path)} WITH (FORMAT text, DELIMITER E'\\t', HEADER true)`
      )
    )
  } finally {
    await db.rawQuery(`DROP TABLE bench_fec_copy`)
  }
}

/**
 * COPY of the imported rows, in their final shape, into a second organisation (same journals and
 * accounts): entries then lines, then the deferred balance checks, timed; rolled back after.
 */
async function finalShapeCopySeconds(db: Database, from: number, fiscalYearFrom: number) {
  const { organisationId: to, fiscalYearId } = await benchOrganisation(db)
  const dir = await serverDirectory()
  try {
    await db.rawQuery(
      `INSERT INTO journals (organisation_id, code, label)
         SELECT ?, code, label FROM journals WHERE organisation_id = ? ON CONFLICT DO NOTHING`,
      [to, from]
    )
    await db.rawQuery(
      `INSERT INTO accounts (organisation_id, number, label)
         SELECT ?, number, label FROM accounts WHERE organisation_id = ? ON CONFLICT DO NOTHING`,
      [to, from]
    )
    const { rows } = await db.rawQuery(
      `SELECT min(id) AS low, max(id) AS high FROM entries WHERE organisation_id = ?`,
      [from]
    )
    const shift = Number(rows[0].high) - Number(rows[0].low) + 1
    // New ids above every existing one (the bench is alone on its throwaway database).
    await db.rawQuery(
      `SELECT setval(pg_get_serial_sequence('entries', 'id'), ?::bigint + ?::bigint)`,
      [rows[0].high, shift]
    )
    const trx = await db.transaction()
    try {
      const entries = join(dir, 'entries.copy')
      const lines = join(dir, 'lines.copy')
      await trx.rawQuery(
        `COPY (SELECT e.id + ${shift}, ${to}, jto.id, ${fiscalYearId}, e.entry_date, e.number, e.sequence_number,
                      e.label, e.piece_ref, e.piece_date, e.status, transaction_timestamp(), e.valid_date,
                      e.chain_position, e.previous_hash, e.hash
                 FROM entries e JOIN journals jf ON jf.id = e.journal_id
                 JOIN journals jto ON jto.organisation_id = ${to} AND jto.code = jf.code
                WHERE e.organisation_id = ${from} AND e.fiscal_year_id = ${fiscalYearFrom}
                ORDER BY e.id) TO ${quoted(entries)}`
      )
      await trx.rawQuery(
        `COPY (SELECT l.entry_id + ${shift}, ${to}, l.line_no, ato.id, l.account_number, l.entry_date,
                      l.debit, l.credit, l.label, l.aux_number, l.aux_label, l.lettering, l.lettering_date,
                      l.currency_amount, l.currency
                 FROM entry_lines l JOIN accounts af ON af.id = l.account_id
                 JOIN accounts ato ON ato.organisation_id = ${to} AND ato.number = af.number
                WHERE l.organisation_id = ${from} ORDER BY l.id) TO ${quoted(lines)}`
      )
      const seconds = await timed(async () => {
        await trx.rawQuery(
          `COPY entries (id, organisation_id, journal_id, fiscal_year_id, entry_date, number, sequence_number,
                label, piece_ref, piece_date, status, validated_at, valid_date, chain_position,
                previous_hash, hash) FROM ${quoted(entries)}`
        )
        await trx.rawQuery(
          `COPY entry_lines (entry_id, organisation_id, line_no, account_id, account_number, entry_date,
                debit, credit, label, aux_number, aux_label, lettering, lettering_date, currency_amount,
                currency) FROM ${quoted(lines)}`
        )
        await trx.rawQuery('SET CONSTRAINTS ledger_pending_checks_at_commit IMMEDIATE')
      })
      return seconds
    } finally {
      await trx.rollback()
    }
  } finally {
    await dropBenchOrganisation(db, to)
    await rm(dir, { recursive: true, force: true })
  }
}

const PHASES = {
  preparation: 'préparation',
  pass: 'lecture, vérification et écriture',
  statistics: 'ANALYZE',
  reconciliation: 'rapprochements',
} as const

/** Where the import's time went, phase by phase. */
function phaseNote(phases: FecImportResult['phases']) {
  return Object.entries(PHASES)
    .map(([key, label]) => `${label} ${(phases?.[key as keyof typeof PHASES] ?? 0).toFixed(2)} s`)
    .join(', ')
}

const megabytes = (bytes: number) => bytes / 1024 / 1024

/**
 * Runs `work` sampling the resident set size and the V8 heap in use every 20 ms;
 * `peakUntil(seconds)` is the peak resident size (MB) over its first seconds, so that the
 * import's own peak is told from the reconciliation's; `heapPeakUntil` the same for the heap.
 */
async function sampledRss<T>(work: () => Promise<T>) {
  const start = performance.now()
  const samples: Array<[at: number, rss: number, heap: number]> = []
  const sample = () => {
    const usage = process.memoryUsage()
    samples.push([
      (performance.now() - start) / 1000,
      megabytes(usage.rss),
      megabytes(usage.heapUsed),
    ])
  }
  const timer = setInterval(sample, 20)
  try {
    const result = await work()
    sample()
    const peak = (seconds: number, index: 1 | 2) =>
      Math.max(...samples.filter(([at]) => at <= seconds).map((row) => row[index]))
    return {
      result,
      seconds: (performance.now() - start) / 1000,
      peakUntil: (seconds = Infinity) => peak(seconds, 1),
      heapPeakUntil: (seconds: number) => peak(seconds, 2),
    }
  } finally {
    clearInterval(timer)
  }
}

/** Seconds until the ledger rows were committed: the statistics and reconciliation come after. */
function untilCommitted(seconds: number, phases: FecImportResult['phases']) {
  return seconds - (phases?.statistics ?? 0) - (phases?.reconciliation ?? 0)
}

async function login(base: string, email: string) {
  const page = await fetch(`${base}/login`)
  const cookies = page.headers.getSetCookie().map((c) => c.split(';')[0])
  const token = (await page.text()).match(/name='_csrf' value='([^']+)'/)![1]
  const response = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'cookie': cookies.join('; ') },
    body: new URLSearchParams({ _csrf: token, email, password: PASSWORD }),
  })
  const session = response.headers.getSetCookie().map((c) => c.split(';')[0])
  const jar = new Map([...cookies, ...session].map((c) => [c.split('=')[0], c]))
  return [...jar.values()].join('; ')
}

/** One upload of the file through the import page, awaited until its import has settled. */
async function uploadThroughPage(path: string, organisationId: number, fiscalYearId: number) {
  const email = `bench-fec-${organisationId}@bench.socle.fr`
  await actingAs({ organisationId, userId: null, label: 'bench' }, () =>
    User.create({
      organisationId,
      fullName: 'Banc FEC',
      email,
      password: PASSWORD,
      roles: ['finance'],
    })
  )
  const close = await testUtils.httpServer().start()
  try {
    const base = `http://${env.get('HOST')}:${env.get('PORT')}`
    const cookie = await login(base, email)
    const form = await fetch(`${base}/comptabilite/fec/import`, { headers: { cookie } })
    const token = (await form.text()).match(/name='_csrf' value='([^']+)'/)![1]
    const body = new FormData()
    body.set('_csrf', token)
    body.set('fiscalYearId', String(fiscalYearId))
    body.set('fichier', await openAsBlob(path), 'FEC-bench.txt')
    const measured = await sampledRss(async () => {
      const response = await fetch(`${base}/comptabilite/fec/import`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie },
        body,
      })
      const match = /\/comptabilite\/fec\/imports\/(\d+)$/.exec(
        response.headers.get('location') ?? ''
      )
      if (!match) throw new Error(`upload answered ${response.status}`)
      const imported = await runningImports.get(Number(match[1]))
      if (imported?.status !== 'committed') throw new Error('bench upload not committed')
      return imported.phases
    })
    const committed = untilCommitted(measured.seconds, measured.result)
    return {
      seconds: measured.seconds,
      committed,
      phases: measured.result,
      peakMb: measured.peakUntil(committed),
      heapPeakMb: measured.heapPeakUntil(committed),
      peakWithReconciliation: measured.peakUntil(),
    }
  } finally {
    await close()
  }
}

export default async function ({ db }: BenchContext): Promise<BenchResult[]> {
  const lines = lineCount('BENCH_FEC_LINES', 1_000_000)
  const webLines = lineCount('BENCH_FEC_WEB_LINES', 230_000)
  const results: BenchResult[] = []

  const fec = await generateFec(lines)
  const { organisationId, fiscalYearId } = await benchOrganisation(db)
  try {
    const rawSeconds = await rawCopySeconds(db, fec.path)
    const unloggedSeconds = await rawCopySeconds(db, fec.path, true)
    global.gc?.()
    const before = process.memoryUsage()
    const rssBefore = megabytes(before.rss)
    const { result, seconds, peakUntil, heapPeakUntil } = await sampledRss(() =>
      importFec(fec.path, { organisationId, userId: null, fiscalYearId, fileName: 'bench.txt' })
    )
    if (result.status !== 'committed') {
      throw new Error(`bench FEC rejected: ${JSON.stringify(result.errors.slice(0, 5))}`)
    }
    const finalSeconds = await finalShapeCopySeconds(db, organisationId, fiscalYearId)
    const count = fec.lines.toLocaleString('fr-FR')
    const committed = untilCommitted(seconds, result.phases)
    const peakMb = peakUntil(committed)
    results.push(
      {
        name: `(a) Import FEC, ${count} lignes, jusqu’au commit (vs COPY des mêmes lignes déjà en forme finale)`,
        value: committed,
        baseline: finalSeconds,
        ratio: committed / finalSeconds,
        unit: 's',
        target: 1.5,
        note: phaseNote(result.phases),
      },
      {
        name: `(b) Import FEC, ${count} lignes, jusqu’au commit (vs COPY brut du fichier, 18 colonnes texte)`,
        value: committed,
        baseline: rawSeconds,
        ratio: committed / rawSeconds,
        unit: 's',
        target: 12,
        note: `COPY brut dans une table ordinaire, journalisée (WAL) comme les tables du grand livre ; dans une table UNLOGGED, sans WAL : ${unloggedSeconds.toFixed(2)} s, soit ${(committed / unloggedSeconds).toFixed(2)}x`,
      },
      {
        name: `(a+) Import FEC, ${count} lignes, rapprochements de l’exercice compris (vs COPY en forme finale)`,
        value: seconds,
        baseline: finalSeconds,
        ratio: seconds / finalSeconds,
        unit: 's',
      },
      {
        name: `(c) Import FEC, ${count} lignes : hausse du pic de mémoire jusqu’au commit (vs budget de ${MEMORY_BUDGET_MB} Mo)`,
        value: peakMb - rssBefore,
        baseline: MEMORY_BUDGET_MB,
        ratio: (peakMb - rssBefore) / MEMORY_BUDGET_MB,
        unit: 'Mo',
        target: 1,
        note: `jusqu’au commit ; RSS ${rssBefore.toFixed(0)} Mo avant, pic ${peakMb.toFixed(0)} Mo, ${peakUntil().toFixed(0)} Mo rapprochements compris ; tas V8 utilisé ${megabytes(before.heapUsed).toFixed(0)} Mo avant, pic ${heapPeakUntil(committed).toFixed(0)} Mo`,
      }
    )
  } finally {
    await dropBenchOrganisation(db, organisationId)
    await rm(dirname(fec.path), { recursive: true, force: true })
  }

  const web = await generateFec(webLines)
  const target = await benchOrganisation(db)
  try {
    global.gc?.()
    const before = process.memoryUsage()
    const rssBefore = megabytes(before.rss)
    const upload = await uploadThroughPage(web.path, target.organisationId, target.fiscalYearId)
    const count = web.lines.toLocaleString('fr-FR')
    results.push(
      {
        name: `(d) Envoi par la page d’un FEC de ${count} lignes, jusqu’au commit de l’import (vs objectif ${WEB_BUDGET_SECONDS} s)`,
        value: upload.committed,
        baseline: WEB_BUDGET_SECONDS,
        ratio: upload.committed / WEB_BUDGET_SECONDS,
        unit: 's',
        target: 1,
        note: `${upload.seconds.toFixed(2)} s rapprochements compris (${phaseNote(upload.phases)}) ; le pair : refusé en un envoi, puis 24,2 s et 442 Mio en trois morceaux`,
      },
      {
        name: `(d) Envoi par la page d’un FEC de ${count} lignes : hausse du pic de mémoire jusqu’au commit (vs budget de ${MEMORY_BUDGET_MB} Mo)`,
        value: upload.peakMb - rssBefore,
        baseline: MEMORY_BUDGET_MB,
        ratio: (upload.peakMb - rssBefore) / MEMORY_BUDGET_MB,
        unit: 'Mo',
        target: 1,
        note: `jusqu’au commit ; RSS ${rssBefore.toFixed(0)} Mo avant, pic ${upload.peakMb.toFixed(0)} Mo, ${upload.peakWithReconciliation.toFixed(0)} Mo rapprochements compris ; tas V8 utilisé ${megabytes(before.heapUsed).toFixed(0)} Mo avant, pic ${upload.heapPeakMb.toFixed(0)} Mo`,
      }
    )
  } finally {
    await db.transaction(async (trx) => {
      await trx.rawQuery('SET LOCAL session_replication_role = replica')
      await trx.from('users').where('organisation_id', target.organisationId).delete()
    })
    await dropBenchOrganisation(db, target.organisationId)
    await rm(dirname(web.path), { recursive: true, force: true })
  }
  return results
}
