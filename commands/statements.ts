import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

export default class Statements extends BaseCommand {
  static commandName = 'statements'
  static description = 'Compte de résultat et bilan d’un exercice (JSON avec --json)'
  static options: CommandOptions = { startApp: true }

  @flags.number({ description: "Année de clôture de l'exercice", required: true })
  declare year: number

  @flags.string({
    description: 'Présentation (rapport-annuel ou anc-2018-06)',
    default: 'rapport-annuel',
  })
  declare layout: string

  @flags.number({
    description: 'Exercice dont le budget remplit la colonne budget (par défaut : le même)',
  })
  declare budgetYear?: number

  @flags.string({
    description: "Organisation (slug) ; par défaut l'organisation de démonstration",
    default: 'we-ker',
  })
  declare organisation: string

  @flags.boolean({ description: 'Sortie JSON' })
  declare json: boolean

  async run() {
    const { commandTenant } = await import('#support/command_tenant')
    const { actingAs } = await import('#support/request_context')
    const { IncomeStatement, BalanceSheet, statementToJson } =
      await import('#reports/accounting/statements')
    const tenant = await commandTenant(this.organisation, 'ace statements')
    if (!tenant) {
      this.logger.error(`Organisation introuvable : ${this.organisation}`)
      this.exitCode = 1
      return
    }
    const params = {
      year: this.year,
      layoutCode: this.layout,
      budgetYear: this.budgetYear,
    }
    try {
      const [income, balance] = await actingAs(tenant, async () => [
        await new IncomeStatement(tenant, params).build(),
        await new BalanceSheet(tenant, params).build(),
      ])
      const totals = BalanceSheet.totals(balance)
      const output = {
        income_statement: statementToJson(income),
        balance_sheet: { ...statementToJson(balance), balanced: totals.balanced },
      }
      if (this.json) {
        console.log(JSON.stringify(output, null, 2))
        return
      }
      for (const report of [output.income_statement, output.balance_sheet]) {
        this.logger.info(`${report.kind} — ${report.layout} — ${report.fiscal_year}`)
        for (const line of report.lines) {
          const amounts = line.amounts as unknown as Record<string, string | null>
          console.log(
            `${'  '.repeat(line.level - 1)}${line.label.padEnd(60)} ${Object.values(amounts)
              .map((v) => (v ?? '').padStart(14))
              .join(' ')}`
          )
        }
      }
      this.logger.info(`Bilan équilibré : ${totals.balanced ? 'oui' : 'NON'}`)
    } catch (error) {
      this.logger.error((error as Error).message)
      this.exitCode = 1
    }
  }
}
