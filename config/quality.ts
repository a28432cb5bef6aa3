/** Settings of the quality domain (labellisation evidence). */
const megabytes = Number(process.env.QUALITY_EVIDENCE_MAX_MB ?? 20)

export default {
  /** Largest evidence file accepted, in bytes (QUALITY_EVIDENCE_MAX_MB, 20 MB by default). */
  evidenceMaxBytes: (Number.isFinite(megabytes) && megabytes > 0 ? megabytes : 20) * 1024 * 1024,
}
