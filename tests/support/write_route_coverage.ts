/**
 * Which write routes (POST, PUT, PATCH, DELETE) the functional tests exercise, and how.
 *
 * The api client and the HTTP server run in the test process, so every request a test sends
 * is seen here once the server has answered (`http:request_completed`): its route pattern,
 * its method (after `_method` spoofing), its status and what it flashed. Each request is
 * filed under one outcome; `tests/functional/write_route_coverage.spec.ts`, moved to the end
 * of the functional suite by tests/bootstrap.ts, then lists the write routes lacking a
 * success or a refusal.
 */
import emitter from '@adonisjs/core/services/emitter'
import router from '@adonisjs/core/services/router'
import type { HttpContext } from '@adonisjs/core/http'
import { getActiveTest } from '@japa/runner'
import type { PluginFn } from '@japa/runner/types'

export const COVERAGE_GROUP = 'Write route coverage (runs last)'

export const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'] as const

/**
 * - success: 2xx or 3xx, nothing flashed as an error, not sent to the login page;
 * - refusal: a domain refusal (303 back with 'error'), a validation refusal (302 back with
 *   field errors) or a 4xx other than 401/403/404 (JSON clients, 409, 413, 422...);
 * - forbidden (403) and not_found (404): refusals too, but only of the guard or of the lookup;
 * - login (sent to /login), csrf (expired form), error (5xx): neither.
 * Requests of the route walk and of the fuzz spec (SWEEPS), which send every route generated
 * input, are filed as 'walk' and count as neither.
 */
export type Outcome =
  'success' | 'refusal' | 'forbidden' | 'not_found' | 'login' | 'csrf' | 'error' | 'walk'

/**
 * Specs that send every route generated input (ids that match nothing, hostile values): what
 * they get proves no behaviour of a route in particular, so their requests count as neither.
 */
const SWEEPS = ['tests/functional/core/route_walk.spec.ts', 'tests/functional/core/fuzz.spec.ts']

/** Message of the exception handler for a missing or wrong CSRF token. */
const CSRF_MESSAGE = 'Votre formulaire a expiré'

/** route key ("POST /x/:id") -> outcome -> titles of the tests that produced it. */
const hits = new Map<string, Map<Outcome, Set<string>>>()

const state = {
  listening: false,
  /** Filters of this run (--files, --tests, --groups, --tags): a partial run enforces nothing. */
  filters: [] as string[],
  /** Requests recorded, all methods and routes included (proof that recording works). */
  requests: 0,
  /** Set when the coverage group was moved to the end of the functional suite. */
  movedLast: false,
}

export function routeKey(method: string, pattern: string) {
  return `${method.toUpperCase()} ${pattern}`
}

function hasEntries(value: unknown) {
  if (Array.isArray(value)) return value.length > 0
  if (value && typeof value === 'object') return Object.keys(value).length > 0
  return value !== undefined && value !== null && value !== ''
}

export function classify(ctx: HttpContext): Outcome {
  const status = ctx.response.getStatus()
  const flash: Record<string, unknown> =
    (
      ctx as { session?: { responseFlashMessages?: { all(): Record<string, unknown> } } }
    ).session?.responseFlashMessages?.all() ?? {}
  const location = String(ctx.response.getHeader('location') ?? '')
  const flashedError = ['error', 'errors', 'errorsBag', 'inputErrorsBag'].some((key) =>
    hasEntries(flash[key])
  )
  if (status >= 500) return 'error'
  if (status === 403) return 'forbidden'
  if (status === 404) return 'not_found'
  if (status === 401) return 'login'
  if (status >= 400) return 'refusal'
  // Sent to the login page: logged out by the guard, except for the logout itself and a form
  // whose success is to log in next (a welcome link's password, flashed as 'success').
  const loggingOut = ctx.route?.pattern === '/logout'
  const loginNext = hasEntries(flash.success) && !flashedError
  const toLogin = location === '/login' || location.startsWith('/login?')
  if (!loggingOut && !loginNext && toLogin) return 'login'
  if (flashedError) {
    return String(flash.error ?? '').startsWith(CSRF_MESSAGE) ? 'csrf' : 'refusal'
  }
  return 'success'
}

function record(ctx: HttpContext) {
  state.requests += 1
  const method = ctx.request.method().toUpperCase()
  const pattern = ctx.route?.pattern
  if (!pattern || !(WRITE_METHODS as readonly string[]).includes(method)) return
  const key = routeKey(method, pattern)
  const active = getActiveTest()
  const file = String(active?.options.meta.fileName ?? '')
  const outcome: Outcome = SWEEPS.some((sweep) => file.endsWith(sweep)) ? 'walk' : classify(ctx)
  const title = active ? `${active.parent?.title ?? ''} › ${active.title}` : '(outside a test)'
  let outcomes = hits.get(key)
  if (!outcomes) hits.set(key, (outcomes = new Map()))
  let titles = outcomes.get(outcome)
  if (!titles) outcomes.set(outcome, (titles = new Set()))
  titles.add(title)
}

/** Starts recording (idempotent). */
export function recordWriteRoutes() {
  if (state.listening) return
  state.listening = true
  emitter.on('http:request_completed', ({ ctx }) => record(ctx))
}

/** Japa plugin: starts recording and notes whether this run is filtered. */
export const writeRouteCoverage = (): PluginFn => {
  return function writeRouteCoveragePlugin({ config }) {
    const filters = config.filters ?? {}
    state.filters = (['files', 'tests', 'groups', 'tags'] as const).flatMap((layer) =>
      (filters[layer] ?? []).map((value: string) => `--${layer}=${value}`)
    )
    recordWriteRoutes()
  }
}

/** Whether the whole functional suite runs in this process (no filter but --suites). */
export function wholeSuiteRuns() {
  return state.filters.length === 0
}

export function runFilters() {
  return [...state.filters]
}

export function recordedRequests() {
  return state.requests
}

/** Every write route of the router, as "METHOD /pattern". */
export function writeRoutes(): string[] {
  const domains = router.toJSON() as Record<string, Array<{ pattern: string; methods: string[] }>>
  const keys = new Set<string>()
  for (const route of Object.values(domains).flat()) {
    for (const method of route.methods) {
      if ((WRITE_METHODS as readonly string[]).includes(method.toUpperCase())) {
        keys.add(routeKey(method, route.pattern))
      }
    }
  }
  return [...keys].sort()
}

export interface RouteCoverage {
  route: string
  outcomes: Partial<Record<Outcome, string[]>>
}

/** Write routes that cannot be refused (beyond the login guard), with the reason. */
export const NO_REFUSAL: Record<string, string> = {
  'POST /logout': 'ending one’s own session is never refused',
}

/** Outcomes that prove a refusal was tested. */
export const REFUSALS: Outcome[] = ['refusal', 'forbidden', 'not_found']

export function coverage(): RouteCoverage[] {
  return writeRoutes().map((route) => {
    const outcomes: Partial<Record<Outcome, string[]>> = {}
    for (const [outcome, titles] of hits.get(route) ?? []) outcomes[outcome] = [...titles].sort()
    return { route, outcomes }
  })
}

/** Moves the coverage group to the end of its suite, so that it sees every other test. */
export function runCoverageLast(suite: { stack: Array<{ title?: string }> }, title: string) {
  const index = suite.stack.findIndex((item) => item.title === title)
  if (index < 0) return
  const [group] = suite.stack.splice(index, 1)
  suite.stack.push(group)
  state.movedLast = true
}

export function movedLast() {
  return state.movedLast
}
