import { ProgrammeForms } from '#controllers/activity/referential_forms'

/** Creation and edition of a programme (dispositif); needs activity.write. */
export default class ProgrammeFormsController extends ProgrammeForms {}
