import { preparedRows } from '#support/prepared_query'
import { FEC_IMPORT_KIND } from '#imports/accounting/fec/index'
import type { Permission } from '#policies/role_matrix'
import { Report } from '#support/report'

/** One step of a new organisation's start, ticked from its data. */
export interface GettingStartedStep {
  key: string
  label: string
  /** What to do, and how the step is ticked. */
  help: string
  done: boolean
  /** The page where it is done: a route name and its params (links are built by the view). */
  route: string
  params: Record<string, string | number>
  /** Who may do it (the link is shown to them only). */
  permission: Permission
}

export interface GettingStartedData {
  steps: GettingStartedStep[]
  done: number
  /** Every step is done: the home page shows no checklist. */
  complete: boolean
}

type Ticks = Record<
  'fiscal_years' | 'opening_balances' | 'staff' | 'funding' | 'governance' | 'referential',
  boolean
>

/** What exists, in one round trip: one EXISTS per step, each on an organisation_id index. */
const TICKS_SQL = `
  SELECT
    EXISTS (SELECT 1 FROM fiscal_years WHERE organisation_id = :org) AS fiscal_years,
    (EXISTS (SELECT 1 FROM entries e
               JOIN journals j ON j.organisation_id = e.organisation_id AND j.id = e.journal_id
              WHERE e.organisation_id = :org AND j.code = 'AN')
     OR EXISTS (SELECT 1 FROM imports
                 WHERE organisation_id = :org AND kind = :fecKind AND status = 'committed'))
      AS opening_balances,
    EXISTS (SELECT 1 FROM employees WHERE organisation_id = :org) AS staff,
    (EXISTS (SELECT 1 FROM funders WHERE organisation_id = :org)
     AND EXISTS (SELECT 1 FROM grants WHERE organisation_id = :org)) AS funding,
    (EXISTS (SELECT 1 FROM colleges WHERE organisation_id = :org)
     AND EXISTS (SELECT 1 FROM member_bodies WHERE organisation_id = :org)) AS governance,
    EXISTS (SELECT 1 FROM referentials WHERE organisation_id = :org) AS referential`

/**
 * The getting-started checklist of a new organisation's home page: each step links to the
 * page where it is done and is ticked from the data (never from a "done" button), so that it
 * stays true whoever did the work and however (screen, import, command).
 */
export class GettingStarted extends Report<Record<string, never>, GettingStartedData> {
  async build() {
    // Prepared: the home page asks at every view (ADR 12).
    const [ticks] = await preparedRows<Ticks>(TICKS_SQL, {
      org: this.tenant.organisationId,
      fecKind: FEC_IMPORT_KIND,
    })
    const steps: GettingStartedStep[] = [
      {
        key: 'fiscal_years',
        label: 'Ouvrir les exercices comptables',
        help: 'L’exercice en cours, et le précédent pour reprendre ses soldes.',
        done: ticks.fiscal_years,
        route: 'accounting.home',
        params: {},
        permission: 'accounting.write',
      },
      {
        key: 'opening_balances',
        label: 'Reprendre les soldes d’ouverture',
        help: 'Importer le FEC de l’exercice précédent, ou saisir les à-nouveaux (journal AN).',
        done: ticks.opening_balances,
        route: 'accounting.fec.imports.create',
        params: {},
        permission: 'accounting.write',
      },
      {
        key: 'staff',
        label: 'Importer la liste du personnel',
        help: 'Salariés et contrats, depuis un classeur Excel ou un fichier CSV.',
        done: ticks.staff,
        route: 'imports.create',
        params: { kind: 'rh.salaries' },
        permission: 'hr.write',
      },
      {
        key: 'funding',
        label: 'Enregistrer les financeurs et les conventions',
        help: 'Au moins un financeur et une convention de subvention.',
        done: ticks.funding,
        route: 'grants.funders.index',
        params: {},
        permission: 'grants.write',
      },
      {
        key: 'governance',
        label: 'Décrire les collèges et les membres',
        help: 'Les collèges du conseil d’administration et les membres qui y siègent.',
        done: ticks.governance,
        route: 'governance.members.index',
        params: {},
        permission: 'governance.write',
      },
      {
        key: 'referential',
        label: 'Importer le référentiel de labellisation',
        help: 'Le référentiel en vigueur, ses thèmes et ses critères.',
        done: ticks.referential,
        route: 'imports.create',
        params: { kind: 'quality.referential' },
        permission: 'quality.write',
      },
    ]
    const done = steps.filter((step) => step.done).length
    return { steps, done, complete: done === steps.length }
  }
}
