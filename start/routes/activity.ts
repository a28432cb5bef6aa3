import router from '@adonisjs/core/services/router'
import { guard } from '#start/routes/guard'

const KeyFiguresController = () => import('#controllers/activity/key_figures_controller')
const ValuesController = () => import('#controllers/activity/values_controller')

router
  .group(() => {
    router.get('/', [KeyFiguresController, 'show']).as('key_figures')
    router.get('/chiffres-cles.xlsx', [KeyFiguresController, 'exportAll']).as('key_figures.export')
    router
      .get('/tableaux/:key/export.xlsx', [KeyFiguresController, 'exportTable'])
      .as('key_figures.table')
    router.get('/valeurs', [ValuesController, 'index']).as('values')
    router.get('/valeurs.xlsx', [ValuesController, 'export']).as('values.export')
  })
  .prefix('/activite')
  .as('activity')
  .use(guard('activity.read'))
