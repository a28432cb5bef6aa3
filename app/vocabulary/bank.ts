import { vocabularies } from '#vocabulary/labels'

/**
 * The bank domain's enumerations (issue #18): statement formats, how a match was made and
 * what it ties a bank operation to. The CHECKs of migration 9600 read the codes.
 */
export const { STATEMENT_FORMATS, MATCH_ORIGINS, MATCH_TARGETS, CSV_SEPARATORS, CSV_DATE_FORMATS } =
  vocabularies({
    STATEMENT_FORMATS: {
      camt053: 'CAMT.053 (ISO 20022)',
      ofx: 'OFX',
      csv: 'CSV',
    },
    /** How a match was made: a proposal accepted (one by one or all unambiguous ones), or by hand. */
    MATCH_ORIGINS: {
      proposal: 'Proposition acceptée',
      manual: 'Rapprochement manuel',
    },
    /** What a matched bank operation is tied to. */
    MATCH_TARGETS: {
      entry_line: 'Ligne du grand livre',
      grant_receipt: 'Encaissement de subvention',
      grant_instalment: 'Échéance de subvention',
    },
    CSV_SEPARATORS: {
      semicolon: 'Point-virgule (;)',
      comma: 'Virgule (,)',
      tab: 'Tabulation',
    },
    CSV_DATE_FORMATS: {
      'dd/MM/yyyy': 'jj/mm/aaaa',
      'yyyy-MM-dd': 'aaaa-mm-jj',
      'dd-MM-yyyy': 'jj-mm-aaaa',
    },
  })
