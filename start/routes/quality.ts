import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { guard } from '#start/routes/guard'
import qualityConfig from '#config/quality'

const ScoreController = () => import('#controllers/quality/score_controller')
const CriteriaController = () => import('#controllers/quality/criteria_controller')
const EvidenceController = () => import('#controllers/quality/evidence_controller')
const PlanController = () => import('#controllers/quality/plan_controller')
const PlanItemsController = () => import('#controllers/quality/plan_items_controller')
const ReferentialsController = () => import('#controllers/quality/referentials_controller')

router
  .group(() => {
    router.get('/', [ScoreController, 'show']).as('score')
    router.get('/impression', [ScoreController, 'show']).as('score.print')
    router.get('/score.xlsx', [ScoreController, 'export']).as('score.export')
    router.get('/criteres', [CriteriaController, 'index']).as('criteria.index')
    router.get('/criteres.xlsx', [CriteriaController, 'export']).as('criteria.export')
    router.get('/historique.xlsx', [CriteriaController, 'history']).as('history.export')
    router.get('/referentiel.xlsx', [CriteriaController, 'referential']).as('referential.export')
    router.get('/criteres/:id', [CriteriaController, 'show']).as('criteria.show')
    router.get('/preuves/:id', [EvidenceController, 'download']).as('evidence.download')
    router.get('/plan', [PlanController, 'index']).as('plan.index')
    router.get('/plan.xlsx', [PlanController, 'export']).as('plan.export')
  })
  .where('id', router.matchers.number())
  .prefix('/qualite')
  .as('quality')
  .use(guard('quality.read'))

router
  .group(() => {
    router.put('/referentiels/:id', [ReferentialsController, 'update']).as('referentials.update')
    router.put('/criteres/:id', [CriteriaController, 'update']).as('criteria.update')
    router
      .post('/criteres/:id/preuves', [EvidenceController, 'upload'])
      .as('evidence.upload')
      .use(middleware.upload({ maxBytes: qualityConfig.evidenceMaxBytes }))
    router.delete('/preuves/:id', [EvidenceController, 'destroyFile']).as('evidence.destroy')
    router.post('/criteres/:id/liens', [EvidenceController, 'storeLink']).as('links.store')
    router.delete('/liens/:id', [EvidenceController, 'destroyLink']).as('links.destroy')
    router.post('/plan', [PlanController, 'storePlan']).as('plan.store')
    router.post('/plan/axes', [PlanController, 'storeAxis']).as('plan.axes.store')
    router
      .post('/plan/axes/:id/criteres', [PlanController, 'linkCriterion'])
      .as('plan.axes.criteria')
    router.post('/plan/groupes', [PlanItemsController, 'storeGroup']).as('plan.groups.store')
    router
      .post('/plan/groupes/:id/membres', [PlanItemsController, 'storeMember'])
      .as('plan.members.store')
    router.post('/plan/actions', [PlanItemsController, 'storeAction']).as('plan.actions.store')
    router.put('/plan/actions/:id', [PlanItemsController, 'updateAction']).as('plan.actions.update')
    router
      .post('/plan/actions/:id/jalons', [PlanItemsController, 'storeMilestone'])
      .as('plan.milestones.store')
    router
      .put('/plan/jalons/:id', [PlanItemsController, 'reachMilestone'])
      .as('plan.milestones.reach')
  })
  .prefix('/qualite')
  .as('quality')
  .use(guard('quality.write'))
