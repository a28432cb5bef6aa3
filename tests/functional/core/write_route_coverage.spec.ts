import { writeFile } from 'node:fs/promises'
import { test } from '@japa/runner'
import {
  COVERAGE_GROUP,
  coverage,
  movedLast,
  NO_REFUSAL,
  REFUSALS,
  recordedRequests,
  runFilters,
  wholeSuiteRuns,
  writeRoutes,
} from '#tests/support/write_route_coverage'

/**
 * Every write route must be exercised by the functional tests with at least one success (a
 * 2xx/3xx answer with no error flashed) and one refusal (303 or 302 back with an error, or a
 * 4xx: see tests/support/write_route_coverage.ts). The route walk's and the fuzz spec's requests do not count.
 * Routes refused only by the role guard or a lookup (403/404, no domain or validation
 * refusal) are listed in the output, without failing.
 *
 * This group is moved to the end of the functional suite (tests/bootstrap.ts) and checks only
 * a whole run of the suite: with --files, --tests, --groups or --tags it is skipped.
 * WRITE_ROUTE_REPORT=/path/file.json writes the whole record (route -> outcome -> tests).
 */
test.group(COVERAGE_GROUP, () => {
  test('every write route has a tested success and a tested refusal')
    .skip(
      !wholeSuiteRuns(),
      `partial run (${runFilters().join(' ')}): write-route coverage needs the whole functional suite`
    )
    .run(async ({ assert }) => {
      assert.isTrue(movedLast(), 'the coverage group must run after every other functional test')
      const routes = writeRoutes()
      assert.isAbove(routes.length, 10, 'the router lists no write route')
      assert.isAbove(recordedRequests(), 0, 'no HTTP request was recorded: the recorder is broken')
      const report = coverage()
      const hit = report.filter((entry) => Object.keys(entry.outcomes).length > 0)
      assert.isAbove(hit.length, 0, 'no write route was recorded: the recorder is broken')

      if (process.env.WRITE_ROUTE_REPORT) {
        await writeFile(process.env.WRITE_ROUTE_REPORT, JSON.stringify(report, null, 2))
      }
      const tested = (entry: (typeof report)[number]) =>
        Object.keys(entry.outcomes).some((outcome) => outcome !== 'walk')
      const never = report.filter((entry) => !tested(entry))
      const noSuccess = report.filter((entry) => tested(entry) && !entry.outcomes.success)
      const noRefusal = report.filter(
        (entry) =>
          tested(entry) &&
          !(entry.route in NO_REFUSAL) &&
          !REFUSALS.some((outcome) => entry.outcomes[outcome])
      )
      const guardOnly = report.filter(
        (entry) => !entry.outcomes.refusal && (entry.outcomes.forbidden || entry.outcomes.not_found)
      )
      const describe = (entry: (typeof report)[number]) => {
        const seen = Object.entries(entry.outcomes)
          .map(([outcome, titles]) => `${outcome} ×${titles!.length}`)
          .join(', ')
        return `  ${entry.route}${seen ? ` (seen: ${seen})` : ' (never called)'}`
      }
      if (guardOnly.length) {
        console.log(
          `Write routes refused only by the role guard or a lookup (403/404), no domain or validation refusal (${guardOnly.length}):\n${guardOnly.map(describe).join('\n')}`
        )
      }
      const problems = [
        never.length
          ? `Never called but by the route walk (${never.length}):\n${never.map(describe).join('\n')}`
          : '',
        noSuccess.length
          ? `No tested success (${noSuccess.length}):\n${noSuccess.map(describe).join('\n')}`
          : '',
        noRefusal.length
          ? `No tested refusal (${noRefusal.length}):\n${noRefusal.map(describe).join('\n')}`
          : '',
      ].filter(Boolean)
      assert.isTrue(problems.length === 0, `${routes.length} write routes; ${problems.join('\n')}`)
    })
})
