import type { HttpContext } from '@adonisjs/core/http'
import ImportRecord from '#models/core/import_record'
import PermissionPolicy from '#policies/core/permission_policy'
import { findImport } from '#imports/registry'
import {
  commitImport,
  ImportStateError,
  previewImport,
  type ImportIssue,
} from '#imports/core/pipeline'
import { buildWorkbook } from '#support/spreadsheet/writer'
import { sendWorkbook } from '#support/downloads'
import { currentActor } from '#support/request_context'
import { importTemplate, issueColumns } from '#exports/core/imports'

/** Target of a targeted import (`?cible=` or hidden field); the definition checks it. */
function targetOf(ctx: HttpContext): string | null {
  const value = ctx.request.input('cible')
  return typeof value === 'string' && value !== '' && value.length <= 100 ? value : null
}

export default class ImportsController {
  async index({ view }: HttpContext) {
    const imports = await ImportRecord.query().orderBy('id', 'desc').limit(200)
    return view.render('pages/admin/imports/index', {
      imports,
      breadcrumbs: [{ label: 'Imports' }],
    })
  }

  private async definition({ params, bouncer, response }: HttpContext) {
    const definition = await findImport(params.kind)
    if (!definition) return response.abort('Import inconnu', 404)
    await bouncer.with(PermissionPolicy).authorize('perform', definition.permission)
    return definition
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
      ctx.session.flash('error', 'Choisissez un fichier à importer.')
      return ctx.response.redirect().back()
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
    try {
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
    } catch (error) {
      if (!(error instanceof ImportStateError)) throw error
      ctx.session.flash('error', error.message)
      return ctx.response.redirect().back()
    }
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
