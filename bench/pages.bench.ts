import app from '@adonisjs/core/services/app'
import { connectionSlot } from '#support/database_server'
import { actingAs } from '#support/request_context'
import { insertValidatedEntries, type BulkEntry } from '#actions/accounting/bulk_entries'
import { DEMO_ACCOUNTS, prng } from '#database/seeders/accounting_demo_ledger'
import { DEMO_PASSWORD } from '#database/seeders/demo_users'
import type { BenchContext, BenchResult } from '../commands/bench.js'
import {
  buildForProduction,
  clusterCpuMs,
  load,
  login,
  parentOf,
  processCpuMs,
  productionEnv,
  runNode,
  startServer,
  type LoadResult,
} from './load/production_server.js'

/** Lines of the large year the statements and the balance are also measured on. */
const LARGE_YEAR_LINES = 20_000

const setting = (name: string, fallback: number) => {
  const value = Number(process.env[name])
  return Number.isFinite(value) && value > 0 ? value : fallback
}

const cents = (value: number) =>
  `${Math.floor(value / 100)}.${String(value % 100).padStart(2, '0')}`

/**
 * Adds the fiscal year after the demo's last one, with LARGE_YEAR_LINES validated lines to the demo organisation of
 * the database `name` (through its connection `name`); returns the ids of it and of 2023.
 */
async function addLargeYear(db: BenchContext['db'], name: string) {
  const client = db.connection(name)
  const organisation = await client.from('organisations').where('slug', 'we-ker').firstOrFail()
  const organisationId = organisation.id as number
  const { rows } = await client.rawQuery(
    `SELECT extract(year FROM max(end_date))::int + 1 AS year FROM fiscal_years
        WHERE organisation_id = ?`,
    [organisationId]
  )
  const LARGE_YEAR: number = rows[0].year
  const [year] = await client
    .table('fiscal_years')
    .insert({
      organisation_id: organisationId,
      label: `Exercice ${LARGE_YEAR}`,
      start_date: `${LARGE_YEAR}-01-01`,
      end_date: `${LARGE_YEAR}-12-31`,
    })
    .returning('id')
  const accounts = Object.keys(DEMO_ACCOUNTS).filter((n) => /^[2-7]/.test(n) && n.length > 3)
  const rng = prng(2024)
  const entries: BulkEntry[] = []
  let lines = 0
  while (lines < LARGE_YEAR_LINES) {
    const n = 2 + Math.floor(rng() * 3)
    const amounts = Array.from({ length: n - 1 }, () => 100 + Math.floor(rng() * 200_000))
    const month = 1 + Math.floor(rng() * 12)
    entries.push({
      journalCode: 'OD',
      fiscalYearId: year.id,
      date: `${LARGE_YEAR}-${String(month).padStart(2, '0')}-${String(1 + Math.floor(rng() * 28)).padStart(2, '0')}`,
      label: `Opération ${entries.length + 1}`,
      lines: [
        ...amounts.map((a) => ({
          accountNumber: accounts[Math.floor(rng() * accounts.length)],
          debit: cents(a),
          credit: '0.00',
        })),
        {
          accountNumber: accounts[Math.floor(rng() * accounts.length)],
          debit: '0.00',
          credit: cents(amounts.reduce((a, b) => a + b, 0)),
        },
      ],
    })
    lines += n
  }
  await actingAs({ organisationId, userId: null, label: 'bench' }, () =>
    client.transaction(async (trx) => {
      await insertValidatedEntries(trx, organisationId, entries, 'bench')
      await trx.rawQuery('SET CONSTRAINTS ALL IMMEDIATE')
    })
  )
  await client.rawQuery('ANALYZE')
  const demoYear = await client
    .from('fiscal_years')
    .where({ organisation_id: organisationId, end_date: '2023-12-31' })
    .firstOrFail()
  return {
    year: LARGE_YEAR,
    fiscalYearId: year.id as number,
    demoYearId: demoYear.id as number,
    lines,
  }
}

/**
 * One client after the other, `count` requests: the time of a request alone, the CPU time the
 * server process and the PostgreSQL cluster spend on one (from /proc: what the machine's other
 * work does not change much), and the number of transactions the page commits in PostgreSQL
 * (each query outside a transaction is one; read from pg_stat_database, so approximate by the
 * statistics' own lag).
 */
