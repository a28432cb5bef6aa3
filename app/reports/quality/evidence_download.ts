import Criterion from '#models/quality/criterion'
import EvidenceFile from '#models/quality/evidence_file'
import { Report } from '#support/report'

/** An evidence file and its criterion, for the download (the policy reads both). */
export class EvidenceDownload extends Report<
  { id: number },
  { evidence: EvidenceFile; criterion: Criterion }
> {
  async build() {
    const evidence = await EvidenceFile.findOrFail(this.params.id)
    const criterion = await Criterion.findOrFail(evidence.criterionId)
    return { evidence, criterion }
  }
}
