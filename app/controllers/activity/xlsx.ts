import type { HttpContext } from '@adonisjs/core/http'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** Sends a built workbook (response.attachment would look for a file on disk). */
export async function sendXlsx(
  response: HttpContext['response'],
  fileName: string,
  workbook: Promise<Buffer>
) {
  const body = await workbook
  response.header('Content-Type', XLSX)
  response.header('Content-Disposition', `attachment; filename="${fileName}"`)
  return response.send(body)
}
