/*
 * The alert job in the web server (issue #17, ADR 14): a first run a minute after start-up,
 * then every ALERTS_INTERVAL_MINUTES (60 by default; 0 turns it off). Preloaded for the web
 * environment only: tests and ace commands run the job themselves. Several processes may run
 * it: the job's advisory lock lets one work and the others pass.
 */
import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import env from '#start/env'

const minutes = env.get('ALERTS_INTERVAL_MINUTES') ?? 60

async function runAlerts() {
  try {
    const { default: RunAlertJob } = await import('#actions/alerts/run_alert_job')
    const outcome = await RunAlertJob.handle()
    if (!outcome.ran) logger.info('alert job: another process holds the lock, skipped')
  } catch (error) {
    logger.error({ err: error }, 'alert job failed')
  }
}

if (minutes > 0) {
  const first = setTimeout(runAlerts, 60_000)
  const every = setInterval(runAlerts, minutes * 60_000)
  first.unref()
  every.unref()
  app.terminating(() => {
    clearTimeout(first)
    clearInterval(every)
  })
}
