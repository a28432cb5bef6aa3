/**
 * Characters that make Excel, LibreOffice or Google Sheets read a cell as a formula
 * (OWASP "CSV injection"): `=`, `+`, `-`, `@`, and tab / carriage return which some
 * spreadsheet programs strip before evaluating what follows.
 */
const FORMULA_TRIGGER = /^[=+\-@\t\r]/

/**
 * Prefixes a text with a single quote when a spreadsheet program could run it as a formula
 * (e.g. `=cmd|' /C calc'!A0`). Applies to text exported to xlsx and csv; numbers, amounts and
 * dates are written as typed values and never go through it.
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_TRIGGER.test(text) ? `'${text}` : text
}
