/** The codes of a vocabulary record, in their declared order (for `vine.enum` and CHECKs). */
export function codesOf<T extends Record<string, string>>(labels: T) {
  return Object.keys(labels) as Array<keyof T & string>
}

/** The French label of a code, or the code itself when it is unknown (never an empty cell). */
export function labelOf<T extends Record<string, string>>(labels: T, code: string | null) {
  if (code === null) return ''
  return (labels as Record<string, string>)[code] ?? code
}
