import { PassThrough } from 'node:stream'
import { streamWorkbook, type ColumnSpec } from '#support/spreadsheet/writer'
import { col } from '#support/spreadsheet/columns'

export const auditColumns: ColumnSpec[] = [
  col.date('Date', 'createdAt'),
  col.text('Heure', 'time', 10),
  col.text('Auteur', 'actor'),
  col.text('Domaine', 'domain', 14),
  col.text('Action', 'action', 12),
  col.text('Objet', 'subject'),
  col.text('Résumé', 'summary', 50),
  col.text('Avant', 'before', 60),
  col.text('Après', 'after', 60),
  col.text('Requête', 'requestId'),
]

/**
 * The journal as a streamed workbook (it can hold hundreds of thousands of events): the
 * returned stream is the response body; a failure midway destroys it.
 */
export function auditLogStream(rows: Parameters<typeof streamWorkbook>[2]) {
  const output = new PassThrough()
  streamWorkbook(output, { name: "Journal d'audit", columns: auditColumns }, rows).catch((error) =>
    output.destroy(error)
  )
  return output
}
