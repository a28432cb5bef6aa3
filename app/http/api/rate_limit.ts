import limiter from '@adonisjs/limiter/services/main'

/** Calls per token and minute when API_RATE_LIMIT_PER_MINUTE is unset. */
export const DEFAULT_API_RATE_LIMIT = 120

/**
 * Calls a token may make per minute: API_RATE_LIMIT_PER_MINUTE (start/env.ts), read at each call
 * so that a test can lower it for one request, as FEC_MAX_BYTES is.
 */
export function apiRateLimit() {
  const configured = Number(process.env.API_RATE_LIMIT_PER_MINUTE)
  return Number.isInteger(configured) && configured > 0 ? configured : DEFAULT_API_RATE_LIMIT
}

/** The limiter of one token (the project's limiter: @adonisjs/limiter, database store). */
export function apiLimiter() {
  return limiter.use({ requests: apiRateLimit(), duration: '1 min' })
}

export const apiLimiterKey = (tokenId: number) => `api-token:${tokenId}`
