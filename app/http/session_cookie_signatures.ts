type Verifier = {
  sign(payload: unknown, expiresIn?: string | number, purpose?: string): string
  unsign(payload: unknown, purpose?: string): unknown
}

/** Entries kept per map before it starts again (a few thousand concurrent sessions at most). */
const KEPT = 10_000

/** Answers given from what was kept (a test checks the application's verifier uses them). */
export const keptSignatureAnswers = { signed: 0, verified: 0 }

/**
 * Keeps the signature of the session cookie and the result of verifying it. Every request
 * verifies the cookie it brings (three HMACs: the signature, then a constant-time comparison
 * that hashes both sides) and signs it again in its response (one more): about a tenth of a page's
 * server CPU under load (ADR 12). Both are deterministic for this purpose: the cookie's value
 * is the session id, signed without expiry, so a string verified once verifies for as long as
 * the key is the same, and the key only changes with a restart. Only the session cookie's
 * purpose is kept; signed URLs and other signatures (which may carry an expiry) go through the
 * verifier as before. Revocation does not depend on the signature: it deletes the session row.
 */
export function keepSessionCookieSignatures(verifier: Verifier, cookieName: string) {
  const sign = verifier.sign.bind(verifier)
  const unsign = verifier.unsign.bind(verifier)
  const signatures = new Map<string, string>()
  const verified = new Map<string, unknown>()
  verifier.sign = (payload, expiresIn, purpose) => {
    if (purpose !== cookieName || expiresIn !== undefined || typeof payload !== 'string')
      return sign(payload, expiresIn, purpose)
    let signature = signatures.get(payload)
    if (signature !== undefined) keptSignatureAnswers.signed += 1
    else {
      signature = sign(payload, expiresIn, purpose)
      if (signatures.size >= KEPT) signatures.clear()
      signatures.set(payload, signature)
    }
    return signature
  }
  verifier.unsign = (payload, purpose) => {
    if (purpose !== cookieName || typeof payload !== 'string') return unsign(payload, purpose)
    if (verified.has(payload)) {
      keptSignatureAnswers.verified += 1
      return verified.get(payload)
    }
    const value = unsign(payload, purpose)
    if (typeof value === 'string') {
      if (verified.size >= KEPT) verified.clear()
      verified.set(payload, value)
    }
    return value
  }
}
