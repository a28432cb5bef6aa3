import { vocabularies } from '#vocabulary/labels'

/**
 * The treasury domain's enumerations (cash-flow forecast, issue #18), each once with its French
 * labels. The CHECKs of migration 9650 read the codes.
 */
export const { FLOW_SOURCES, RECURRENCES, REDUCTION_KINDS, FORECAST_HORIZONS, OPENING_SOURCES } =
  vocabularies({
    /** Where a forecast flow comes from: one row of the forecast tables each. */
    FLOW_SOURCES: {
      grants: 'Versements des financeurs',
      net_pay: 'Salaires nets',
      social_charges: 'Charges sociales (URSSAF, retraite)',
      suppliers: 'Fournisseurs récurrents',
      manual: 'Opérations prévues',
    },
    /** How often a manual item comes back. */
    RECURRENCES: {
      none: 'Une seule fois',
      monthly: 'Chaque mois',
    },
    /** How a scenario reduces an instalment. */
    REDUCTION_KINDS: {
      amount: 'Montant',
      percent: 'Pourcentage',
    },
    FORECAST_HORIZONS: {
      weekly: '13 semaines',
      monthly: '12 mois',
    },
    /** Where the starting balance was read. */
    OPENING_SOURCES: {
      bank: 'relevés bancaires',
      ledger: 'comptabilité (comptes 512)',
      none: 'aucune donnée',
    },
  })

export type FlowSource = keyof typeof FLOW_SOURCES
export type Recurrence = keyof typeof RECURRENCES
export type ReductionKind = keyof typeof REDUCTION_KINDS
export type OpeningSource = keyof typeof OPENING_SOURCES
