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
    autoProcess: true,
    convertEmptyStringsToNull: true,
    trimWhitespaces: true,
    processManually: [],
    // Imports stream to a temporary file; per-import caps are checked before parsing. Above the
    // FEC cap (FEC_MAX_BYTES, 500 MB) so that its own precise message applies; the spreadsheet
    // imports keep their smaller caps.
    limit: '520mb',
    types: ['multipart/form-data'],
  },
})

export default bodyParserConfig
