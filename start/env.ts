import { Env } from '@adonisjs/core/env'
import { parseDatabaseUrl } from '#support/database_server'

export default await Env.create(new URL('../', import.meta.url), {
  NODE_ENV: Env.schema.enum(['development', 'production', 'test'] as const),
  PORT: Env.schema.number(),
  HOST: Env.schema.string({ format: 'host' }),
  APP_KEY: Env.schema.secret(),
  APP_URL: Env.schema.string({ format: 'url', tld: false }),
  LOG_LEVEL: Env.schema.enum([
    'fatal',
    'error',
    'warn',
    'info',
    'debug',
    'trace',
    'silent',
  ] as const),

  /** External PostgreSQL. When unset, an embedded cluster is started under storage/postgres. */
  DATABASE_URL: (key: string, value?: string) => {
    if (!value) return undefined
    try {
      parseDatabaseUrl(value)
    } catch (error) {
      throw new Error(`${key}: ${(error as Error).message}`)
    }
    return value
  },

  SESSION_DRIVER: Env.schema.enum(['cookie', 'memory', 'database'] as const),
  /** Absolute session lifetime, whatever the activity. */
  SESSION_MAX_AGE: Env.schema.string.optional(),
  /** Behind a reverse proxy (nginx, Traefik): trust X-Forwarded-* from these addresses. */
  TRUSTED_PROXIES: Env.schema.string.optional(),
  /** Largest quality evidence file, in megabytes (20 by default). */
  QUALITY_EVIDENCE_MAX_MB: Env.schema.number.optional(),
  /** Largest FEC file, in bytes (500 MB by default). */
  FEC_MAX_BYTES: Env.schema.number.optional(),
  /**
   * `0` (or `false`): `npm start` creates no demo organisation, so that a real one starts on an
   * empty instance (its setup form, or `node ace organisation:create`). The demo by default.
   */
  SOCLE_DEMO: Env.schema.boolean.optional(),
  /** `1`: `GET /bench/bare` answers without session nor database (the page benchmark only). */
  SOCLE_BENCH_BARE: Env.schema.boolean.optional(),
  /** Calls of the JSON API per access token and minute (120 by default). */
  API_RATE_LIMIT_PER_MINUTE: Env.schema.number.optional(),

  /**
   * Outgoing mail (invitations, password resets) through SMTP. Without SMTP_HOST, each message
   * is written to storage/mail (.eml and .json) instead, and the log says where.
   */
  SMTP_HOST: Env.schema.string.optional({ format: 'host' }),
  /** 587 by default (STARTTLS); 465 is implicit TLS. */
  SMTP_PORT: Env.schema.number.optional(),
  SMTP_USERNAME: Env.schema.string.optional(),
  SMTP_PASSWORD: Env.schema.secret.optional(),
  /** Sender of the messages: an address, or `Name <address>` ("Socle <socle@localhost>"). */
  MAIL_FROM: Env.schema.string.optional(),

  /** Minutes between two runs of the alert job in the web server (60 by default; 0: never). */
  ALERTS_INTERVAL_MINUTES: Env.schema.number.optional(),
})
