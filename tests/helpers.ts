import ExcelJS from 'exceljs'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import type { Group } from '@japa/runner/core'
import Organisation from '#models/core/organisation'
import User from '#models/core/user'
import type { Role } from '#policies/role_matrix'
import { acrossTenants, actingAs } from '#support/request_context'

export const TEST_PASSWORD = 'correct horse battery staple'

/** Each test runs inside a transaction rolled back afterwards. */
export function isolated(group: Group) {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
}

let counter = 0

export async function makeOrganisation(name = 'Mission Locale Test') {
  counter += 1
  return Organisation.create({ name, slug: `org-${process.pid}-${counter}` })
}

export async function makeUser(
  organisation: Organisation,
  roles: Role[],
  overrides: Partial<{ email: string; isActive: boolean; password: string }> = {}
) {
  counter += 1
  return actingAs({ organisationId: organisation.id, userId: null, label: 'test' }, () =>
    User.create({
      organisationId: organisation.id,
      fullName: `${roles.join('+')} ${counter}`,
      email: overrides.email ?? `${roles.join('-')}-${counter}@test.socle.fr`,
      password: overrides.password ?? TEST_PASSWORD,
      roles,
      isActive: overrides.isActive ?? true,
      sessionVersion: 1,
    })
  )
}

/** Rows per table, to prove that a refused request changed nothing. */
export async function tableCounts(tables: string[]) {
  const counts: Record<string, number> = {}
  for (const table of tables) {
    const [{ count }] = await db.from(table).count('* as count')
    counts[table] = Number(count)
  }
  return counts
}

/** The workbook of an Excel download. */
export async function readWorkbook(response: { body(): unknown }) {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(response.body() as any)
  return workbook
}

/** Browser tests: a logged-in context with the session stamps the auth middleware checks. */
export async function loginInBrowser(
  browserContext: {
    loginAs(user: User): Promise<void>
    getSession(): Promise<Record<string, unknown>>
    setSession(values: Record<string, unknown>): Promise<void>
  },
  user: User
) {
  await browserContext.loginAs(user)
  const session = (await browserContext.getSession()) ?? {}
  await browserContext.setSession({
    ...session,
    auth_session_version: user.sessionVersion ?? 1,
    auth_logged_in_at: Date.now(),
  })
}

let demo: Promise<Organisation> | undefined

/**
 * The demo organisation of the 2023 report, seeded once per test run and committed (outside the
 * test's rolled-back transaction), so that the tests that need the whole demo share one seed.
 * Read it; anything a test writes is still rolled back with the test.
 */
export function demoOrganisation(): Promise<Organisation> {
  demo ??= (async () => {
    const existing = await Organisation.query().where('slug', 'we-ker').first()
    if (existing) return existing
    const globals = (db as unknown as { connectionGlobalTransactions: Map<string, unknown> })
      .connectionGlobalTransactions
    const suspended = new Map(globals)
    globals.clear()
    try {
      const { seedDemo } = await import('#database/seeders/demo')
      return await seedDemo()
    } finally {
      for (const [name, trx] of suspended) globals.set(name, trx)
    }
  })()
  return demo
}

/** Assertions that read rows directly (outside a request) do so across organisations, and say so. */
export function inspecting<T>(callback: () => Promise<T>): Promise<T> {
  return acrossTenants('test inspection', callback)
}

/** Domain code called directly by a test runs as that organisation. */
export function asOrganisation<T>(organisation: { id: number }, callback: () => Promise<T>) {
  return actingAs({ organisationId: organisation.id, userId: null, label: 'test' }, callback)
}

/** The tenant reports and actions are built with in tests that call them directly. */
export function tenantOf(organisation: { id: number }) {
  return { organisationId: organisation.id, userId: null, label: 'test' }
}
