import { guard } from '#start/routes/guard'
import { routeTable } from '#start/routes/table'
import qualityConfig from '#config/quality'

routeTable(
  {
    controllers: 'quality',
    numbers: ['id'],
    prefix: '/qualite',
    as: 'quality',
    use: guard('quality.read'),
  },
  `
  GET  /                  score               score.show
  GET  /impression        score.print         score.show
  GET  /score.xlsx        score.export        score.export
  GET  /criteres          criteria.index      criteria.index
  GET  /criteres.xlsx     criteria.export     criteria.export
  GET  /historique.xlsx   history.export      criteria.history
  GET  /referentiel.xlsx  referential.export  criteria.referential
  GET  /criteres/:id      criteria.show       criteria.show
  GET  /preuves/:id       evidence.download   evidence.download
  GET  /plan              plan.index          plan.index
  GET  /plan.xlsx         plan.export         plan.export
  `
)

routeTable(
  {
    controllers: 'quality',
    prefix: '/qualite',
    as: 'quality',
    use: guard('quality.write'),
    upload: { maxBytes: qualityConfig.evidenceMaxBytes },
  },
  `
  PUT     /referentiels/:id          referentials.update    referentials.update
  PUT     /criteres/:id              criteria.update        criteria.update
  POST    /criteres/:id/preuves      evidence.upload        evidence.upload            upload
  DELETE  /preuves/:id               evidence.destroy       evidence.destroyFile
  POST    /criteres/:id/liens        links.store            evidence.storeLink
  DELETE  /liens/:id                 links.destroy          evidence.destroyLink
  POST    /plan                      plan.store             plan.storePlan
  POST    /plan/axes                 plan.axes.store        plan.storeAxis
  POST    /plan/axes/:id/criteres    plan.axes.criteria     plan.linkCriterion
  POST    /plan/groupes              plan.groups.store      plan_items.storeGroup
  POST    /plan/groupes/:id/membres  plan.members.store     plan_items.storeMember
  POST    /plan/actions              plan.actions.store     plan_items.storeAction
  PUT     /plan/actions/:id          plan.actions.update    plan_items.updateAction
  POST    /plan/actions/:id/jalons   plan.milestones.store  plan_items.storeMilestone
  PUT     /plan/jalons/:id           plan.milestones.reach  plan_items.reachMilestone
  // Corrections: axes and groups edited; any item deleted, or archived when linked.
  PUT     /plan/axes/:id                plan.axes.update          plan_corrections.updateAxis
  PUT     /plan/groupes/:id             plan.groups.update        plan_corrections.updateGroup
  DELETE  /plan/axes/:id                plan.axes.destroy         plan_corrections.destroyAxis
  DELETE  /plan/groupes/:id             plan.groups.destroy       plan_corrections.destroyGroup
  DELETE  /plan/actions/:id             plan.actions.destroy      plan_corrections.destroyAction
  DELETE  /plan/jalons/:id              plan.milestones.destroy   plan_corrections.destroyMilestone
  POST    /plan/axes/:id/archivage      plan.axes.archive         plan_corrections.archiveAxis
  POST    /plan/groupes/:id/archivage   plan.groups.archive       plan_corrections.archiveGroup
  POST    /plan/actions/:id/archivage   plan.actions.archive      plan_corrections.archiveAction
  POST    /plan/jalons/:id/archivage    plan.milestones.archive   plan_corrections.archiveMilestone
  `
)
