import { Ignitor } from '@adonisjs/core'

/** Root of the application: AdonisJS resolves files and folders from it. */
const APP_ROOT = new URL('../', import.meta.url)

/** Imports files in the context of the application. */
const IMPORTER = (filePath: string) => {
  if (filePath.startsWith('./') || filePath.startsWith('../')) {
    return import(new URL(filePath, APP_ROOT).href)
  }
  return import(filePath)
}

/**
 * The application for every entry point (server, ace, tests): env validated at boot, and
 * SIGTERM/SIGINT drain requests, close the pool and stop an embedded database.
 */
export function ignitor() {
  return new Ignitor(APP_ROOT, { importer: IMPORTER }).tap((app) => {
    app.booting(async () => {
      await import('#start/env')
    })
    app.listen('SIGTERM', () => app.terminate())
    app.listen('SIGINT', () => app.terminate())
  })
}
