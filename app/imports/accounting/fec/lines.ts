/**
 * FEC line parsing: the header (separator, Debit/Credit or Montant/Sens variant) and each data
 * line, checked field by field. Every refusal names the file line, the field and the reason.
 */
import { COL, FEC_COLUMNS, parseFecAmount, parseFecDate } from './format.js'

export interface FecIssue {
  line: number
  field: string
  value: string
  reason: string
}

export interface Layout {
  separator: string
  variant: 'debit-credit' | 'montant-sens'
}

export interface ParsedLine {
  journalCode: string
  journalLib: string
  number: string
  date: string
  account: string
  accountLib: string
  auxNumber: string | null
  auxLabel: string | null
  pieceRef: string | null
  pieceDate: string | null
  label: string
  debit: bigint
  credit: bigint
  lettering: string | null
  letteringDate: string | null
  validDate: string | null
  currencyAmount: bigint | null
  currency: string | null
}

const MAX_LENGTH: Array<[number, string, number]> = [
  [COL.journalCode, 'JournalCode', 20],
  [COL.journalLib, 'JournalLib', 200],
  [COL.ecritureNum, 'EcritureNum', 40],
  [COL.compteNum, 'CompteNum', 20],
  [COL.compteLib, 'CompteLib', 200],
  [COL.compAuxNum, 'CompAuxNum', 40],
  [COL.compAuxLib, 'CompAuxLib', 200],
  [COL.pieceRef, 'PieceRef', 100],
  [COL.ecritureLib, 'EcritureLib', 500],
  [COL.ecritureLet, 'EcritureLet', 20],
  [COL.idevise, 'Idevise', 3],
]

const ACCOUNT = /^[1-9][0-9A-Za-z]*$/

/**
 * A copy of `text` that does not keep the file chunk it was sliced from alive (V8 slices share
 * their parent): for what outlives the line, such as errors and the file's accounts.
 */
export function detached(text: string) {
  return (' ' + text).slice(1)
}

/** Every error of a file, counted; the first `cap` kept with their line, field and value. */
export class Issues {
  list: FecIssue[] = []
  count = 0
  constructor(private cap: number) {}

  add(line: number, field: string, value: string, reason: string) {
    this.count++
    if (this.list.length < this.cap)
      this.list.push({ line, field, value: detached(value.slice(0, 200)), reason })
  }

  /** Withdraws every issue of one reason, `total` of them counted (some maybe beyond the cap). */
  withdraw(reason: string, total: number) {
    this.list = this.list.filter((issue) => issue.reason !== reason)
    this.count -= total
  }
}

export function parseHeader(text: string, issues: Issues): Layout | null {
  const clean = text.replace(/^\uFEFF/, '')
  const separator = clean.includes('\t') ? '\t' : clean.includes('|') ? '|' : null
  if (!separator) {
    issues.add(
      1,
      'en-tête',
      clean.slice(0, 80),
      'séparateur introuvable : un FEC sépare ses 18 colonnes par des tabulations ou des « | »'
    )
    return null
  }
  const names = clean.split(separator).map((name) => name.trim())
  if (names.length === 19 && names[18] === '') names.pop()
  if (names.length !== 18) {
    issues.add(1, 'en-tête', `${names.length} colonnes`, 'un FEC compte exactement 18 colonnes')
    return null
  }
  const variant =
    names[11].toLowerCase() === 'montant' && names[12].toLowerCase() === 'sens'
      ? 'montant-sens'
      : 'debit-credit'
  let ok = true
  names.forEach((name, index) => {
    let expected: string = FEC_COLUMNS[index]
    if (variant === 'montant-sens' && index === 11) expected = 'Montant'
    if (variant === 'montant-sens' && index === 12) expected = 'Sens'
    if (name.toLowerCase() !== expected.toLowerCase()) {
      issues.add(1, `colonne ${index + 1}`, name, `nom attendu : ${expected}`)
      ok = false
    }
  })
  return ok ? { separator, variant } : null
}

function optionalDate(value: string, line: number, field: string, issues: Issues) {
  if (value === '') return null
  const date = parseFecDate(value)
  if (!date) issues.add(line, field, value, 'date invalide (format AAAAMMJJ attendu)')
  return date
}

const INVALID_AMOUNT = 'montant invalide (virgule décimale, deux décimales au plus)'

