import env from '#start/env'

/** Settings of the quality domain (labellisation evidence). */
export default {
  /** Largest evidence file accepted, in bytes (QUALITY_EVIDENCE_MAX_MB, 20 MB by default). */
  evidenceMaxBytes: (env.get('QUALITY_EVIDENCE_MAX_MB') ?? 20) * 1024 * 1024,
}
