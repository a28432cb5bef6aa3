import router from '@adonisjs/core/services/router'
import type { Permission } from '#policies/role_matrix'

/** The domains in the header, each shown only to the roles that may read it. */
const DOMAINS: Array<{ label: string; href: string; permission: Permission }> = [
  { label: 'Accueil', href: '/', permission: 'dashboard.view' },
  { label: 'Comptabilité', href: '/comptabilite', permission: 'accounting.read' },
  { label: 'Financements', href: '/financements', permission: 'grants.read' },
  { label: 'Ressources humaines', href: '/rh', permission: 'hr.aggregates' },
  { label: 'Gouvernance', href: '/gouvernance', permission: 'governance.read' },
  { label: 'Qualité', href: '/qualite', permission: 'quality.read' },
  { label: 'Activité', href: '/activite', permission: 'activity.read' },
  { label: 'Rapprochements', href: '/rapprochements', permission: 'reconciliation.read' },
  { label: 'Administration', href: '/admin/utilisateurs', permission: 'admin.users' },
]

let available: typeof DOMAINS | undefined

/** Only the domains whose home page exists in this build. */
export function navigation() {
  available ??= DOMAINS.filter((entry) => router.match(entry.href, 'GET', false) !== null)
  return available
}
