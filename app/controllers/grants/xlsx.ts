import type { HttpContext } from '@adonisjs/core/http'
import { buildWorkbook, type SheetSpec, type Row } from '#support/spreadsheet/writer'

export async function sendWorkbook(
  response: HttpContext['response'],
  fileName: string,
  sheets: Array<SheetSpec & { rows: Iterable<Row> }>
) {
  const buffer = await buildWorkbook(sheets)
  response.header(
    'Content-Type',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
  )
  response.header('Content-Disposition', `attachment; filename="${fileName}"`)
  return response.send(buffer)
}
