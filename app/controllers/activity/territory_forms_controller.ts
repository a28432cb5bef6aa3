import { TerritoryForms } from '#controllers/activity/referential_forms'

/** Creation and edition of an antenna or of one of its areas; needs activity.write. */
export default class TerritoryFormsController extends TerritoryForms {}
