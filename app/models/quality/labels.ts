/**
 * The quality vocabulary now lives in #vocabulary/quality (its only definition); these
 * type re-exports remain for database/seeders/quality.ts, which imports them from here.
 */
export type {
  ActionStatus,
  AssessmentStatus,
  AxisKind,
  EvidenceLinkKind,
} from '#vocabulary/quality'
