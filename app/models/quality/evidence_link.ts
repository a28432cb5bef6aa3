import { EvidenceLinkSchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'
import { EVIDENCE_LINK_KINDS, type EvidenceLinkKind } from '#vocabulary/quality'
import { labelOf } from '#vocabulary/labels'
import type { PageLink } from '#support/page_link'

/**
 * The page of Socle each kind of record lives on (an external address has none). The link is
 * built when it is shown, from the kind and the reference (a year or a record id), so it always
 * opens the current record.
 */
const PAGES: Record<Exclude<EvidenceLinkKind, 'url'>, (reference: string) => PageLink> = {
  ag_minutes: (reference) => ({ route: 'governance.meetings.minutes', params: { id: reference } }),
  training_plan: (reference) => ({ route: 'hr.training', qs: { annee: reference } }),
  bilan_social: (reference) => ({ route: 'hr.bilan_social', qs: { annee: reference } }),
  funder_report: (reference) => ({ route: 'grants.grants.report', params: { id: reference } }),
  audit_log: (reference) => ({ route: 'audit.index', qs: { domain: reference } }),
}

/** What the reference of each kind must look like, with the French message when it does not. */
const REFERENCE_RULES: Record<EvidenceLinkKind, { pattern: RegExp; message: string }> = {
  ag_minutes: {
    pattern: /^\d{1,9}$/,
    message: 'la référence est le numéro de la séance (voir Gouvernance)',
  },
  training_plan: { pattern: /^\d{4}$/, message: 'la référence est une année sur 4 chiffres' },
  bilan_social: { pattern: /^\d{4}$/, message: 'la référence est une année sur 4 chiffres' },
  funder_report: {
    pattern: /^\d{1,9}$/,
    message: 'la référence est le numéro de la convention (voir Financements)',
  },
  audit_log: {
    pattern: /^[a-z]{2,20}$/,
    message: 'la référence est un domaine du journal (ex. quality)',
  },
  url: {
    pattern: /^https?:\/\/\S+$/i,
    message: 'un lien externe doit commencer par http:// ou https://',
  },
}

/** Null when the reference fits its kind, otherwise the reason (French). */
export function evidenceReferenceError(kind: EvidenceLinkKind, reference: string) {
  const rule = REFERENCE_RULES[kind]
  return rule.pattern.test(reference) ? null : `Référence invalide : ${rule.message}.`
}

export default class EvidenceLink extends compose(
  EvidenceLinkSchema,
  OrganisationScoped,
  Auditable('quality')
) {
  /** The Socle page the evidence is on; null for an external address (`reference`). */
  get page(): PageLink | null {
    return this.kind === 'url'
      ? null
      : PAGES[this.kind as Exclude<EvidenceLinkKind, 'url'>](this.reference)
  }

  get kindLabel() {
    return labelOf(EVIDENCE_LINK_KINDS, this.kind)
  }

  get isExternal() {
    return this.kind === 'url'
  }
}
