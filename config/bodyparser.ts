import { randomUUID } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/core/bodyparser'

const bodyParserConfig = defineConfig({
  allowedMethods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  form: {
    convertEmptyStringsToNull: true,
    trimWhitespaces: true,
    types: ['application/x-www-form-urlencoded'],
    limit: '1mb',
  },
  json: {
    convertEmptyStringsToNull: true,
    trimWhitespaces: true,
    types: ['application/json'],
    limit: '1mb',
  },
  multipart: {
    // Never parsed here: the bodyparser runs before session, CSRF and auth, so parsing would let
    // anyone write files to disk. Upload routes carry the `upload` middleware, which streams the
    // body after auth, permission and CSRF, with the route's own cap, and deletes the temporary
    // files after the response (app/middleware/upload_middleware.ts).
    autoProcess: false,
    convertEmptyStringsToNull: true,
    trimWhitespaces: true,
    processManually: [],
    // Not used while autoProcess is off: each upload route declares its own cap.
    limit: '20mb',
    maxFields: 50,
    // Temporary upload files, in a directory of their own (swept at server start). Each test
    // process has its own, so that tests can prove that nothing was left behind.
    tmpFileName: () =>
      app.tmpPath(app.inTest ? `uploads-test-${process.pid}` : 'uploads', randomUUID()),
    types: ['multipart/form-data'],
  },
})

export default bodyParserConfig
