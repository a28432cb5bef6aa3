import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Programme, { PROGRAMME_LEVEL_LABELS } from '#models/activity/programme'
import { programmeValidator } from '#validators/activity'
import { assertVersion } from '#support/optimistic_lock'
import { ActivityRuleError, withActivityGuards } from '#controllers/activity/edit_errors'

type Payload = Awaited<ReturnType<typeof programmeValidator.validate>>

const levelOptions = Object.entries(PROGRAMME_LEVEL_LABELS).map(([value, label]) => ({
  value,
  label,
}))
const crumbs = (label: string) => [
  { label: 'Activité', href: '/activite' },
  { label: 'Dispositifs', href: '/activite/dispositifs' },
  { label },
]

/** Creation and edition of a programme (dispositif); needs activity.write. */
export default class ProgrammeFormsController {
  async create({ view }: HttpContext) {
    return view.render('pages/activity/forms/programme', this.formData(null))
  }

  async edit({ params, view }: HttpContext) {
    const programme = await Programme.findOrFail(params.id)
    return view.render('pages/activity/forms/programme', this.formData(programme))
  }

  async store({ request, response, session }: HttpContext) {
    const payload = await request.validateUsing(programmeValidator)
    await db.transaction(async (trx) => {
      await this.assertCodeFree(payload.code, null, trx)
      await withActivityGuards(() => Programme.create(this.values(payload), { client: trx }))
    })
    session.flash('success', `Dispositif « ${payload.name} » créé.`)
    return response.redirect('/activite/dispositifs')
  }

  async update({ params, request, response, session }: HttpContext) {
    const payload = await request.validateUsing(programmeValidator)
    await db.transaction(async (trx) => {
      const programme = await Programme.query({ client: trx })
        .where('id', params.id)
        .forUpdate()
        .firstOrFail()
      assertVersion(programme, payload.version)
      await this.assertCodeFree(payload.code, programme.id, trx)
      programme.merge(this.values(payload))
      await withActivityGuards(() => programme.save())
    })
    session.flash('success', `Dispositif « ${payload.name} » mis à jour.`)
    return response.redirect('/activite/dispositifs')
  }

  private async assertCodeFree(code: string, ownId: number | null, trx: TransactionClientContract) {
    const query = Programme.query({ client: trx }).where('code', code)
    if (ownId !== null) query.whereNot('id', ownId)
    const other = await query.first()
    if (other) {
      throw new ActivityRuleError(
        `Le code « ${code} » est déjà utilisé par le dispositif « ${other.name} ». Choisissez un autre code.`
      )
    }
  }

  private values(payload: Payload) {
    return {
      code: payload.code,
      name: payload.name,
      level: payload.level,
      fseCofinanced: payload.fseCofinanced ?? false,
      funderNames: payload.funderNames ?? null,
    }
  }

  private formData(programme: Programme | null) {
    return {
      programme,
      levelOptions,
      breadcrumbs: crumbs(programme ? programme.name : 'Nouveau dispositif'),
    }
  }
}
