import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Territory, { TERRITORY_KIND_LABELS } from '#models/activity/territory'
import { territoryValidator } from '#validators/activity'
import { assertVersion } from '#support/optimistic_lock'
import { ActivityRuleError, withActivityGuards } from '#controllers/activity/edit_errors'

type Payload = Awaited<ReturnType<typeof territoryValidator.validate>>

const kindOptions = Object.entries(TERRITORY_KIND_LABELS).map(([value, label]) => ({
  value,
  label,
}))
const crumbs = (label: string) => [
  { label: 'Activité', href: '/activite' },
  { label: 'Territoires', href: '/activite/territoires' },
  { label },
]

/** Creation and edition of an antenna or of one of its areas; needs activity.write. */
export default class TerritoryFormsController {
  async create({ view }: HttpContext) {
    return view.render('pages/activity/forms/territory', await this.formData(null))
  }

  async edit({ params, view }: HttpContext) {
    const territory = await Territory.findOrFail(params.id)
    return view.render('pages/activity/forms/territory', await this.formData(territory))
  }

  async store({ request, response, session }: HttpContext) {
    const payload = await request.validateUsing(territoryValidator)
    await db.transaction(async (trx) => {
      await this.checkRules(payload, null, trx)
      await withActivityGuards(() => Territory.create(this.values(payload), { client: trx }))
    })
    session.flash('success', `Territoire « ${payload.name} » créé.`)
    return response.redirect('/activite/territoires')
  }

  async update({ params, request, response, session }: HttpContext) {
    const payload = await request.validateUsing(territoryValidator)
    await db.transaction(async (trx) => {
      const territory = await Territory.query({ client: trx })
        .where('id', params.id)
        .forUpdate()
        .firstOrFail()
      assertVersion(territory, payload.version)
      await this.checkRules(payload, territory, trx)
      territory.merge(this.values(payload))
      await withActivityGuards(() => territory.save())
    })
    session.flash('success', `Territoire « ${payload.name} » mis à jour.`)
    return response.redirect('/activite/territoires')
  }

  /** Unique code, and the two-level tree: an antenna is a root, an area hangs under an antenna. */
  private async checkRules(
    payload: Payload,
    own: Territory | null,
    trx: TransactionClientContract
  ) {
    const same = Territory.query({ client: trx }).where('code', payload.code)
    if (own) same.whereNot('id', own.id)
    const other = await same.first()
    if (other) {
      throw new ActivityRuleError(
        `Le code « ${payload.code} » est déjà utilisé par le territoire « ${other.name} ». Choisissez un autre code.`
      )
    }
    if (payload.kind === 'antenna') return
    if (!payload.parentId) {
      throw new ActivityRuleError(
        'Un secteur (quartier, EPCI, commune…) doit être rattaché à une antenne : choisissez son antenne.'
      )
    }
    if (own && payload.parentId === own.id) {
      throw new ActivityRuleError('Un territoire ne peut pas être rattaché à lui-même.')
    }
    const parent = await Territory.query({ client: trx }).where('id', payload.parentId).first()
    if (!parent) throw new ActivityRuleError('Antenne de rattachement inconnue.')
    if (own) {
      const areas = await Territory.query({ client: trx }).where('parentId', own.id).first()
      if (areas) {
        throw new ActivityRuleError(
          `« ${own.name} » a des secteurs rattachés : il doit rester une antenne.`
        )
      }
    }
  }

  private values(payload: Payload) {
    return {
      code: payload.code,
      name: payload.name,
      kind: payload.kind,
      parentId: payload.kind === 'antenna' ? null : (payload.parentId ?? null),
    }
  }

  private async formData(territory: Territory | null) {
    const antennas = await Territory.query().where('kind', 'antenna').orderBy('name')
    return {
      territory,
      kindOptions,
      parentOptions: [
        { value: '', label: '— aucune (antenne) —' },
        ...antennas
          .filter((a) => a.id !== territory?.id)
          .map((a) => ({ value: a.id, label: a.name })),
      ],
      breadcrumbs: crumbs(territory ? territory.name : 'Nouveau territoire'),
    }
  }
}
