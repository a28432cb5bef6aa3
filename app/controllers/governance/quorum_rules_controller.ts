import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { Decimal } from 'decimal.js'
import QuorumRule from '#models/governance/quorum_rule'
import { MEETING_KINDS } from '#models/governance/meeting'
import { quorumRuleValidator } from '#validators/governance'
import { assertVersion } from '#support/optimistic_lock'
import { quorumRulesWorkbook } from '#exports/governance/composition'
import { sendWorkbook } from '#http/downloads'
import { NotFoundError } from '#support/domain_errors'

async function rulesByKind() {
  const rules = await QuorumRule.query()
  const byKind = new Map(rules.map((rule) => [rule.meetingKind, rule]))
  return Object.entries(MEETING_KINDS).map(([kind, label]) => ({
    kind,
    label,
    rule: byKind.get(kind) ?? null,
  }))
}

/** The statutes' quorum and proxy rules, one per kind of meeting: data, not code. */
export default class QuorumRulesController {
  async index({ view }: HttpContext) {
    return view.render('pages/governance/quorum_rules', {
      kinds: await rulesByKind(),
      breadcrumbs: [{ label: 'Gouvernance', href: '/gouvernance' }, { label: 'Règles de quorum' }],
    })
  }

  async export({ response }: HttpContext) {
    return sendWorkbook(
      response,
      'regles-de-quorum.xlsx',
      await quorumRulesWorkbook(await rulesByKind())
    )
  }

  async update({ params, request, response, session }: HttpContext) {
    if (!(params.kind in MEETING_KINDS)) throw new NotFoundError()
    const payload = await request.validateUsing(quorumRuleValidator)
    const values = {
      basis: payload.basis,
      countsRepresented: payload.countsRepresented ?? false,
      fraction: new Decimal(payload.percent).div(100).toDecimalPlaces(4),
      comparison: payload.comparison,
      secondConveningWithoutQuorum: payload.secondConveningWithoutQuorum ?? false,
      maxProxiesPerPerson: payload.maxProxiesPerPerson,
    }
    await db.transaction(async (trx) => {
      const rule = await QuorumRule.query({ client: trx })
        .where('meeting_kind', params.kind)
        .forUpdate()
        .first()
      if (rule) {
        assertVersion(rule, payload.version)
        rule.merge(values)
        await rule.save()
      } else {
        await QuorumRule.create({ meetingKind: params.kind, ...values }, { client: trx })
      }
    })
    session.flash('success', `Règle enregistrée : ${MEETING_KINDS[params.kind]}.`)
    return response.redirect('/gouvernance/regles')
  }
}
