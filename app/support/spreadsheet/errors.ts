export interface SpreadsheetErrorDetails {
  /** 1-based line (row) number in the file. */
  line?: number
  /** 1-based column number; shown as a letter (1 -> A) like in a spreadsheet program. */
  column?: number
  /** Offending value, as read from the file. */
  value?: string
  /** Set to false when `reason` already quotes the value. */
  quoteValue?: boolean
}

/**
 * Column letter of a 1-based column number: 1 -> A, 27 -> AA.
 */
export function columnLetter(column: number): string {
  let letters = ''
  let rest = column
  while (rest > 0) {
    const remainder = (rest - 1) % 26
    letters = String.fromCharCode(65 + remainder) + letters
    rest = Math.floor((rest - 1) / 26)
  }
  return letters
}

function shorten(value: string): string {
  return value.length > 60 ? `${value.slice(0, 60)}…` : value
}

/**
 * Error raised while reading an uploaded spreadsheet. `message` is in French and can be shown
 * to the user as is: `reason` followed by where it happened, e.g.
 * "montant invalide (ligne 12, colonne C, valeur « 12,3,4 »)".
 */
export class SpreadsheetError extends Error {
  readonly line?: number
  readonly column?: number
  readonly value?: string

  constructor(
    readonly reason: string,
    details: SpreadsheetErrorDetails = {}
  ) {
    const where: string[] = []
    if (details.line !== undefined) {
      where.push(`ligne ${details.line}`)
    }
    if (details.column !== undefined) {
      where.push(`colonne ${columnLetter(details.column)}`)
    }
    if (details.value !== undefined && details.value !== '' && details.quoteValue !== false) {
      where.push(`valeur « ${shorten(details.value)} »`)
    }
    super(where.length > 0 ? `${reason} (${where.join(', ')})` : reason)
    this.name = 'SpreadsheetError'
    this.line = details.line
    this.column = details.column
    this.value = details.value
  }
}
