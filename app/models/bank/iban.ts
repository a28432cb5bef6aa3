/** An IBAN as stored: capitals, no spaces. */
export function normaliseIban(text: string) {
  return text.replace(/\s+/g, '').toUpperCase()
}

/**
 * ISO 13616 check: two letters of country, two check digits, then 10 to 30 letters or digits,
 * the whole (rotated, letters as numbers) being 1 modulo 97.
 */
export function isValidIban(text: string) {
  const iban = normaliseIban(text)
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) return false
  const digits = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (letter) =>
    String(letter.charCodeAt(0) - 55)
  )
  let remainder = 0
  for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97
  return remainder === 1
}

/** Spaced by four, as printed on a RIB. */
export function formatIban(iban: string) {
  return normaliseIban(iban).replace(/(.{4})(?=.)/g, '$1 ')
}
