import { once } from 'node:events'
import type { Writable } from 'node:stream'
import { FEC_COLUMNS, formatFecDate, toFecAmount } from '#imports/accounting/fec_format'
import { streamLedgerLines } from '#reports/accounting/ledger_lines'

// Code points where ISO-8859-15 differs from ISO-8859-1.
const LATIN9: Record<number, number> = {
  0x20ac: 0xa4,
  0x160: 0xa6,
  0x161: 0xa8,
  0x17d: 0xb4,
  0x17e: 0xb8,
  0x152: 0xbc,
  0x153: 0xbd,
  0x178: 0xbe,
}
const LATIN1_ONLY = new Set([0xa4, 0xa6, 0xa8, 0xb4, 0xb8, 0xbc, 0xbd, 0xbe])

/** ISO-8859-15 bytes of a string; characters it cannot represent become '?'. */
export function encodeLatin9(text: string) {
  const bytes = Buffer.allocUnsafe(text.length)
  let n = 0
  for (const char of text) {
    const code = char.codePointAt(0)!
    if (code < 0x80 || (code <= 0xff && !LATIN1_ONLY.has(code))) bytes[n++] = code
    else bytes[n++] = LATIN9[code] ?? 0x3f
  }
  return bytes.subarray(0, n)
}

function clean(value: string | null) {
  return value === null ? '' : value.replace(/[\t\r\n|]/g, ' ')
}

/**
 * Writes the FEC of a fiscal year (validated entries, in validation order) to `output`:
 * tab-separated, header line, dates AAAAMMJJ, decimal comma, CRLF, ISO-8859-15 by default.
 * Streams: memory does not grow with the ledger. Does not end `output`.
 */
export async function writeFec(
  output: Writable,
  organisationId: number,
  fiscalYearId: number,
  encoding: 'iso-8859-15' | 'utf-8' = 'iso-8859-15'
) {
  const encode = (text: string) =>
    encoding === 'utf-8' ? Buffer.from(text, 'utf8') : encodeLatin9(text)
  let buffer = `${FEC_COLUMNS.join('\t')}\r\n`
  let lines = 0
  for await (const row of streamLedgerLines(
    organisationId,
    { fiscalYearId, status: 'validated' },
    'chain'
  )) {
    buffer +=
      [
        row.journal_code,
        row.journal_label,
        row.number,
        formatFecDate(row.entry_date),
        row.account_number,
        row.account_label,
        row.aux_number,
        row.aux_label,
        row.piece_ref,
        formatFecDate(row.piece_date),
        row.label ?? row.entry_label,
        toFecAmount(row.debit),
        toFecAmount(row.credit),
        row.lettering,
        formatFecDate(row.lettering_date),
        formatFecDate(row.valid_date),
        toFecAmount(row.currency_amount),
        row.currency,
      ]
        .map((value) => clean(value ?? null))
        .join('\t') + '\r\n'
    lines++
    if (buffer.length > 256 * 1024) {
      if (!output.write(encode(buffer))) await once(output, 'drain')
      buffer = ''
    }
  }
  if (buffer.length > 0 && !output.write(encode(buffer))) await once(output, 'drain')
  return { lines }
}