async function alone(
  db: BenchContext['db'],
  name: string,
  url: string,
  cookie: string,
  cpu: () => { server: number; postgres: number },
  count = 50
) {
  const commits = async () => {
    await db.connection(name).rawQuery('SELECT pg_stat_clear_snapshot()')
    const { rows } = await db
      .connection(name)
      .rawQuery('SELECT xact_commit::int AS n FROM pg_stat_database WHERE datname = ?', [name])
    return rows[0].n as number
  }
  const before = await commits()
  const cpuBefore = cpu()
  const started = performance.now()
  for (let i = 0; i < count; i++) {
    const response = await fetch(url, { headers: { cookie }, redirect: 'manual' })
    await response.arrayBuffer()
  }
  const ms = (performance.now() - started) / count
  const cpuAfter = cpu()
  // Each backend sends its statistics when it goes idle: give them a moment.
  await new Promise((resolve) => setTimeout(resolve, 700))
  return {
    ms,
    serverCpuMs: (cpuAfter.server - cpuBefore.server) / count,
    postgresCpuMs: (cpuAfter.postgres - cpuBefore.postgres) / count,
    queries: Math.max(0, ((await commits()) - before - 2) / count),
  }
}

/** A latency in ms; none when no response came back within the run. */
const ms = (value: number | null) => (value === null ? 'aucune réponse' : `${value.toFixed(0)} ms`)

const fmt = (value: number) => value.toLocaleString('fr-FR', { maximumFractionDigits: 0 })

/**
 * Main pages under 50 connections of logged-in users, against a bare route (no database, no
 * session), from a load generator in its own process (autocannon, bench/load/run_autocannon.js)
 * on the application compiled and started as in production (build/, NODE_ENV=production) on its
 * own database seeded with the demo and a year of LARGE_YEAR_LINES lines. Each URL is loaded
 * BENCH_PAGES_SECONDS (10) after BENCH_PAGES_WARMUP (2) seconds. Prints requests/s, p95 (exact,
 * from every response's time), p97.5 and p99. BENCH_PAGES_CPU_PROF=<dir> profiles the server;
 * BENCH_PAGES_ONLY=<text> keeps the pages whose label contains it.
 */
