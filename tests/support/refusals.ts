import type { Assert } from '@japa/assert'

interface FlashingResponse {
  status(): number
  flashMessages(): Record<string, unknown>
}

/** A VineJS refusal: 302 back to the form with `field`'s error in inputErrorsBag. */
export function assertFieldError(assert: Assert, response: FlashingResponse, field: string) {
  assert.equal(response.status(), 302, `expected a validation refusal, got ${response.status()}`)
  const bag = (response.flashMessages().inputErrorsBag ?? {}) as Record<string, unknown>
  assert.property(bag, field, `no validation error on « ${field} »: ${JSON.stringify(bag)}`)
}

/**
 * A domain refusal: back to the form with the French message flashed as 'error'. The shared
 * refusal path answers 303; controllers that still catch their own rule errors (HR, job
 * references) answer 302 with the same flash, until they move to the shared path.
 */
export function assertRefused(assert: Assert, response: FlashingResponse, message: string) {
  assert.oneOf(response.status(), [302, 303], `expected a refusal, got ${response.status()}`)
  assert.equal(response.flashMessages().error, message)
}
