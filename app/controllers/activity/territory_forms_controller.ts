import CreateTerritory from '#actions/activity/create_territory'
import UpdateTerritory from '#actions/activity/update_territory'
import { referentialFormsController } from '#controllers/activity/referential_forms'
import { TerritoryForm } from '#reports/activity/referential_forms'
import { territoryValidator } from '#validators/activity'

/** Creation and edition of an antenna or of one of its areas; needs activity.write. */
export default class TerritoryFormsController extends referentialFormsController({
  list: { route: 'activity.territories', label: 'Territoires', view: 'territory' },
  labels: { noun: 'Territoire', created: 'Nouveau territoire' },
  form: TerritoryForm,
  nameOf: (form) => form.territory?.name,
  validate: ({ request }) => request.validateUsing(territoryValidator),
  actions: [CreateTerritory, UpdateTerritory],
}) {}
