import router from '@adonisjs/core/services/router'
import { guard } from '#start/routes/guard'

const KeyFiguresController = () => import('#controllers/activity/key_figures_controller')
const ValuesController = () => import('#controllers/activity/values_controller')
const ProgrammesController = () => import('#controllers/activity/programmes_controller')
const ProgrammeFormsController = () => import('#controllers/activity/programme_forms_controller')
const TerritoryFormsController = () => import('#controllers/activity/territory_forms_controller')

// Registered before the read routes so that /dispositifs/nouveau is not taken for a code.
router
  .group(() => {
    router.get('/dispositifs/nouveau', [ProgrammeFormsController, 'create']).as('programmes.create')
    router.post('/dispositifs', [ProgrammeFormsController, 'store']).as('programmes.store')
    router
      .get('/dispositifs/:id/modifier', [ProgrammeFormsController, 'edit'])
      .as('programmes.edit')
    router.put('/dispositifs/:id', [ProgrammeFormsController, 'update']).as('programmes.update')
    router
      .get('/territoires/nouveau', [TerritoryFormsController, 'create'])
      .as('territories.create')
    router.post('/territoires', [TerritoryFormsController, 'store']).as('territories.store')
    router
      .get('/territoires/:id/modifier', [TerritoryFormsController, 'edit'])
      .as('territories.edit')
    router.put('/territoires/:id', [TerritoryFormsController, 'update']).as('territories.update')
  })
  .where('id', router.matchers.number())
  .prefix('/activite')
  .as('activity')
  .use(guard('activity.write'))

router
  .group(() => {
    router.get('/', [KeyFiguresController, 'show']).as('key_figures')
    router.get('/chiffres-cles.xlsx', [KeyFiguresController, 'exportAll']).as('key_figures.export')
    router
      .get('/tableaux/:key/export.xlsx', [KeyFiguresController, 'exportTable'])
      .as('key_figures.table')
    router.get('/valeurs', [ValuesController, 'index']).as('values')
    router.get('/valeurs.xlsx', [ValuesController, 'export']).as('values.export')
    router.get('/dispositifs', [ProgrammesController, 'index']).as('programmes')
    router.get('/dispositifs.xlsx', [ProgrammesController, 'export']).as('programmes.export')
    router.get('/dispositifs/:code', [ProgrammesController, 'show']).as('programmes.show')
    router.get('/territoires', [ProgrammesController, 'territories']).as('territories')
    router
      .get('/territoires.xlsx', [ProgrammesController, 'exportTerritories'])
      .as('territories.export')
  })
  .prefix('/activite')
  .as('activity')
  .use(guard('activity.read'))