function debitCredit(fields: string[], line: number, issues: Issues) {
  const debit = parseFecAmount(fields[COL.debit])
  const credit = parseFecAmount(fields[COL.credit])
  if (debit === null) issues.add(line, 'Debit', fields[COL.debit], INVALID_AMOUNT)
  else if (debit < 0n) issues.add(line, 'Debit', fields[COL.debit], 'montant négatif')
  if (credit === null) issues.add(line, 'Credit', fields[COL.credit], INVALID_AMOUNT)
  else if (credit < 0n) issues.add(line, 'Credit', fields[COL.credit], 'montant négatif')
  if (debit && credit && debit > 0n && credit > 0n) {
    issues.add(
      line,
      'Debit/Credit',
      `${fields[COL.debit]} / ${fields[COL.credit]}`,
      'une ligne est soit au débit, soit au crédit'
    )
  }
  return { debit, credit }
}

function amountSense(fields: string[], line: number, issues: Issues) {
  const amount = parseFecAmount(fields[COL.debit])
  const sense = fields[COL.credit].toUpperCase()
  if (amount === null || amount < 0n) {
    issues.add(line, 'Montant', fields[COL.debit], 'montant invalide (positif, virgule décimale)')
  } else if (sense === 'D' || sense === '+1' || sense === '1') {
    return { debit: amount, credit: 0n }
  } else if (sense === 'C' || sense === '-1') {
    return { debit: 0n, credit: amount }
  } else {
    issues.add(line, 'Sens', fields[COL.credit], 'sens invalide (D ou C, +1 ou -1)')
  }
  return { debit: 0n, credit: 0n }
}

/** Parses and validates one data line; returns null when it has errors (recorded in issues). */
export function parseLine(
  text: string,
  line: number,
  layout: Layout,
  issues: Issues
): ParsedLine | null {
  if (text.includes('\u0000')) {
    issues.add(line, 'ligne', '', 'caractère nul : ce n’est pas un fichier texte')
    return null
  }
  const fields = text.split(layout.separator)
  if (fields.length === 19 && fields[18] === '') fields.pop()
  if (fields.length !== 18) {
    issues.add(
      line,
      'ligne',
      `${fields.length} colonnes`,
      'chaque ligne doit compter exactement 18 colonnes'
    )
    return null
  }
  const before = issues.count
  for (let i = 0; i < 18; i++) fields[i] = fields[i].trim()
  for (const [index, name, max] of MAX_LENGTH) {
    if (fields[index].length > max)
      issues.add(line, name, fields[index], `trop long (${max} caractères au plus)`)
  }
  if (fields[COL.journalCode] === '') issues.add(line, 'JournalCode', '', 'code journal manquant')
  if (fields[COL.ecritureNum] === '')
    issues.add(line, 'EcritureNum', '', 'numéro d’écriture manquant')
  const date = parseFecDate(fields[COL.ecritureDate])
  if (!date)
    issues.add(
      line,
      'EcritureDate',
      fields[COL.ecritureDate],
      'date invalide (format AAAAMMJJ attendu)'
    )
  const account = fields[COL.compteNum]
  if (!ACCOUNT.test(account)) {
    issues.add(
      line,
      'CompteNum',
      account,
      'numéro de compte invalide (chiffres du plan comptable, commençant par 1 à 8)'
    )
  }
  if (fields[COL.ecritureLib] === '')
    issues.add(line, 'EcritureLib', '', 'libellé d’écriture manquant (obligatoire)')
  const pieceDate = optionalDate(fields[COL.pieceDate], line, 'PieceDate', issues)
  const letteringDate = optionalDate(fields[COL.dateLet], line, 'DateLet', issues)
  const validDate = optionalDate(fields[COL.validDate], line, 'ValidDate', issues)
  const { debit, credit } =
    layout.variant === 'debit-credit'
      ? debitCredit(fields, line, issues)
      : amountSense(fields, line, issues)
  let currencyAmount: bigint | null = null
  if (fields[COL.montantDevise] !== '') {
    currencyAmount = parseFecAmount(fields[COL.montantDevise])
    if (currencyAmount === null)
      issues.add(line, 'Montantdevise', fields[COL.montantDevise], 'montant invalide')
  }
  if (issues.count !== before) return null
  return {
    journalCode: fields[COL.journalCode],
    journalLib: fields[COL.journalLib],
    number: fields[COL.ecritureNum],
    date: date!,
    account,
    accountLib: fields[COL.compteLib],
    auxNumber: fields[COL.compAuxNum] || null,
    auxLabel: fields[COL.compAuxLib] || null,
    pieceRef: fields[COL.pieceRef] || null,
    pieceDate,
    label: fields[COL.ecritureLib],
    debit: debit!,
    credit: credit!,
    lettering: fields[COL.ecritureLet] || null,
    letteringDate,
    validDate,
    currencyAmount,
    currency: fields[COL.idevise] || null,
  }
}
