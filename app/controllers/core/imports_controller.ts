import type { HttpContext } from '@adonisjs/core/http'
import ImportRecord from '#models/core/import_record'
import PermissionPolicy from '#policies/core/permission_policy'
import { findImport } from '#imports/registry'
import { commitImport, previewImport, type ImportIssue } from '#imports/core/pipeline'
import { buildWorkbook } from '#support/spreadsheet/writer'
import { sendWorkbook } from '#http/downloads'
import { currentActor } from '#support/request_context'
import { NotFoundError, RuleError } from '#support/domain_errors'
import { importTemplate, issueColumns } from '#exports/core/imports'

/** Target of a targeted import (`?cible=` or hidden field); the definition checks it. */
function targetOf(ctx: HttpContext): string | null {
  const value = ctx.request.input('cible')
  return typeof value === 'string' && value !== '' && value.length <= 100 ? value : null
}

/**
 * The import kind of the route, if the user may run it. The upload middleware calls it before
 * reading the file (start/routes/core.ts); the actions call it again.
 */
export async function authorizeImportKind({ params, bouncer }: HttpContext) {
  const definition = await findImport(params.kind)
  if (!definition) throw new NotFoundError('Import inconnu.')
  await bouncer.with(PermissionPolicy).authorize('perform', definition.permission)
  return definition
}

export default class ImportsController {
  async index({ view }: HttpContext) {
    const imports = await ImportRecord.query().orderBy('id', 'desc').limit(200)
    return view.render('pages/admin/imports/index', {
      imports,
      breadcrumbs: [{ label: 'Imports' }],
    })
  }

  private definition(ctx: HttpContext) {
    return authorizeImportKind(ctx)
  }

  async create(ctx: HttpContext) {
    const definition = await this.definition(ctx)
    return ctx.view.render('pages/imports/create', {
      definition,
      target: targetOf(ctx),
      breadcrumbs: [{ label: definition.label }],
    })
  }

  async template(ctx: HttpContext) {
    const definition = await this.definition(ctx)
    sendWorkbook(ctx.response, `modele-${definition.kind}.xlsx`, await importTemplate(definition))
  }

  async preview(ctx: HttpContext) {
    const definition = await this.definition(ctx)
    const file = ctx.request.file('fichier')
    if (!file || !file.tmpPath) {
      throw new RuleError('Choisissez un fichier à importer.', { field: 'fichier' })
    }
    const outcome = await previewImport(
      definition,
      { path: file.tmpPath, fileName: file.clientName },
      currentActor()!,
      targetOf(ctx)
    )
    return ctx.view.render('pages/imports/preview', {
      definition,
      ...outcome,
      breadcrumbs: [{ label: definition.label }],
    })
  }

  async commit(ctx: HttpContext) {
    const definition = await this.definition(ctx)
    const target = targetOf(ctx)
    const outcome = await commitImport(definition, Number(ctx.params.id), currentActor()!, target)
    if (outcome.issues.length) {
      return ctx.view.render('pages/imports/preview', {
        definition,
        ...outcome,
        breadcrumbs: [{ label: definition.label }],
      })
    }
    ctx.session.flash('success', `Import enregistré : ${outcome.summary}`)
    const redirectTo =
      typeof definition.redirectTo === 'function'
        ? definition.redirectTo(target)
        : definition.redirectTo
    return ctx.response.redirect(redirectTo ?? '/admin/imports')
  }

  async issues(ctx: HttpContext) {
    const definition = await this.definition(ctx)
    const record = await ImportRecord.query()
      .where('id', ctx.params.id)
      .where('kind', definition.kind)
      .firstOrFail()
    const issues: ImportIssue[] = record.errors ?? []
    const workbook = await buildWorkbook([
      { name: 'Erreurs', columns: issueColumns, rows: issues.map((issue) => ({ ...issue })) },
    ])
    return sendWorkbook(ctx.response, `erreurs-import-${record.id}.xlsx`, workbook)
  }
}
