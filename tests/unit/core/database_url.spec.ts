import { test } from '@japa/runner'
import { execFile } from 'node:child_process'
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import {
  DatabaseUrlError,
  parseDatabaseUrl,
  passwordFileOf,
  readPasswordFile,
  writePasswordFile,
} from '../../../app/support/database_server.js'

/** The refusal message of `url`, or a failure when it is accepted. */
function refusal(url: string): string {
  try {
    parseDatabaseUrl(url)
  } catch (error) {
    if (error instanceof DatabaseUrlError) return error.message
    throw error
  }
  throw new Error(`accepted: ${url}`)
}

test.group('DATABASE_URL / accepted forms', () => {
  test('both schemes, with credentials, host, port and database', ({ assert }) => {
    for (const scheme of ['postgres', 'postgresql']) {
      assert.deepEqual(parseDatabaseUrl(`${scheme}://socle:secret@db.example.org:5433/socle`), {
        host: 'db.example.org',
        port: 5433,
        user: 'socle',
        password: 'secret',
        database: 'socle',
      })
    }
  })

  test('no credentials, no port, no database: libpq defaults are left to node-pg', ({ assert }) => {
    assert.deepEqual(parseDatabaseUrl('postgres://localhost'), { host: 'localhost', port: 5432 })
    assert.deepEqual(parseDatabaseUrl('postgres://localhost/'), { host: 'localhost', port: 5432 })
    assert.deepEqual(parseDatabaseUrl('postgres://localhost:/socle'), {
      host: 'localhost',
      port: 5432,
      database: 'socle',
    })
  })

  test('user without password, empty password, password without user', ({ assert }) => {
    assert.deepEqual(parseDatabaseUrl('postgres://socle@localhost/socle'), {
      host: 'localhost',
      port: 5432,
      user: 'socle',
      database: 'socle',
    })
    assert.deepEqual(parseDatabaseUrl('postgres://socle:@localhost/socle'), {
      host: 'localhost',
      port: 5432,
      user: 'socle',
      database: 'socle',
    })
    assert.deepEqual(parseDatabaseUrl('postgres://:secret@localhost'), {
      host: 'localhost',
      port: 5432,
      password: 'secret',
    })
  })

  test('percent-encoded credentials and database name; a raw colon in the password', ({
    assert,
  }) => {
    const params = parseDatabaseUrl(
      'postgresql://so%40cle:p%40ss%2Fw%3Frd%23%25%20%C3%A9@localhost/ma%20base'
    )
    assert.equal(params.user, 'so@cle')
    assert.equal(params.password, 'p@ss/w?rd#% é')
    assert.equal(params.database, 'ma base')
    assert.equal(parseDatabaseUrl('postgres://u:a:b@localhost').password, 'a:b')
  })

  test('IPv4, IPv6 in brackets, names with dashes, underscores and a final dot', ({ assert }) => {
    assert.deepInclude(parseDatabaseUrl('postgres://u@127.0.0.1:6543/db'), {
      host: '127.0.0.1',
      port: 6543,
    })
    assert.deepInclude(parseDatabaseUrl('postgres://u@[::1]:5433/db'), { host: '::1', port: 5433 })
    assert.deepInclude(parseDatabaseUrl('postgres://[2001:db8::10]/db'), {
      host: '2001:db8::10',
      port: 5432,
    })
    assert.equal(parseDatabaseUrl('postgres://my-db_1/db').host, 'my-db_1')
    assert.equal(parseDatabaseUrl('postgres://db.example.org./db').host, 'db.example.org.')
  })

  test('a Unix socket directory, percent-encoded or as ?host=', ({ assert }) => {
    assert.deepEqual(parseDatabaseUrl('postgresql:///socle?host=/var/run/postgresql'), {
      host: '/var/run/postgresql',
      port: 5432,
      database: 'socle',
    })
    assert.equal(
      parseDatabaseUrl('postgres://%2Fvar%2Frun%2Fpostgresql:5433/socle').host,
      '/var/run/postgresql'
    )
  })

  test('sslmode maps onto node-pg ssl', ({ assert }) => {
    const ssl = (mode: string) => parseDatabaseUrl(`postgres://h/db?sslmode=${mode}`).ssl
    assert.isUndefined(parseDatabaseUrl('postgres://h/db').ssl)
    assert.isFalse(ssl('disable'))
    // node-pg cannot fall back between TLS and plain connections: allow/prefer stay plain.
    assert.isFalse(ssl('allow'))
    assert.isFalse(ssl('prefer'))
    assert.deepEqual(ssl('require'), { rejectUnauthorized: false })
    const verifyCa = ssl('verify-ca') as { rejectUnauthorized?: boolean; checkServerIdentity: any }
    assert.notStrictEqual(verifyCa.rejectUnauthorized, false)
    assert.isUndefined(verifyCa.checkServerIdentity('other.host', {}))
    assert.isTrue(ssl('verify-full'))
  })

  test('sslrootcert is read and verifies the chain', async ({ assert, cleanup }) => {
    const dir = await mkdtemp(join(tmpdir(), 'socle-url-'))
    cleanup(() => rm(dir, { recursive: true, force: true }))
    const ca = join(dir, 'root.crt')
    await writeFile(ca, '-----BEGIN CERTIFICATE-----\nfake\n-----END CERTIFICATE-----\n')
    const full = parseDatabaseUrl(`postgres://h/db?sslmode=verify-full&sslrootcert=${ca}`)
    assert.deepEqual(full.ssl, {
      ca: '-----BEGIN CERTIFICATE-----\nfake\n-----END CERTIFICATE-----\n',
    })
    // libpq: require with a root certificate behaves like verify-ca.
    const required = parseDatabaseUrl(`postgres://h/db?sslmode=require&sslrootcert=${ca}`)
    assert.properties(required.ssl as object, ['ca', 'checkServerIdentity'])
    assert.isTrue(parseDatabaseUrl('postgres://h/db?sslmode=verify-full&sslrootcert=system').ssl)
  })

  test('application_name and connect_timeout', ({ assert }) => {
    assert.deepInclude(
      parseDatabaseUrl('postgres://h/db?application_name=socle%20web&connect_timeout=10&'),
      { application_name: 'socle web', connectionTimeoutMillis: 10_000 }
    )
  })
})

