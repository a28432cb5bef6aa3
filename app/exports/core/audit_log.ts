import { PassThrough } from 'node:stream'
import { streamWorkbook, type ColumnSpec } from '#support/spreadsheet/writer'

export const auditColumns: ColumnSpec[] = [
  { header: 'Date', key: 'createdAt', type: 'date' },
  { header: 'Heure', key: 'time', type: 'text', width: 10 },
  { header: 'Auteur', key: 'actor', type: 'text' },
  { header: 'Domaine', key: 'domain', type: 'text', width: 14 },
  { header: 'Action', key: 'action', type: 'text', width: 12 },
  { header: 'Objet', key: 'subject', type: 'text' },
  { header: 'Résumé', key: 'summary', type: 'text', width: 50 },
  { header: 'Avant', key: 'before', type: 'text', width: 60 },
  { header: 'Après', key: 'after', type: 'text', width: 60 },
  { header: 'Requête', key: 'requestId', type: 'text' },
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
