import type { Writable } from 'node:stream'
import { FEC_COLUMNS, formatFecDate, toFecAmount } from '#imports/accounting/fec/format'
import type { LedgerLineRow } from '#reports/accounting/ledger_lines'

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

/** Any character ISO-8859-15 cannot represent, or a control character other than tab, CR, LF. */
const OUTSIDE_LATIN9 =
  /[^\t\n\r\u0020-\u007e\u00a0-\u00a3\u00a5\u00a7\u00a9-\u00b3\u00b5-\u00b7\u00b9-\u00bb\u00bf-\u00ff\u20ac\u0160\u0161\u017d\u017e\u0152\u0153\u0178]/u
const OUTSIDE_LATIN9_ALL = new RegExp(OUTSIDE_LATIN9.source, 'gu')

/** Nearest ISO-8859-15 spelling of characters it lacks (typography first, then odd letters). */
const NEAREST: Record<string, string> = {
  // Latin-1 signs replaced in Latin-9
  '\u00a4': ' ', // ¤
  '\u00a6': '|', // ¦
  '\u00a8': '"', // ¨
  '\u00b4': "'", // ´
  '\u00b8': ',', // ¸
  '\u00bc': '1/4',
  '\u00bd': '1/2',
  '\u00be': '3/4',
  // quotes and apostrophes
  '\u2018': "'", // ‘
  '\u2019': "'", // ’
  '\u201a': "'", // ‚
  '\u201b': "'", // ‛
  '\u2032': "'", // ′
  '\u02bc': "'", // ʼ
  '\u02b9': "'", // ʹ
  '\u201c': '"', // “
  '\u201d': '"', // ”
  '\u201e': '"', // „
  '\u201f': '"', // ‟
  '\u2033': '"', // ″
  '\u2039': '<', // ‹
  '\u203a': '>', // ›
  // dashes, bullets, ellipsis and other punctuation
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-', // –
  '\u2014': '-', // —
  '\u2015': '-',
  '\u2212': '-', // − (minus)
  '\u2026': '...', // …
  '\u2022': '\u00b7', // • -> ·
  '\u2023': '\u00b7',
  '\u2043': '-',
  '\u2219': '\u00b7',
  '\u2020': '+', // †
  '\u2021': '+', // ‡
  '\u2030': '0/00', // ‰
  '\u2044': '/', // ⁄
  '\u2122': 'TM', // ™
  '\u2116': 'No', // №
  // spaces: the narrow and figure no-break spaces keep their no-break nature
  '\u202f': '\u00a0',
  '\u2007': '\u00a0',
  '\u2028': ' ',
  '\u2029': ' ',
  // letters without a canonical decomposition
  '\u0110': 'D', // Đ
  '\u0111': 'd', // đ
  '\u0126': 'H', // Ħ
  '\u0127': 'h', // ħ
  '\u0131': 'i', // ı
  '\u0141': 'L', // Ł
  '\u0142': 'l', // ł
  '\u0166': 'T', // Ŧ
  '\u0167': 't', // ŧ
  '\u014a': 'N', // Ŋ
  '\u014b': 'n', // ŋ
  '\u0192': 'f', // ƒ
  '\u0259': 'e', // ə
  '\u018f': 'E', // Ə
  '\u0138': 'k', // ĸ
}

const transliterated = new Map<string, string>()

