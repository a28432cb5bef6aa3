import type { HttpContext } from '@adonisjs/core/http'
import { openApiDocument } from '#http/api/openapi'

/** GET /api/v1/openapi.json: the API's description, public (see app/http/api/openapi.ts). */
export default class ApiOpenApiController {
  async show({ response }: HttpContext) {
    response.header('Cache-Control', 'public, max-age=300')
    return response.json(openApiDocument())
  }
}
