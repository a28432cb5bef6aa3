import { test } from '@japa/runner'
import encryption from '@adonisjs/core/services/encryption'
import { SESSION_COOKIE_NAME } from '#config/session'
import { keepSessionCookieSignatures, keptSignatureAnswers } from '#http/session_cookie_signatures'

/** A verifier that counts its calls and signs `payload|purpose`, accepting only what it signed. */
function countingVerifier() {
  const calls = { sign: 0, unsign: 0 }
  const verifier = {
    sign(payload: unknown, _expiresIn?: string | number, purpose?: string) {
      calls.sign += 1
      return `${String(payload)}|${purpose}`
    },
    unsign(payload: unknown, purpose?: string) {
      calls.unsign += 1
      const [value, signedFor] = String(payload).split('|')
      return signedFor === purpose ? value : null
    },
  }
  return { verifier, calls }
}

test.group('Session cookie signatures kept (#http/session_cookie_signatures)', () => {
  test('the session cookie is signed and verified once per value', ({ assert }) => {
    const { verifier, calls } = countingVerifier()
    keepSessionCookieSignatures(verifier, 'socle-session')
    for (let i = 0; i < 3; i++) {
      assert.equal(verifier.sign('id-1', undefined, 'socle-session'), 'id-1|socle-session')
      assert.equal(verifier.unsign('id-1|socle-session', 'socle-session'), 'id-1')
    }
    assert.deepEqual(calls, { sign: 1, unsign: 1 })
  })

  test('a value that fails is asked again; other purposes and expiring signatures pass through', ({
    assert,
  }) => {
    const { verifier, calls } = countingVerifier()
    keepSessionCookieSignatures(verifier, 'socle-session')
    assert.isNull(verifier.unsign('id-1|forged', 'socle-session'))
    assert.isNull(verifier.unsign('id-1|forged', 'socle-session'))
    verifier.sign('x', undefined, 'signed-url')
    verifier.sign('x', undefined, 'signed-url')
    verifier.sign('x', '1h', 'socle-session')
    verifier.sign('x', '1h', 'socle-session')
    verifier.unsign('x|signed-url', 'signed-url')
    verifier.unsign('x|signed-url', 'signed-url')
    assert.deepEqual(calls, { sign: 4, unsign: 4 })
  })

  test("the application's verifier keeps the session cookie's: same signature, a tampered cookie refused", ({
    assert,
  }) => {
    const verifier = encryption.getMessageVerifier()
    const before = { ...keptSignatureAnswers }
    const signed = verifier.sign('session-id-42', undefined, SESSION_COOKIE_NAME)
    assert.equal(verifier.sign('session-id-42', undefined, SESSION_COOKIE_NAME), signed)
    assert.equal(verifier.unsign(signed, SESSION_COOKIE_NAME), 'session-id-42')
    assert.equal(verifier.unsign(signed, SESSION_COOKIE_NAME), 'session-id-42')
    // The second signature and the second verification were answered from what was kept.
    assert.deepEqual(keptSignatureAnswers, {
      signed: before.signed + 1,
      verified: before.verified + 1,
    })
    const tampered = signed.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))
    assert.isNull(verifier.unsign(tampered, SESSION_COOKIE_NAME))
    assert.isNull(verifier.unsign(signed, 'another-cookie'))
  })
})
