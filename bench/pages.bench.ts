import testUtils from '@adonisjs/core/services/test_utils'
import env from '#start/env'
import User from '#models/core/user'
import { ROLES } from '#policies/role_matrix'
import { navigation } from '#http/navigation'
import { actingAs } from '#support/request_context'
import type { BenchContext, BenchResult } from '../commands/bench.js'

const USERS = 50
const PASSWORD = 'banc d’essai des pages'

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

/** p95 latency of `path` with USERS concurrent clients, `rounds` requests each. */
async function p95(base: string, path: string, cookies: string[], rounds: number) {
  const timings: number[] = []
  await Promise.all(
    cookies.map(async (cookie) => {
      for (let i = 0; i < rounds; i++) {
        const started = performance.now()
        const response = await fetch(`${base}${path}`, { headers: { cookie }, redirect: 'manual' })
        await response.arrayBuffer()
        if (response.status !== 200) throw new Error(`${path} a répondu ${response.status}`)
        timings.push(performance.now() - started)
      }
    })
  )
  timings.sort((a, b) => a - b)
  return timings[Math.floor(timings.length * 0.95)]
}

/** Main pages under 50 concurrent logged-in users, against the bare health route. */
export default async function pages({
  organisationId,
  scale,
}: BenchContext): Promise<BenchResult[]> {
  const close = await testUtils.httpServer().start()
  const base = `http://${env.get('HOST')}:${env.get('PORT')}`
  try {
    const emails: string[] = []
    await actingAs({ organisationId, userId: null, label: 'bench' }, async () => {
      for (let i = 0; i < USERS; i++) {
        const email = `bench-${organisationId}-${i}@bench.socle.fr`
        await User.create({
          organisationId,
          fullName: `Banc ${i}`,
          email,
          password: PASSWORD,
          roles: [...ROLES],
        })
        emails.push(email)
      }
    })
    const cookies = await Promise.all(emails.map((email) => login(base, email)))
    const rounds = Math.max(2, Math.round(20 * scale))
    await p95(base, '/health', cookies, 2)
    const baseline = await p95(base, '/health', cookies, rounds)
    const results: BenchResult[] = []
    for (const entry of navigation()) {
      const value = await p95(base, entry.href, cookies, rounds)
      results.push({
        name: `p95 ${entry.label} (${USERS} utilisateurs)`,
        value,
        baseline,
        ratio: value / baseline,
        unit: 'ms',
        note: undefined,
      })
    }
    return results
  } finally {
    await close()
  }
}
