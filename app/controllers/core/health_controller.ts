import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'

export default class HealthController {
  async show({ response }: HttpContext) {
    const started = process.hrtime.bigint()
    try {
      await db.rawQuery('SELECT 1')
      const latencyMs = Number(process.hrtime.bigint() - started) / 1e6
      return response.ok({ status: 'ok', app: 'ok', database: { status: 'ok', latencyMs } })
    } catch {
      return response.serviceUnavailable({
        status: 'error',
        app: 'ok',
        database: { status: 'error' },
      })
    }
  }
}
