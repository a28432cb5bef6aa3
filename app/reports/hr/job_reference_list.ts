import JobReference from '#models/hr/job_reference'
import { Report } from '#support/report'

/** The organisation's emplois repères, in their order. */
export default class JobReferenceList extends Report<Record<string, never>, JobReference[]> {
  build() {
    return JobReference.query().orderBy('position').orderBy('label')
  }
}
