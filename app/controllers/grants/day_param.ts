import { DateTime } from 'luxon'

/**
 * The day a page is computed at: ?date=YYYY-MM-DD when given and valid (to look at the situation
 * at another date, and for tests), otherwise today in Paris.
 */
export function dayOf(input: unknown, now: () => DateTime = () => DateTime.now()) {
  const asked =
    typeof input === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(input)
      ? DateTime.fromISO(input, { zone: 'Europe/Paris' })
      : null
  return asked?.isValid ? asked.startOf('day') : now().setZone('Europe/Paris').startOf('day')
}