test.group('DATABASE_URL / refused forms', () => {
  const cases: Array<[string, string]> = [
    [
      'mysql://u:secret@localhost/db',
      'scheme must be postgres:// or postgresql:// (got "mysql://")',
    ],
    ['http://localhost/db', 'scheme must be postgres:// or postgresql://'],
    ['POSTGRES://localhost/db', 'scheme must be postgres:// or postgresql://'],
    ['postgres:localhost/db', 'must start with postgres:// or postgresql://'],
    ['localhost:5432/socle', 'must start with postgres:// or postgresql://'],
    ['garbage', 'must start with postgres:// or postgresql://'],
    ['', 'must start with postgres:// or postgresql://'],
    ['postgres://localhost:abc/db', 'port must be a number between 1 and 65535'],
    ['postgres://localhost:0/db', 'port must be a number between 1 and 65535 (got 0)'],
    ['postgres://localhost:65536/db', 'port must be a number between 1 and 65535 (got 65536)'],
    ['postgres://localhost:-1/db', 'port must be a number between 1 and 65535'],
    ['postgres://[::1]:99999/db', 'port must be a number between 1 and 65535 (got 99999)'],
    ['postgres:///socle', 'host is missing'],
    ['postgres://u:p@/socle', 'host is missing'],
    ['postgres://::1/db', 'an IPv6 address must be in brackets'],
    ['postgres://[::1/db', "IPv6 address without its closing ']'"],
    ['postgres://[::zz]/db', '"::zz" is not a valid IPv6 address'],
    ['postgres://[::1]x/db', 'unexpected "x" after the IPv6 address'],
    ['postgres://999.1.1.1/db', '"999.1.1.1" is not a valid IPv4 address'],
    ['postgres://ex!ample/db', '"ex!ample" is not a valid host name or IP address'],
    ['postgres://-example/db', '"-example" is not a valid host name or IP address'],
    ['postgres://h1:5432,h2:5432/db', 'several hosts are not supported'],
    ['postgres://local host/db', 'contains a space or a control character'],
    ['postgres://u:p@ss@localhost/db', "the user name or password contains '@'"],
    ['postgres://u:pa/ss@localhost/db', "'@' after the host: percent-encode"],
    ['postgres://u:pa?ss@localhost/db', "'@' after the host: percent-encode"],
    ['postgres://u:pa#ss@localhost/db', "contains '#': percent-encode it as %23"],
    ['postgres://u:p%zz@localhost/db', 'the password contains an invalid percent-encoding'],
    ['postgres://u%@localhost/db', 'the user name contains an invalid percent-encoding'],
    ['postgres://localhost/d%b', 'the database name contains an invalid percent-encoding'],
    ['postgres://localhost/db?ssl=true', 'unknown query parameter "ssl" (supported: sslmode,'],
    ['postgres://localhost/db?sslmode', 'query parameter "sslmode" has no value'],
    [
      'postgres://localhost/db?sslmode=no-verify',
      'sslmode must be one of disable, allow, prefer, require, verify-ca, verify-full (got "no-verify")',
    ],
    ['postgres://localhost/db?sslmode=REQUIRE', 'sslmode must be one of'],
    [
      'postgres://localhost/db?connect_timeout=5s',
      'connect_timeout must be a whole number of seconds',
    ],
    ['postgres://localhost/db?host=/tmp', 'host is given twice'],
    ['postgres:///db?host=bad!host', '"bad!host" is not a valid host name or IP address'],
    [
      'postgres://h/db?sslmode=verify-full&sslrootcert=/nonexistent/root.crt',
      'sslrootcert: cannot read "/nonexistent/root.crt" (ENOENT)',
    ],
  ]
  for (const [url, message] of cases) {
    test(`refuses ${url || '(empty)'}`, ({ assert }) => {
      const text = refusal(url)
      assert.include(text, message)
      // Never echo a password into logs.
      for (const secret of ['secret', 'ss@', 'p%zz']) assert.notInclude(text, secret)
    })
  }

  test('the app refuses to start with a precise message', async ({ assert }) => {
    const run = promisify(execFile)
    const error = await run(process.execPath, ['ace', 'migration:status'], {
      env: { ...process.env, DATABASE_URL: 'mysql://socle:Hunter2-pw@localhost/socle' },
    }).then(
      () => null,
      (failure: { code: number; stdout: string; stderr: string }) => failure
    )
    assert.isNotNull(error)
    assert.notEqual(error!.code, 0)
    const output = error!.stdout + error!.stderr
    assert.include(
      output,
      'DATABASE_URL: scheme must be postgres:// or postgresql:// (got "mysql://")'
    )
    assert.notInclude(output, 'Hunter2')
  }).timeout(60_000)
})

test.group('Embedded cluster password file', () => {
  test('is written with mode 0600, read back, and tightened when it exists', async ({
    assert,
    cleanup,
  }) => {
    const dir = await mkdtemp(join(tmpdir(), 'socle-password-'))
    cleanup(() => rm(dir, { recursive: true, force: true }))
    const file = passwordFileOf(join(dir, 'storage', 'postgres'))
    assert.equal(file, join(dir, 'storage', 'postgres.password'))
    assert.isUndefined(await readPasswordFile(file))

    await writePasswordFile(file, 'first-secret')
    assert.equal((await stat(file)).mode & 0o777, 0o600)
    assert.equal(await readPasswordFile(file), 'first-secret')

    await writeFile(file, 'loose\n', { mode: 0o644 })
    await writePasswordFile(file, 'second-secret')
    assert.equal((await stat(file)).mode & 0o777, 0o600)
    assert.equal(await readPasswordFile(file), 'second-secret')
  })
})
