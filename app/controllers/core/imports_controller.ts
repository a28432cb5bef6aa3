import type { HttpContext } from '@adonisjs/core/http'
import { commitImport, previewImport } from '#imports/core/pipeline'
import { RuleError } from '#support/domain_errors'
import { ImportsList } from '#reports/core/imports_list'
import { IMPORT_STATUSES } from '#vocabulary/core'
import { authorizeImportKind, committedRedirect, targetOf } from '#controllers/core/import_kind'

export default class ImportsController {
  async index({ view, tenant }: HttpContext) {
    const { imports } = await new ImportsList(tenant!, {}).build()
    return view.render('pages/admin/imports/index', {
      imports,
      statuses: IMPORT_STATUSES,
      breadcrumbs: [{ label: 'Imports' }],
    })
  }

  async create(ctx: HttpContext) {
    const definition = await authorizeImportKind(ctx)
    return ctx.view.render('pages/imports/create', {
      definition,
      target: targetOf(ctx),
      breadcrumbs: [{ label: definition.label }],
    })
  }

  async preview(ctx: HttpContext) {
    const definition = await authorizeImportKind(ctx)
    const file = ctx.request.file('fichier')
    if (!file || !file.tmpPath) {
      throw new RuleError('Choisissez un fichier à importer.', { field: 'fichier' })
    }
    const outcome = await previewImport(
      definition,
      { path: file.tmpPath, fileName: file.clientName },
      ctx.tenant!,
      targetOf(ctx)
    )
    return ctx.view.render('pages/imports/preview', {
      definition,
      ...outcome,
      breadcrumbs: [{ label: definition.label }],
    })
  }

  async commit(ctx: HttpContext) {
    const definition = await authorizeImportKind(ctx)
    const target = targetOf(ctx)
    const outcome = await commitImport(definition, Number(ctx.params.id), ctx.tenant!, target)
    if (outcome.issues.length) {
      return ctx.view.render('pages/imports/preview', {
        definition,
        ...outcome,
        breadcrumbs: [{ label: definition.label }],
      })
    }
    ctx.session.flash('success', `Import enregistré : ${outcome.summary}`)
    const redirectTo = committedRedirect(definition, target)
    if (redirectTo) return ctx.response.redirect(redirectTo)
    return ctx.response.redirect().toRoute('imports.index')
  }
}
