import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, destination, targets } from '@adonisjs/core/logger'

const loggerConfig = defineConfig({
  default: 'app',
  loggers: {
    app: {
      enabled: true,
      name: 'socle',
      level: env.get('LOG_LEVEL'),
      // Production writes each JSON line to stdout with one write(2) from the main thread (as
      // Node writes to files and pipes): a transport's worker thread, or an asynchronous write
      // through libuv's thread pool, cost more per request than the line itself (ADR 12).
      ...(app.inProduction
        ? { destination: destination({ dest: 1, sync: true }) }
        : { transport: { targets: targets().push(targets.pretty()).toArray() } }),
    },
  },
})

export default loggerConfig

declare module '@adonisjs/core/types' {
  export interface LoggersList extends InferLoggers<typeof loggerConfig> {}
}
