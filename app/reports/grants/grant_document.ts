import GrantDocument from '#models/grants/grant_document'
import { Report } from '#support/report'

/** A document of a convention, for its download. */
export class GrantDocumentFile extends Report<
  { grantId: number; documentId: number },
  GrantDocument
> {
  build() {
    return GrantDocument.query()
      .where('id', this.params.documentId)
      .where('grantId', this.params.grantId)
      .firstOrFail()
  }
}
