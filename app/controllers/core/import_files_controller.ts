import type { HttpContext } from '@adonisjs/core/http'
import { sendWorkbook } from '#http/downloads'
import { importTemplate, issuesWorkbook } from '#exports/core/imports'
import { ImportIssues } from '#reports/core/imports_list'
import { authorizeImportKind } from '#controllers/core/import_kind'

/** The workbooks of an import kind: its empty template, and the refused lines of one import. */
export default class ImportFilesController {
  async template(ctx: HttpContext) {
    const definition = await authorizeImportKind(ctx)
    sendWorkbook(ctx.response, `modele-${definition.kind}.xlsx`, await importTemplate(definition))
  }

  async issues(ctx: HttpContext) {
    const definition = await authorizeImportKind(ctx)
    const { record, issues } = await new ImportIssues(ctx.tenant!, {
      id: Number(ctx.params.id),
      kind: definition.kind,
    }).build()
    const workbook = await issuesWorkbook(issues)
    return sendWorkbook(ctx.response, `erreurs-import-${record.id}.xlsx`, workbook)
  }
}
