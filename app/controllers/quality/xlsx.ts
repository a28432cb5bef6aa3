import type { HttpContext } from '@adonisjs/core/http'

/**
 * Sends a workbook built in memory. (`response.attachment()` would stream a file from disk
 * at that path instead.)
 */
export function sendXlsx(response: HttpContext['response'], fileName: string, body: Buffer) {
  response.header(
    'Content-Type',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
  )
  response.header('Content-Disposition', `attachment; filename="${fileName}"`)
  return response.send(body)
}
