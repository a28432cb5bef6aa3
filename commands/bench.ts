import { BaseCommand, args } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { readdir } from 'node:fs/promises'
import { pathToFileURL } from 'node:url'

export interface BenchResult {
  name: string
  /** Measured value of the application. */
  value: number
  /** Same work done the plainest way, measured in the same run. */
  baseline: number
  /** value / baseline (lower is better); compared with `target` when given. */
  ratio: number
  unit: string
  target?: number
  note?: string
}

export interface BenchContext {
  db: typeof import('@adonisjs/lucid/services/db').default
  organisationId: number
  /** 1 by default; BENCH_SCALE=0.01 runs every benchmark on 1 % of its data. */
  scale: number
}

/**
 * Runs every bench/*.bench.ts on a throwaway database (NODE_ENV=test) and prints each result as
 * a ratio against its baseline measured in the same run. Never a pass/fail on time in tests.
 */
export default class Bench extends BaseCommand {
  static commandName = 'bench'
  static description =
    'Mesure les performances (ratios contre une référence mesurée dans le même passage)'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Filtre sur le nom du fichier', required: false })
  declare filter?: string

  async run() {
    const { default: db } = await import('@adonisjs/lucid/services/db')
    const { default: testUtils } = await import('@adonisjs/core/services/test_utils')
    const { default: Organisation } = await import('#models/core/organisation')
    await testUtils.db().migrate()
    const organisation = await Organisation.create({
      name: 'Banc d’essai',
      slug: `bench-${Date.now()}`,
    })
    const scale = Number(process.env.BENCH_SCALE ?? 1)
    const folder = this.app.makePath('bench')
    const files = (await readdir(folder)).filter(
      (file) => file.endsWith('.bench.ts') && (!this.filter || file.includes(this.filter))
    )
    const results: Array<BenchResult & { file: string }> = []
    for (const file of files.sort()) {
      this.logger.info(`${file}…`)
      const bench = await import(pathToFileURL(`${folder}/${file}`).href)
      const started = Date.now()
      const produced: BenchResult[] = await bench.default({
        db,
        organisationId: organisation.id,
        scale,
      })
      for (const result of produced) results.push({ ...result, file })
      this.logger.info(`${file} terminé en ${((Date.now() - started) / 1000).toFixed(1)} s`)
    }
    const table = this.ui.table()
    table.head(['Mesure', 'Application', 'Référence', 'Ratio', 'Objectif'])
    for (const result of results) {
      const ok = result.target === undefined || result.ratio <= result.target
      table.row([
        result.name,
        `${result.value.toFixed(2)} ${result.unit}`,
        `${result.baseline.toFixed(2)} ${result.unit}`,
        this.colors[ok ? 'green' : 'red'](`${result.ratio.toFixed(2)}x`),
        result.target === undefined ? '—' : `≤ ${result.target}x`,
      ])
    }
    table.render()
    for (const result of results.filter((r) => r.note))
      this.logger.info(`${result.name} : ${result.note}`)
  }
}
