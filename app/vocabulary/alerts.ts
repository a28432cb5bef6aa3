import { vocabularies } from '#vocabulary/labels'

/**
 * The vocabulary of alerts (issue #17): what the alert job watches and how often a person
 * wants the e-mail digest. Read by the job, the pages, the validators and the CHECKs of
 * migration 9750.
 */
export const { ALERT_KINDS, DIGEST_FREQUENCIES } = vocabularies({
  /** What an alert is about; each kind is computed by one query of `DueItems`. */
  ALERT_KINDS: {
    funder_report: 'Bilan à remettre au financeur',
    balance_request: 'Demande de solde',
    instalment: 'Versement non reçu',
    mandate_end: 'Fin de mandat',
    criterion_late: 'Critère du label en retard',
    accounts_approval: 'Comptes non approuvés',
    import_preview: 'Import laissé en aperçu',
  },
  /** How often a person receives the digest of their open alerts. */
  DIGEST_FREQUENCIES: {
    daily: 'Chaque jour',
    weekly: 'Chaque semaine (le premier passage de la semaine)',
    never: 'Jamais',
  },
})

export type AlertKind = keyof typeof ALERT_KINDS
export type DigestFrequency = keyof typeof DIGEST_FREQUENCIES

/** A person who has not chosen receives the weekly digest. */
export const DEFAULT_DIGEST_FREQUENCY: DigestFrequency = 'weekly'

/** How far ahead a reporting deadline becomes an alert ("à échéance sous 30 jours"). */
export const ALERT_DEADLINE_DAYS = 30

/** How far ahead a mandate's end becomes an alert. */
export const ALERT_MANDATE_DAYS = 90

/** Months after a closed year's end by which its accounts must be approved by the AG. */
export const ACCOUNTS_APPROVAL_MONTHS = 6
