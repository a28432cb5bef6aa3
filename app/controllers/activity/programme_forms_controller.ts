import CreateProgramme from '#actions/activity/create_programme'
import UpdateProgramme from '#actions/activity/update_programme'
import { referentialFormsController } from '#controllers/activity/referential_forms'
import { ProgrammeForm } from '#reports/activity/referential_forms'
import { programmeValidator } from '#validators/activity'

/** Creation and edition of a programme (dispositif); needs activity.write. */
export default class ProgrammeFormsController extends referentialFormsController({
  list: { route: 'activity.programmes', label: 'Dispositifs', view: 'programme' },
  labels: { noun: 'Dispositif', created: 'Nouveau dispositif' },
  form: ProgrammeForm,
  nameOf: (form) => form.programme?.name,
  validate: ({ request }) => request.validateUsing(programmeValidator),
  actions: [CreateProgramme, UpdateProgramme],
}) {}
