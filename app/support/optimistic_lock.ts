import { Exception } from '@adonisjs/core/exceptions'

export class ConflictException extends Exception {
  static status = 409
  static code = 'E_CONFLICT'

  async handle(error: this, ctx: import('@adonisjs/core/http').HttpContext) {
    ctx.session?.flashAll()
    ctx.session?.flash('error', error.message)
    return ctx.response.status(409).redirect().back()
  }
}

/**
 * Editable records carry a `version`. Call this on a row loaded FOR UPDATE with the version
 * the form was built from; the save then bumps it.
 */
export function assertVersion(row: { version: number }, expected: number | undefined) {
  if (expected !== undefined && row.version !== expected) {
    throw new ConflictException(
      "Cette fiche a été modifiée par quelqu'un d'autre pendant votre saisie. Rechargez la page pour voir sa version actuelle, puis refaites votre modification."
    )
  }
  row.version = row.version + 1
}
