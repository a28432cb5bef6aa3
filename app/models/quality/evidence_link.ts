import { EvidenceLinkSchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'
import { EVIDENCE_LINK_KINDS, type EvidenceLinkKind } from '#vocabulary/quality'
import { labelOf } from '#vocabulary/labels'

/**
 * Where each kind of record lives in Socle. The link is built when it is shown, from the kind
 * and the reference (a year or a record id), so it always opens the current record.
 */
const ROUTES: Record<EvidenceLinkKind, (reference: string) => string> = {
  ag_minutes: (reference) => `/gouvernance/seances/${encodeURIComponent(reference)}/proces-verbal`,
  training_plan: (reference) => `/rh/formation?annee=${encodeURIComponent(reference)}`,
  bilan_social: (reference) => `/rh/bilan-social?annee=${encodeURIComponent(reference)}`,
  funder_report: (reference) => `/financements/conventions/${encodeURIComponent(reference)}/bilan`,
  audit_log: (reference) => `/admin/journal?domain=${encodeURIComponent(reference)}`,
  url: (reference) => reference,
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
  get href() {
    return ROUTES[this.kind as EvidenceLinkKind](this.reference)
  }

  get kindLabel() {
    return labelOf(EVIDENCE_LINK_KINDS, this.kind)
  }

  get isExternal() {
    return this.kind === 'url'
  }
}
