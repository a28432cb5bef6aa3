/**
 * The compact notation of statement layouts (app/reference/statement_layouts.ts), which an
 * accountant can read:
 *
 * - ranges: space-separated account prefixes. `-609` excludes a prefix, `40:D` keeps only the
 *   accounts of that prefix whose balance is a debit (`:C` credit), `28:A` puts the prefix in the
 *   "amortissements et provisions" column of the actif (its credit balance is deducted).
 * - formula: `A + B - C` over other line codes of the same layout; `max0(...)` keeps a positive
 *   result only (excédent / déficit printed on opposite sides).
 *
 * A layout may also be written as a regrouping of another one (`regroupLayout`): each of its
 * lines names the lines of the source layout whose accounts it gathers, so that the account
 * ranges are written once.
 *
 * A layout is written as a table (`layoutTable`), one line a row of five columns separated by
 * `|`: code, label, section, form and content. The form is empty (a line taking accounts or
 * adding others), `heading`, `subtotal`, `total`, or `dont` / `dont 3` (an "of which" detail at
 * level 2 / 3). The content is the line's ranges, `= formula`, or `< A B` for a line regrouping
 * the source lines A and B, then ranges of its own if any (`regroupingTable`; its label and
 * section may then be left empty).
 */

import type { StatementKind, StatementLineKind, StatementSection } from '#vocabulary/accounting'

export type LayoutKind = StatementKind
export type Section = StatementSection
export type LineKind = StatementLineKind

export interface RangeSpec {
  prefix: string
  exclude?: boolean
  side?: 'debit' | 'credit'
  part?: 'gross' | 'depreciation'
}

export interface FormulaTerm {
  code: string
  sign: 1 | -1
}

export interface Formula {
  terms: FormulaTerm[]
  clamp?: 'positive'
}

export interface LineDefinition {
  code: string
  label: string
  section: Section
  kind?: LineKind
  level?: number
  ofWhich?: boolean
  ranges?: string
  formula?: string
}

export interface LayoutDefinition {
  code: string
  name: string
  kind: LayoutKind
  validFromYear: number
  validToYear?: number
  lines: LineDefinition[]
}

export function parseRanges(text: string | undefined): RangeSpec[] {
  if (!text) return []
  return text
    .trim()
    .split(/\s+/)
    .map((token) => {
      const exclude = token.startsWith('-')
      const [prefix, flag] = (exclude ? token.slice(1) : token).split(':')
      if (!/^[0-9]+$/.test(prefix)) throw new Error(`Préfixe de compte invalide : ${token}`)
      const range: RangeSpec = { prefix }
      if (exclude) range.exclude = true
      if (flag === 'D') range.side = 'debit'
      else if (flag === 'C') range.side = 'credit'
      else if (flag === 'A') range.part = 'depreciation'
      else if (flag !== undefined) throw new Error(`Option de préfixe inconnue : ${token}`)
      return range
    })
}

export function parseFormula(text: string | undefined | null): Formula | null {
  if (!text) return null
  let body = text.trim()
  let clamp: Formula['clamp']
  const clamped = /^max0\((.*)\)$/.exec(body)
  if (clamped) {
    body = clamped[1]
    clamp = 'positive'
  }
  const terms: FormulaTerm[] = []
  const tokens = body
    .replace(/([+-])/g, ' $1 ')
    .trim()
    .split(/\s+/)
  let sign: 1 | -1 = 1
  for (const token of tokens) {
    if (token === '+') sign = 1
    else if (token === '-') sign = -1
    else {
      if (!/^[A-Za-z0-9_]+$/.test(token)) throw new Error(`Formule invalide : ${text}`)
      terms.push({ code: token, sign })
      sign = 1
    }
  }
  return clamp ? { terms, clamp } : { terms }
}

/** `A + B + C`: the formula of a line that adds others. */
export const sum = (...codes: string[]) => codes.join(' + ')

/** Sign that turns a debit-minus-credit balance into the amount shown on the line. */
export function sectionSign(section: Section): 1 | -1 {
  return section === 'produits' || section === 'passif' ? -1 : 1
}

/** Compact notation of stored ranges, the inverse of parseRanges. */
export function rangesToText(ranges: RangeSpec[]) {
  return ranges
    .map((r) => {
      const flag =
        r.side === 'debit'
          ? ':D'
          : r.side === 'credit'
            ? ':C'
            : r.part === 'depreciation'
              ? ':A'
              : ''
      return `${r.exclude ? '-' : ''}${r.prefix}${flag}`
    })
    .join(' ')
}

/** Compact notation of a stored formula, the inverse of parseFormula. */
export function formulaToText(formula: Formula | null) {
  if (!formula) return ''
  const body = formula.terms
    .map((t, i) =>
      i === 0 ? (t.sign < 0 ? `- ${t.code}` : t.code) : `${t.sign < 0 ? '-' : '+'} ${t.code}`
    )
    .join(' ')
  return formula.clamp === 'positive' ? `max0(${body})` : body
}

const overlaps = (a: string, b: string) => a.startsWith(b) || b.startsWith(a)
const sameFlags = (a: RangeSpec, b: RangeSpec) => a.side === b.side && a.part === b.part