/** Nearest Latin-9 text for one character outside Latin-9; never '?'. */
function nearest(char: string): string {
  const known = NEAREST[char] ?? transliterated.get(char)
  if (known !== undefined) return known
  let result: string
  const compatible = char.normalize('NFKC')
  if (compatible !== char && !OUTSIDE_LATIN9.test(compatible)) {
    result = compatible // ligatures, full-width forms, superscripts, ...
  } else {
    // Accented letters of other languages (ş, ő, ą, ...): the base letter, marks dropped.
    const base = char.normalize('NFKD').replace(/\p{M}/gu, '')
    if (base !== '' && base !== char && !OUTSIDE_LATIN9.test(base)) result = base
    else if (base !== '' && base !== char && [...base].every((c) => NEAREST[c] !== undefined))
      result = [...base].map((c) => NEAREST[c]).join('')
    else if (/^[\p{Zs}]$/u.test(char)) result = ' '
    else if (/^\p{Pd}$/u.test(char)) result = '-'
    else if (/^[\p{Pi}\p{Pf}]$/u.test(char)) result = '"'
    else if (/^[\p{M}\p{Cf}\p{Cc}]$/u.test(char))
      result = '' // controls, zero-width, marks
    else result = '_' // a letter or symbol with no Latin equivalent: visibly replaced
  }
  if (transliterated.size < 10_000) transliterated.set(char, result)
  return result
}

/** The text spelt with ISO-8859-15 characters only (see NEAREST); unchanged when it already is. */
export function toLatin9(text: string) {
  return OUTSIDE_LATIN9.test(text) ? text.replace(OUTSIDE_LATIN9_ALL, nearest) : text
}

/** ISO-8859-15 bytes of a string; characters it cannot represent are transliterated (toLatin9). */
export function encodeLatin9(text: string) {
  const latin9 = toLatin9(text)
  const bytes = Buffer.allocUnsafe(latin9.length)
  for (let i = 0; i < latin9.length; i++) {
    const code = latin9.charCodeAt(i)
    bytes[i] = code <= 0xff ? code : LATIN9[code]
  }
  return bytes
}

function clean(value: string | null, latin9: boolean) {
  if (value === null) return ''
  return (latin9 ? toLatin9(value) : value).replace(/[\t\r\n|]/g, ' ')
}

/** Resolves once `output` drains; rejects if it is closed first (client gone). */
function drained(output: Writable) {
  return new Promise<void>((resolve, reject) => {
    const settle = (error?: Error) => {
      output.off('drain', onDrain)
      output.off('close', onClose)
      output.off('error', settle)
      if (error) reject(error)
      else resolve()
    }
    const onDrain = () => settle()
    const onClose = () => settle(new Error('FEC export: output closed before the end'))
    output.on('drain', onDrain)
    output.on('close', onClose)
    output.on('error', settle)
  })
}

async function send(output: Writable, chunk: Buffer) {
  if (output.destroyed) throw new Error('FEC export: output closed before the end')
  if (!output.write(chunk)) await drained(output)
}

/**
 * Writes the FEC of a fiscal year to `output` from its lines (a LedgerLines report built with
 * `fecLines`: validated entries, in validation order): tab-separated, header line, dates
 * AAAAMMJJ, decimal comma, CRLF, ISO-8859-15 by default. Streams: memory does not grow with
 * the ledger. Does not end `output`.
 */
export async function writeFec(
  output: Writable,
  fecLines: AsyncIterable<LedgerLineRow>,
  encoding: 'iso-8859-15' | 'utf-8' = 'iso-8859-15'
) {
  const latin9 = encoding !== 'utf-8'
  const encode = (text: string) => (latin9 ? encodeLatin9(text) : Buffer.from(text, 'utf8'))
  let buffer = `${FEC_COLUMNS.join('\t')}\r\n`
  let lines = 0
  for await (const row of fecLines) {
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
        // PieceDate is mandatory (LPF art. A47 A-1): the entry date when the piece has none.
        formatFecDate(row.piece_date ?? row.entry_date),
        row.label ?? row.entry_label,
        toFecAmount(row.debit),
        toFecAmount(row.credit),
        row.lettering,
        formatFecDate(row.lettering_date),
        formatFecDate(row.valid_date),
        toFecAmount(row.currency_amount),
        row.currency,
      ]
        .map((value) => clean(value ?? null, latin9))
        .join('\t') + '\r\n'
    lines++
    if (buffer.length > 256 * 1024) {
      await send(output, encode(buffer))
      buffer = ''
    }
  }
  if (buffer.length > 0) await send(output, encode(buffer))
  return { lines }
}
