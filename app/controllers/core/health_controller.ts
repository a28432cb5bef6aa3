import type { HttpContext } from '@adonisjs/core/http'
import { databaseHealth } from '#reports/core/database_health'

export default class HealthController {
  async show({ response }: HttpContext) {
    const database = await databaseHealth()
    if (database.status === 'ok') return response.ok({ status: 'ok', app: 'ok', database })
    return response.serviceUnavailable({ status: 'error', app: 'ok', database })
  }
}
