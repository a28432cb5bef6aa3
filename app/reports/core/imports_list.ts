import ImportRecord from '#models/core/import_record'
import { Report } from '#support/report'
import type { ImportIssue } from '#imports/core/pipeline'

/** The 200 latest imports of the acting organisation, newest first. */
export class ImportsList extends Report<{ limit?: number }, { imports: ImportRecord[] }> {
  async build() {
    const imports = await ImportRecord.query()
      .orderBy('id', 'desc')
      .limit(this.params.limit ?? 200)
    return { imports }
  }
}

/** The refused lines of one import of a kind (the Excel list of errors). */
export class ImportIssues extends Report<
  { id: number; kind: string },
  { record: ImportRecord; issues: ImportIssue[] }
> {
  async build() {
    const record = await ImportRecord.query()
      .where('id', this.params.id)
      .where('kind', this.params.kind)
      .firstOrFail()
    const issues: ImportIssue[] = record.errors ?? []
    return { record, issues }
  }
}
