/** Progress of an import pass, throttled so that `tick` is cheap enough to call on every line. */
export interface FecProgress {
  phase: 'vérification' | 'import'
  done: number
  total: number
}

export type ProgressListener = (progress: FecProgress) => void | Promise<void>

const PROGRESS_EVERY_LINES = 20_000
const PROGRESS_EVERY_MS = 500

export class ProgressMeter {
  private lastLines = 0
  private lastTime = Date.now()
  constructor(
    private listener: ProgressListener | undefined,
    private phase: FecProgress['phase'],
    private total: number,
    private every = PROGRESS_EVERY_LINES
  ) {}

  async start() {
    await this.listener?.({ phase: this.phase, done: 0, total: this.total })
  }

  /**
   * Reports every `every` lines, or every 500 ms (the clock read once per 1024 lines). Returns a
   * promise only when it reports, so that a caller awaits once per report, not once per line.
   */
  tick(lines: number, done: number): Promise<void> | undefined {
    if (!this.listener) return
    if (lines - this.lastLines < this.every) {
      if ((lines & 1023) !== 0 || Date.now() - this.lastTime < PROGRESS_EVERY_MS) return
    }
    this.lastLines = lines
    this.lastTime = Date.now()
    return Promise.resolve(
      this.listener({ phase: this.phase, done: Math.min(done, this.total), total: this.total })
    )
  }

  async end() {
    await this.listener?.({ phase: this.phase, done: this.total, total: this.total })
  }
}
