/**
 * A domain's enumerations, declared together as `{ NAME: { code: 'Libellé', … }, … }` and
 * exported by destructuring (`export const { A, B } = vocabularies({ A: {…}, B: {…} })`). Each
 * record keeps its literal codes and labels, as `as const` would: `keyof typeof A` is the union
 * of its codes, in their declared order for `codesOf`.
 */
export function vocabularies<const T extends Record<string, Record<string, string>>>(
  records: T
): T {
  return records
}

/**
 * A vocabulary whose codes each carry a second text, declared as one table of rows
 * (`{ code: ['Libellé', 'other'] }`): returns the labels record (a vocabulary like those of
 * `vocabularies`) and the record of the second texts, keyed by the same codes.
 */
export function labelsWith<const T extends Record<string, readonly [string, string]>>(rows: T) {
  const labels = {} as { [K in keyof T]: T[K][0] }
  const others = {} as { [K in keyof T]: T[K][1] }
  for (const code of Object.keys(rows) as Array<keyof T>) {
    labels[code] = rows[code][0]
    others[code] = rows[code][1]
  }
  return [labels, others] as const
}

/**
 * French refusals of named constraints, written once per message: each group is the message and
 * the constraints that answer with it.
 */
export function refusals(...groups: Array<[message: string, constraints: string[]]>) {
  return Object.fromEntries(
    groups.flatMap(([message, constraints]) => constraints.map((name) => [name, message]))
  ) as Record<string, string>
}

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
