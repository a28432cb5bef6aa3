import router from '@adonisjs/core/services/router'
import { guard } from '#start/routes/guard'

const KeyFiguresController = () => import('#controllers/activity/key_figures_controller')
const ValuesController = () => import('#controllers/activity/values_controller')
const ProgrammesController = () => import('#controllers/activity/programmes_controller')

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
