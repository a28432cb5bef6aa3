import type { HttpContext } from '@adonisjs/core/http'
import PermissionPolicy from '#policies/core/permission_policy'
import { findImport } from '#imports/registry'
import type { ImportDefinition } from '#imports/core/pipeline'
import { NotFoundError } from '#support/domain_errors'
import { pageUrl } from '#http/page_url'

/** Target of a targeted import (`?cible=` or hidden field); the definition checks it. */
export function targetOf(ctx: HttpContext): string | null {
  const value = ctx.request.input('cible')
  return typeof value === 'string' && value !== '' && value.length <= 100 ? value : null
}

/**
 * The import kind of the route, if the user may run it. The upload middleware calls it before
 * reading the file (start/routes/core.ts); the controllers call it again.
 */
export async function authorizeImportKind({ params, bouncer }: HttpContext) {
  const definition = await findImport(params.kind)
  if (!definition) throw new NotFoundError('Import inconnu.')
  await bouncer.with(PermissionPolicy).authorize('perform', definition.permission)
  return definition
}

/** Where a committed import leads, when its definition says (else the list of imports). */
export function committedRedirect(
  definition: Pick<ImportDefinition<unknown>, 'redirectTo'>,
  target: string | null
) {
  const redirectTo = definition.redirectTo
  const page = typeof redirectTo === 'function' ? redirectTo(target) : redirectTo
  return page ? pageUrl(page) : null
}
