import router from '@adonisjs/core/services/router'
import { guard } from '#start/routes/guard'

const ReportsController = () => import('#controllers/hr/reports_controller')
const EqualityController = () => import('#controllers/hr/equality_controller')
const EmployeesController = () => import('#controllers/hr/employees_controller')
const ContractsController = () => import('#controllers/hr/contracts_controller')
const RegisterController = () => import('#controllers/hr/register_controller')
const TimeController = () => import('#controllers/hr/time_controller')
const TrainingPlanController = () => import('#controllers/hr/training_plan_controller')
const JobReferencesController = () => import('#controllers/hr/job_references_controller')

/** Aggregates only: no name, no individual salary (board and direction may read them). */
router
  .group(() => {
    router.get('/', [ReportsController, 'home']).as('home')
    router.get('/bilan-social', [ReportsController, 'bilanSocial']).as('bilan_social')
    router
      .get('/bilan-social.xlsx', [ReportsController, 'bilanSocialExport'])
      .as('bilan_social.export')
    router
      .get('/bilan-social/impression', [ReportsController, 'bilanSocial'])
      .as('bilan_social.print')
    router.get('/egalite', [EqualityController, 'show']).as('equality')
    router.get('/egalite.xlsx', [EqualityController, 'export']).as('equality.export')
    router.get('/formation', [ReportsController, 'training']).as('training')
    router.get('/formation.xlsx', [ReportsController, 'trainingExport']).as('training.export')
    router.get('/emplois-reperes', [JobReferencesController, 'index']).as('job_references')
    router.get('/formation/actions', [TrainingPlanController, 'index']).as('training_plan')
    router
      .get('/formation/actions.xlsx', [TrainingPlanController, 'export'])
      .as('training_plan.export')
    router
      .get('/emplois-reperes.xlsx', [JobReferencesController, 'export'])
      .as('job_references.export')
  })
  .prefix('/rh')
  .as('hr')
  .use(guard('hr.aggregates'))

/** Personal data and salaries: hr and admin only. */
router
  .group(() => {
    router.get('/salaries', [EmployeesController, 'index']).as('employees')
    router.get('/salaries.xlsx', [EmployeesController, 'export']).as('employees.export')
    router.get('/salaries/:id', [EmployeesController, 'show']).as('employees.show')
    router
      .get('/salaries/:id/donnees.xlsx', [EmployeesController, 'gdprExport'])
      .as('employees.gdpr')
    router.get('/registre', [RegisterController, 'show']).as('register')
    router.get('/registre.xlsx', [RegisterController, 'export']).as('register.export')
    router.get('/temps', [TimeController, 'show']).as('time')
    router.get('/temps.xlsx', [TimeController, 'export']).as('time.export')
  })
  .where('id', router.matchers.number())
  .prefix('/rh')
  .as('hr.personal')
  .use(guard('hr.personal'))

router
  .group(() => {
    router.post('/salaries', [EmployeesController, 'store']).as('employees.store')
    router.post('/salaries/:id/contrats', [ContractsController, 'store']).as('contracts.store')
    router.post('/contrats/:id/fin', [ContractsController, 'end']).as('contracts.end')
    router.post('/salaries/:id/salaires', [ContractsController, 'salary']).as('salaries.store')
    router.post('/salaries/:id/temps', [ContractsController, 'allocate']).as('allocations.store')
    router
      .post('/contrats/:id/correction', [ContractsController, 'correct'])
      .as('contracts.correct')
    router
      .post('/registre/anonymisation', [RegisterController, 'anonymise'])
      .as('register.anonymise')
    router.post('/temps/parametres', [TimeController, 'updateSettings']).as('time.settings')
    router.post('/salaries/:id/conges', [ContractsController, 'leave']).as('leaves.store')
    router.post('/emplois-reperes', [JobReferencesController, 'store']).as('job_references.store')
    router
      .post('/formation/actions', [TrainingPlanController, 'storeAction'])
      .as('training.actions.store')
    router
      .post('/formation/sessions', [TrainingPlanController, 'storeSession'])
      .as('training.sessions.store')
    router
      .post('/formation/couts', [TrainingPlanController, 'storeCost'])
      .as('training.costs.store')
    router
      .post('/formation/financements', [TrainingPlanController, 'storeFinancing'])
      .as('training.financing.store')
    router
      .post('/salaries/:id/formations', [TrainingPlanController, 'storeParticipation'])
      .as('training.participation.store')
  })
  .where('id', router.matchers.number())
  .prefix('/rh')
  .as('hr.write')
  .use(guard('hr.write'))
