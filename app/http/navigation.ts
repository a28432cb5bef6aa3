import router from '@adonisjs/core/services/router'
import type { Permission } from '#policies/role_matrix'
import type { PageName } from '#support/page_link'
import { pageUrl } from '#http/page_url'

/** The domains in the header, each shown only to the roles that may read it. */
const DOMAINS: Array<{ label: string; route: PageName; permission: Permission }> = [
  { label: 'Accueil', route: 'home', permission: 'dashboard.view' },
  { label: 'Comptabilité', route: 'accounting.home', permission: 'accounting.read' },
  { label: 'Financements', route: 'grants.dashboard', permission: 'grants.read' },
  { label: 'Trésorerie', route: 'treasury.forecast.show', permission: 'treasury.read' },
  { label: 'Banque', route: 'bank.accounts.index', permission: 'bank.read' },
  { label: 'Ressources humaines', route: 'hr.home', permission: 'hr.aggregates' },
  { label: 'Gouvernance', route: 'governance.index', permission: 'governance.read' },
  { label: 'Qualité', route: 'quality.score', permission: 'quality.read' },
  { label: 'Activité', route: 'activity.key_figures', permission: 'activity.read' },
  { label: 'Rapport annuel', route: 'annual_report.show', permission: 'annual_report.read' },
  { label: 'Rapprochements', route: 'reconciliation.index', permission: 'reconciliation.read' },
  { label: 'Administration', route: 'users.index', permission: 'admin.users' },
  { label: 'Réseau', route: 'network.index', permission: 'network.read' },
  {
    label: 'Instance',
    route: 'instance.organisations.index',
    permission: 'instance.organisations',
  },
]

let available: Array<{ label: string; href: string; permission: Permission }> | undefined

/** Only the domains whose home page exists in this build. */
export function navigation() {
  available ??= DOMAINS.filter((entry) => router.has(entry.route)).map(({ route, ...entry }) => ({
    ...entry,
    href: pageUrl({ route }),
  }))
  return available
}