export default async function pages({ db }: BenchContext): Promise<BenchResult[]> {
  const root = app.makePath()
  const connections = setting('BENCH_PAGES_CONNECTIONS', 50)
  const seconds = setting('BENCH_PAGES_SECONDS', 10)
  const warmupSeconds = setting('BENCH_PAGES_WARMUP', 2)
  await buildForProduction(root)

  const name = `socle_pages_${process.pid}`
  await db.rawQuery(`CREATE DATABASE ${name}`)
  db.manager.add(name, {
    client: 'pg',
    connection: { ...connectionSlot, database: name },
    pool: { min: 0, max: 2 },
  })
  const { user, password, host, port } = connectionSlot
  const url = `postgresql://${encodeURIComponent(user!)}:${encodeURIComponent(password!)}@${host}:${port}/${name}`
  try {
    // Commands listen on no port: APP_URL only has to be valid.
    const env = productionEnv(url, 3333)
    await runNode(`${root}/build`, ['ace.js', 'migration:run', '--force'], env)
    await runNode(`${root}/build`, ['ace.js', 'demo:seed'], env)
    const large = await addLargeYear(db, name)
    const profile = process.env.BENCH_PAGES_CPU_PROF
    const server = await startServer(
      root,
      url,
      profile ? ['--prof', '--no-logfile-per-isolate', `--logfile=${profile}/v8.log`] : []
    )
    const { rows: backend } = await db.connection(name).rawQuery('SELECT pg_backend_pid() AS pid')
    const postmaster = parentOf(backend[0].pid)
    const cpu = () => ({ server: processCpuMs(server.pid), postgres: clusterCpuMs(postmaster) })
    try {
      const cookies: string[] = []
      for (let i = 0; i < connections; i++)
        cookies.push(await login(server.base, 'admin@demo.socle.fr', DEMO_PASSWORD))
      const pagesToLoad: Array<[string, string]> = [
        ['Accueil (tableau de bord)', '/'],
        ['Conventions', '/financements/conventions'],
        ['Balance générale 2023', `/comptabilite/balance?exercice=${large.demoYearId}`],
        ['Compte de résultat 2023', '/comptabilite/etats/compte-de-resultat?annee=2023'],
        ['Bilan 2023', '/comptabilite/etats/bilan?annee=2023'],
        ['Salariés', '/rh/salaries'],
        ['Gouvernance', '/gouvernance'],
        [
          `Balance générale ${large.year} (${fmt(large.lines)} lignes)`,
          `/comptabilite/balance?exercice=${large.fiscalYearId}`,
        ],
        [
          `Compte de résultat ${large.year} (${fmt(large.lines)} lignes)`,
          `/comptabilite/etats/compte-de-resultat?annee=${large.year}`,
        ],
        [
          `Bilan ${large.year} (${fmt(large.lines)} lignes)`,
          `/comptabilite/etats/bilan?annee=${large.year}`,
        ],
      ]
      const only = process.env.BENCH_PAGES_ONLY
      if (only) pagesToLoad.splice(0, Infinity, ...pagesToLoad.filter(([l]) => l.includes(only)))
      // Each page answers 200 with its own HTML before it is measured (not the login page).
      for (const [label, path] of pagesToLoad) {
        const response = await fetch(`${server.base}${path}`, {
          headers: { cookie: cookies[0] },
          redirect: 'manual',
        })
        const html = await response.text()
        if (response.status !== 200 || !html.includes('<main'))
          throw new Error(
            `${label} (${path}) a répondu ${response.status} (journal : ${server.log})`
          )
      }
      const options = { connections, seconds, warmupSeconds }
      const bareCpuBefore = cpu()
      // Profiled, the bare route is loaded for one second only: the profile is the pages'.
      const bareOptions = profile ? { ...options, seconds: 1, warmupSeconds: 0 } : options
      const bare = await load(root, `${server.base}/bench/bare`, [], bareOptions)
      if (bare.notOk > 0) throw new Error(`/bench/bare : ${JSON.stringify(bare.statuses)}`)
      const bareServerCpuMs =
        (cpu().server - bareCpuBefore.server) / (bare.requests + bare.warmupRequests)
      const describe = (result: LoadResult) =>
        `${fmt(result.requestsPerSecond)} req/s, p50 ${ms(result.p50)}, p95 ${ms(result.p95)}, p97,5 ${ms(result.p97_5)}, p99 ${ms(result.p99)}`
      const results: BenchResult[] = []
      for (const [label, path] of pagesToLoad) {
        const single = await alone(db, name, `${server.base}${path}`, cookies[0], cpu)
        const cpuBefore = cpu()
        const result = await load(root, `${server.base}${path}`, cookies, options)
        const cpuAfter = cpu()
        const answered = result.requests + result.warmupRequests
        const underLoad = {
          server: (cpuAfter.server - cpuBefore.server) / answered,
          postgres: (cpuAfter.postgres - cpuBefore.postgres) / answered,
        }
        const p95 = result.p95 ?? options.seconds * 1000
        const met = result.requestsPerSecond >= 300 && p95 < 150 && result.notOk === 0
        results.push({
          name: `p95 ${label} (${connections} connexions, vs route nue)`,
          value: p95,
          baseline: bare.p95!,
          ratio: p95 / bare.p95!,
          unit: 'ms',
          note:
            `${describe(result)} ; route nue : ${describe(bare)} ; ` +
            `seule : ${single.ms.toFixed(1)} ms, ~${single.queries.toFixed(1)} transactions SQL par requête ; ` +
            `CPU par requête seule : serveur ${single.serverCpuMs.toFixed(2)} ms, PostgreSQL ${single.postgresCpuMs.toFixed(2)} ms ; ` +
            `en charge : serveur ${underLoad.server.toFixed(2)} ms, PostgreSQL ${underLoad.postgres.toFixed(2)} ms ; ` +
            `${result.notOk} réponses non 200 ; objectif ≥ 300 req/s et p95 < 150 ms ${met ? 'atteint' : 'NON atteint'}`,
        })
        results.push({
          name: `CPU serveur par requête en charge, ${label} (vs route nue)`,
          value: underLoad.server,
          baseline: bareServerCpuMs,
          ratio: underLoad.server / bareServerCpuMs,
          unit: 'ms',
          note: `PostgreSQL : ${underLoad.postgres.toFixed(2)} ms par requête`,
        })
        results.push({
          name: `req/s ${label} (route nue / page)`,
          value: result.requestsPerSecond,
          baseline: bare.requestsPerSecond,
          ratio: bare.requestsPerSecond / result.requestsPerSecond,
          unit: 'req/s',
        })
      }
      return results
    } finally {
      await server.stop()
    }
  } finally {
    await db.manager.close(name)
    await db.rawQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  }
}
