import { codesOf, vocabularies } from '#vocabulary/labels'

/**
 * The sections of a meeting's board pack (dossier du conseil), in their default order; a
 * meeting keeps the ones it shows, in its own order (table board_packs, migration 9800).
 */
export const { BOARD_PACK_SECTIONS } = vocabularies({
  BOARD_PACK_SECTIONS: {
    cover: 'Page de couverture',
    agenda: 'Ordre du jour',
    income_statement: 'Compte de résultat',
    balance_sheet: 'Bilan',
    budget: 'Budget et réalisé',
    grants: 'Financements et fonds dédiés',
    activity: 'Chiffres clés de l’activité',
    hr: 'Ressources humaines',
    governance: 'Gouvernance',
    label: 'Labellisation',
    reconciliation: 'Rapprochements : écarts ouverts et valeurs atypiques',
  },
})

export type BoardPackSection = keyof typeof BOARD_PACK_SECTIONS

export const BOARD_PACK_SECTION_CODES: BoardPackSection[] = codesOf(BOARD_PACK_SECTIONS)
