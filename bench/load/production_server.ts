import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { closeSync, existsSync, openSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { once } from 'node:events'
import { createServer } from 'node:net'
import { join } from 'node:path'

/**
 * The application as it runs in production, for the page benchmark: compiled by `node ace build`
 * into build/, NODE_ENV=production, on 127.0.0.1, against its own database. Every child process
 * is bounded in time and stopped by its own pid.
 */

const MINUTE = 60_000

/** Runs `node <args>` in `cwd`; rejects with its output when it fails or outlives `timeoutMs`. */
export function runNode(
  cwd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 10 * MINUTE
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      if (code === 0) resolve(output)
      else
        reject(
          new Error(`node ${args.join(' ')} a échoué (${signal ?? code}) :\n${output.slice(-4000)}`)
        )
    })
  })
}

/** `node ace build` (TypeScript errors of work in progress elsewhere do not stop it). */
export async function buildForProduction(root: string) {
  if (process.env.BENCH_SKIP_BUILD === '1' && existsSync(join(root, 'build/bin/server.js'))) return
  await runNode(root, ['ace', 'build', '--ignore-ts-errors'], process.env)
}

async function freePort() {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const address = server.address()
  server.close()
  if (!address || typeof address === 'string') throw new Error('no free port')
  return address.port
}

/** The environment of the compiled app on `databaseUrl`, as bin/check_production.sh sets it. */
export function productionEnv(databaseUrl: string, port: number): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TZ: 'Europe/Paris',
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    APP_KEY: randomBytes(32).toString('hex'),
    APP_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: 'info',
    SESSION_DRIVER: 'database',
    DATABASE_URL: databaseUrl,
    // The load generator's bare route (start/routes/bench.ts): never set outside benchmarks.
    SOCLE_BENCH_BARE: '1',
  }
}

export interface RunningServer {
  base: string
  pid: number
  /** The server's output (its request log in production). */
  log: string
  /** SIGTERM, then SIGKILL if it has not exited within 20 s. */
  stop(): Promise<void>
}

/**
 * Starts build/bin/server.js with `env` (and extra node flags such as --cpu-prof) and waits for
 * /health to answer 200 (bounded: 60 s).
 */
export async function startServer(
  root: string,
  databaseUrl: string,
  nodeFlags: string[] = []
): Promise<RunningServer> {
  const port = await freePort()
  const env = productionEnv(databaseUrl, port)
  const log = join(tmpdir(), `socle-bench-server-${process.pid}-${port}.log`)
  const output = openSync(log, 'w')
  const child: ChildProcess = spawn(process.execPath, [...nodeFlags, 'bin/server.js'], {
    cwd: join(root, 'build'),
    env,
    stdio: ['ignore', output, output],
  })
  closeSync(output)
  const exited = once(child, 'exit')
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000)
    await exited
    clearTimeout(timer)
  }
  const base = `http://127.0.0.1:${port}`
  const deadline = Date.now() + MINUTE
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break
    const ready = await fetch(`${base}/health`).then(
      (response) => response.status === 200,
      () => false
    )
    if (ready) return { base, pid: child.pid!, log, stop }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  await stop()
  throw new Error(
    `Le serveur de production n’a pas démarré :\n${readFileSync(log, 'utf8').slice(-4000)}`
  )
}

/** A logged-in session: the login form's CSRF token, then its POST; returns the cookie header. */
export async function login(base: string, email: string, password: string) {
  const page = await fetch(`${base}/login`)
  const jar = new Map<string, string>()
  const keep = (response: Response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const pair = cookie.split(';')[0]
      jar.set(pair.split('=')[0], pair)
    }
  }
  keep(page)
  const token = (await page.text()).match(/name='_csrf' value='([^']+)'/)?.[1]
  if (!token) throw new Error('Jeton CSRF introuvable sur la page de connexion')
  const response = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'cookie': [...jar.values()].join('; '),
    },
    body: new URLSearchParams({ _csrf: token, email, password }),
  })
  keep(response)
  if (response.status !== 302 || response.headers.get('location')?.includes('login'))
    throw new Error(`Connexion refusée pour ${email} (${response.status})`)
  return [...jar.values()].join('; ')
}

export interface LoadResult {
  requests: number
  /** Answered during the warm-up (not in the latencies). */
  warmupRequests: number
  requestsPerSecond: number
  /** null when no response came back within the run. */
  p50: number | null
  p95: number | null
  p97_5: number | null
  p99: number | null
  notOk: number
  statuses: Record<string, number>
  errors: number
  timeouts: number
}

/** autocannon in its own process (bench/load/run_autocannon.js) against one URL. */
export async function load(
  root: string,
  url: string,
  cookies: string[],
  options: { connections: number; seconds: number; warmupSeconds: number }
): Promise<LoadResult> {
  const output = await runNode(
    root,
    ['bench/load/run_autocannon.js', JSON.stringify({ url, cookies, ...options })],
    { PATH: process.env.PATH },
    (options.seconds + options.warmupSeconds + 60) * 1000
  )
  return JSON.parse(output.trim().split('\n').at(-1)!)
}

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const TICK_MS = 10

/** utime, stime, cutime and cstime of a process from /proc/<pid>/stat, in ms; null once gone. */
function cpuTimes(pid: number) {
  try {
    // The command name (2nd field) may hold spaces: fields are counted after its closing paren.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return {
      ppid: Number(fields[1]),
      own: (Number(fields[11]) + Number(fields[12])) * TICK_MS,
      reaped: (Number(fields[13]) + Number(fields[14])) * TICK_MS,
    }
  } catch {
    return null
  }
}

/** CPU time (user + system, every thread) the process `pid` has used so far, in ms. */
export function processCpuMs(pid: number) {
  return cpuTimes(pid)?.own ?? 0
}

/**
 * CPU time a PostgreSQL cluster has used so far, in ms: its postmaster, its live children
 * (backends, walwriter, checkpointer...) and the children it has reaped.
 */
export function clusterCpuMs(postmasterPid: number) {
  const postmaster = cpuTimes(postmasterPid)
  let total = postmaster ? postmaster.own + postmaster.reaped : 0
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const child = cpuTimes(Number(entry))
    if (child?.ppid === postmasterPid) total += child.own
  }
  return total
}

/** The postmaster of the cluster a backend `pid` belongs to. */
export function parentOf(pid: number) {
  const times = cpuTimes(pid)
  if (!times) throw new Error(`Processus ${pid} introuvable`)
  return times.ppid
}
