// The load generator of bench/pages.bench.ts, run as its own process so that the clients never
// share an event loop with the server they measure. Reads one JSON argument:
//   { url, cookies, connections, seconds, warmupSeconds }
// (one session cookie per connection, as many logged-in users; none for the bare route), warms up, then loads `url` for `seconds` and prints one JSON line on stdout: requests per
// second, exact latency percentiles (p50, p95 from every response's time; p97.5 and p99 as
// autocannon reports them) and the count of answers that were not 200.
import autocannon from 'autocannon'

const options = JSON.parse(process.argv[2])
if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(options.url)) {
  throw new Error(`127.0.0.1 only: ${options.url}`)
}

let next = 0

function run(seconds, onResponse) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: seconds,
        timeout: 30,
        setupClient: (client) => {
          const cookies = options.cookies ?? []
          if (cookies.length > 0) client.setHeaders({ cookie: cookies[next++ % cookies.length] })
        },
      },
      (error, result) => (error ? reject(error) : resolve(result))
    )
    if (onResponse) instance.on('response', onResponse)
  })
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

// Requests answered during the warm-up, for the server's CPU time per request over the whole load.
const warmupRequests =
  options.warmupSeconds > 0 ? (await run(options.warmupSeconds)).requests.total : 0
const times = []
const statuses = {}
const result = await run(options.seconds, (_client, status, _bytes, responseTime) => {
  times.push(responseTime)
  statuses[status] = (statuses[status] ?? 0) + 1
})
times.sort((a, b) => a - b)
const ok = statuses[200] ?? 0
process.stdout.write(
  JSON.stringify({
    requests: times.length,
    warmupRequests,
    seconds: options.seconds,
    requestsPerSecond: ok / options.seconds,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p97_5: times.length > 0 ? result.latency.p97_5 : null,
    p99: times.length > 0 ? result.latency.p99 : null,
    notOk: times.length - ok,
    statuses,
    errors: result.errors,
    timeouts: result.timeouts,
  }) + '\n'
)
