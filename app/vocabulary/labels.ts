/** The codes of a vocabulary record, in their declared order (for `vine.enum` and CHECKs). */
export function codesOf<T extends Record<string, string>>(labels: T) {
  return Object.keys(labels) as Array<keyof T & string>
}

/** The French label of a code, or the code itself when it is unknown (never an empty cell). */
export function labelOf<T extends Record<string, string>>(labels: T, code: string | null) {
  if (code === null) return ''
  return (labels as Record<string, string>)[code] ?? code
}

/**
 * Codes as the quoted list of a SQL `IN (...)` or `ARRAY[...]`, for the migrations' CHECKs:
 * `sqlList(codesOf(CONTRACT_TYPES))` is `'cdi', 'cdd', …`. Codes are identifiers; anything
 * else is refused rather than quoted.
 */
export function sqlList(codes: readonly string[]) {
  for (const code of codes) {
    if (!/^[A-Za-z0-9_]+$/.test(code)) throw new Error(`Not a vocabulary code: ${code}`)
  }
  return codes.map((code) => `'${code}'`).join(', ')
}
