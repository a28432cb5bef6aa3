import type { HttpContext } from '@adonisjs/core/http'
import { quorumRuleValidator } from '#validators/governance'
import { quorumRulesWorkbook } from '#exports/governance/composition'
import { sendWorkbook } from '#http/downloads'
import { NotFoundError } from '#support/domain_errors'
import QuorumRulesByKind from '#reports/governance/quorum_rules'
import SaveQuorumRule, { isMeetingKind } from '#actions/governance/save_quorum_rule'
import { MEETING_KINDS, QUORUM_BASES, QUORUM_COMPARISONS, optionsOf } from '#vocabulary/governance'
import { governanceCrumbs } from '#controllers/governance/params'

/** The statutes' quorum and proxy rules, one per kind of meeting: data, not code. */
export default class QuorumRulesController {
  async index({ view, tenant }: HttpContext) {
    return view.render('pages/governance/quorum_rules', {
      ...(await new QuorumRulesByKind(tenant!, {}).build()),
      bases: optionsOf(QUORUM_BASES),
      comparisons: optionsOf(QUORUM_COMPARISONS),
      breadcrumbs: governanceCrumbs({ label: 'Règles de quorum' }),
    })
  }

  async export({ response, tenant }: HttpContext) {
    const { kinds } = await new QuorumRulesByKind(tenant!, {}).build()
    return sendWorkbook(response, 'regles-de-quorum.xlsx', await quorumRulesWorkbook(kinds))
  }

  async update({ params, request, response, session, tenant }: HttpContext) {
    const kind = String(params.kind)
    if (!isMeetingKind(kind)) throw new NotFoundError()
    const payload = await request.validateUsing(quorumRuleValidator)
    await SaveQuorumRule.handle(tenant!, kind, payload)
    session.flash('success', `Règle enregistrée : ${MEETING_KINDS[kind]}.`)
    return response.redirect().toRoute('governance.rules.index')
  }
}
