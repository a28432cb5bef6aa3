import type { Decimal } from 'decimal.js'
import type { DateTime } from 'luxon'
import {
  SpreadsheetError,
  cellDisplay,
  columnLetter,
  readAmount,
  readDate,
  readText,
  type SheetRow,
} from '#support/spreadsheet/reader'

export interface ImportIssue {
  line: number | null
  /** Column letter and header, e.g. "C (Montant)". */
  column: string | null
  value: string | null
  message: string
}

export interface ImportColumn {
  key: string
  /** Header expected in the file (French); matching ignores case, accents and spaces. */
  header: string
  aliases?: string[]
  required?: boolean
  /** Shown in the template and the documentation. */
  description?: string
}

function importColumn(
  required: boolean,
  key: string,
  header: string,
  description: string | null,
  aliases: string[]
): ImportColumn {
  return {
    key,
    header,
    ...(aliases.length ? { aliases } : {}),
    ...(required ? { required } : {}),
    ...(description ? { description } : {}),
  }
}

/**
 * A column the file must have: its key in the row, its French header, what it holds (shown in
 * the template and the documentation), then the other headers accepted for it.
 */
export function requiredColumn(
  key: string,
  header: string,
  description: string | null = null,
  ...aliases: string[]
) {
  return importColumn(true, key, header, description, aliases)
}

/** A column the file may leave out (same arguments as `requiredColumn`). */
export function optionalColumn(
  key: string,
  header: string,
  description: string | null = null,
  ...aliases: string[]
) {
  return importColumn(false, key, header, description, aliases)
}

export function normaliseHeader(text: string) {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

/**
 * What a spreadsheet may write for each code of a vocabulary record: the code (underscores as
 * spaces) or its French label, normalised like a header, plus `extra` aliases; for `oneOf`.
 */
export function vocabularyAliases<K extends string>(
  labels: Record<K, string>,
  extra: Record<string, K> = {}
) {
  const aliases: Record<string, K> = {}
  for (const [code, label] of Object.entries(labels) as Array<[K, string]>) {
    aliases[normaliseHeader(code)] = code
    aliases[normaliseHeader(label)] = code
  }
  return { ...aliases, ...extra }
}

/**
 * One data row seen through the header: typed getters by column key that collect every
 * problem of the row (with line, column and value) instead of stopping at the first one.
 */
export class RowReader {
  readonly issues: ImportIssue[] = []

  constructor(
    readonly row: SheetRow,
    private positions: Map<string, number>,
    private columns: Map<string, ImportColumn>
  ) {}

  get line() {
    return this.row.line
  }

  private where(key: string) {
    const index = this.positions.get(key)
    const column = this.columns.get(key)
    return { index, label: column?.header ?? key }
  }

  /** Records a problem on a column (or the whole row when key is null). */
  fail(key: string | null, message: string) {
    const index = key === null ? undefined : this.positions.get(key)
    const cell = index === undefined ? null : (this.row.cells[index] ?? null)
    this.issues.push({
      line: this.row.line,
      column:
        key === null
          ? null
          : index === undefined
            ? this.where(key).label
            : `${columnLetter(index + 1)} (${this.where(key).label})`,
      value: cell ? cellDisplay(cell) : null,
      message,
    })
    return null
  }

  private read<T>(
    key: string,
    required: boolean,
    reader: (row: SheetRow, index: number) => T | null
  ) {
    const index = this.positions.get(key)
    if (index === undefined) return required ? this.fail(key, 'colonne absente') : null
    try {
      const value = reader(this.row, index)
      if (value === null && required) return this.fail(key, 'valeur obligatoire manquante')
      return value
    } catch (error) {
      if (error instanceof SpreadsheetError) return this.fail(key, error.reason)
      throw error
    }
  }

  text(key: string, options: { required?: boolean; maxLength?: number } = {}): string | null {
    const value = this.read(key, options.required ?? false, readText)
    if (value !== null && options.maxLength && value.length > options.maxLength) {
      return this.fail(key, `texte trop long (${options.maxLength} caractères au plus)`)
    }
    return value
  }

  amount(
    key: string,
    options: { required?: boolean; min?: Decimal | number } = {}
  ): Decimal | null {
    const value = this.read(key, options.required ?? false, readAmount)
    if (value === null) return null
    // numeric(15,2) and the like hold 13 digits before the decimal separator.
    if (value.abs().trunc().toFixed(0).length > 13) {
      return this.fail(key, 'nombre trop grand')
    }
    if (options.min !== undefined && value.lessThan(options.min)) {
      return this.fail(key, `la valeur doit être au moins ${options.min.toString()}`)
    }
    return value
  }

  /** A sum of money: at most two decimals, what numeric(15,2) holds; `positive` refuses 0. */
  money(key: string, options: { required?: boolean; positive?: boolean } = {}): Decimal | null {
    const value = this.amount(key, { required: options.required, min: 0 })
    if (value === null) return null
    if (value.decimalPlaces() > 2) return this.fail(key, 'au plus deux décimales')
    if (options.positive && value.isZero()) return this.fail(key, 'un montant nul est refusé')
    return value
  }

  integer(key: string, options: { required?: boolean; min?: number; max?: number } = {}) {
    const value = this.amount(key, { required: options.required })
    if (value === null) return null
    if (!value.isInteger()) return this.fail(key, 'un nombre entier est attendu')
    if (options.min !== undefined && value.lessThan(options.min)) {
      return this.fail(
        key,
        options.min === 0 ? 'un nombre négatif est refusé' : `minimum ${options.min}`
      )
    }
    if (options.max !== undefined && value.greaterThan(options.max)) {
      return this.fail(key, `maximum ${options.max}`)
    }
    return value.toNumber()
  }

  date(key: string, options: { required?: boolean } = {}): DateTime | null {
    return this.read(key, options.required ?? false, readDate)
  }

  oneOf<T extends string>(
    key: string,
    allowed: Record<string, T>,
    options: { required?: boolean } = {}
  ) {
    const text = this.text(key, options)
    if (text === null) return null
    const match = allowed[normaliseHeader(text)]
    if (!match) {
      return this.fail(
        key,
        `valeur inconnue ; valeurs admises : ${[...new Set(Object.keys(allowed))].join(', ')}`
      )
    }
    return match
  }
}