/**
 * Ranges that take exactly the accounts that one of `parts` takes, each as that part takes it
 * (side of the balance, actif column). A line keeps an account when no exclusion of the line
 * matches it and one of its prefixes does, so the exclusions of one part cannot simply be put
 * next to the prefixes of another: an exclusion is kept only where no other part takes the
 * accounts, and dropped where another part takes all of them the same way. Anything else is
 * ambiguous and refused.
 */
export function unionOfRanges(parts: RangeSpec[][]): RangeSpec[] {
  const includes = parts.flatMap((part) => part.filter((r) => !r.exclude))
  const excludes: RangeSpec[] = []
  parts.forEach((part, index) => {
    for (const exclusion of part.filter((r) => r.exclude)) {
      const others = parts.filter((_, other) => other !== index)
      const reached = others.flatMap((other) =>
        other.filter((r) => !r.exclude && overlaps(r.prefix, exclusion.prefix))
      )
      if (reached.length === 0) {
        excludes.push(exclusion)
        continue
      }
      const takesAll = others.find(
        (other) =>
          other.some((r) => !r.exclude && exclusion.prefix.startsWith(r.prefix)) &&
          !other.some((r) => r.exclude && overlaps(r.prefix, exclusion.prefix))
      )
      const alike = includes.filter((r) => overlaps(r.prefix, exclusion.prefix))
      if (!takesAll || alike.some((r) => !sameFlags(r, alike[0]))) {
        throw new Error(`Regroupement ambigu autour du préfixe ${exclusion.prefix}`)
      }
    }
  })
  // A prefix inside a shorter one taken the same way adds nothing (unless a prefix taken
  // another way overlaps them: then the first that matches decides, so all are kept).
  const kept = includes.filter(
    (range, index) =>
      includes.some((other) => !sameFlags(other, range) && overlaps(other.prefix, range.prefix)) ||
      !includes.some(
        (other, at) =>
          sameFlags(other, range) &&
          range.prefix.startsWith(other.prefix) &&
          (other.prefix.length < range.prefix.length || at < index)
      )
  )
  return [...kept, ...excludes]
}

/**
 * A line of a layout written as a regrouping of a source layout: `from` names the source lines
 * whose accounts it takes (their ranges are not written again), `ranges` adds prefixes of its
 * own or leaves some to another line (`-1026`). Without a label, a line gathering one source
 * line takes its label; the section is the source's. Headings and formulas are written as
 * they are.
 */
export interface RegroupedLine extends Omit<LineDefinition, 'label' | 'section'> {
  label?: string
  section?: Section
  from?: string[]
}

export function regroupLayout(source: LineDefinition[], table: RegroupedLine[]): LineDefinition[] {
  const byCode = new Map(source.map((line) => [line.code, line]))
  return table.map(({ from, ...line }) => {
    const sources = (from ?? []).map((code) => {
      const found = byCode.get(code)
      if (!found?.ranges) throw new Error(`Ligne de regroupement inconnue : ${code}`)
      return found
    })
    const label = line.label ?? (sources.length === 1 ? sources[0].label : undefined)
    const section = line.section ?? sources[0]?.section
    if (!label || !section) throw new Error(`Libellé ou section manquant : ${line.code}`)
    if (sources.length === 0) return { ...line, label, section }
    const union = unionOfRanges(sources.map((s) => parseRanges(s.ranges)))
    const ranges = rangesToText([...union, ...parseRanges(line.ranges)])
    return { ...line, label, section, ranges }
  })
}

const FORMS: Record<string, Pick<LineDefinition, 'kind' | 'level' | 'ofWhich'>> = {
  '': {},
  'heading': { kind: 'heading' },
  'subtotal': { kind: 'subtotal' },
  'total': { kind: 'total' },
  'dont': { level: 2, ofWhich: true },
  'dont 3': { level: 3, ofWhich: true },
}

/** The lines of a layout written as a table (see the notation above), regroupings allowed. */
export function regroupingTable(text: string): RegroupedLine[] {
  return text.split('\n').flatMap((row) => {
    if (row.trim() === '') return []
    const cells = row.split('|').map((cell) => cell.trim())
    const [code, label, section, form, content] = cells
    if (cells.length !== 5 || !code || !(form in FORMS)) {
      throw new Error(`Ligne de présentation illisible : ${row}`)
    }
    const line: RegroupedLine = { code }
    if (label) line.label = label
    if (section) line.section = section as Section
    Object.assign(line, FORMS[form])
    if (content.startsWith('<')) {
      // `< A B -1026`: the source lines, then ranges of the line's own
      const words = content.slice(1).trim().split(/\s+/)
      line.from = words.filter((word) => /^[A-Z]/.test(word))
      const own = words.filter((word) => !/^[A-Z]/.test(word))
      if (own.length > 0) line.ranges = own.join(' ')
    } else if (content.startsWith('=')) line.formula = content.slice(1).trim()
    else if (content) line.ranges = content
    return [line]
  })
}

/** The lines of a layout written as a table, each with its label, section and own content. */
export function layoutTable(text: string): LineDefinition[] {
  return regroupingTable(text).map(({ from, label, section, ...line }) => {
    if (from || !label || !section) throw new Error(`Ligne incomplète : ${line.code}`)
    return { ...line, label, section }
  })
}
