import '@adonisjs/core/types/http'

type ParamValue = string | number | bigint | boolean

export type ScannedRoutes = {
  ALL: {
    'grants.dashboard': { paramsTuple?: []; params?: {} }
    'grants.dashboard.export': { paramsTuple?: []; params?: {} }
    'grants.funders.index': { paramsTuple?: []; params?: {} }
    'grants.funders.export': { paramsTuple?: []; params?: {} }
    'grants.grants.index': { paramsTuple?: []; params?: {} }
    'grants.grants.export': { paramsTuple?: []; params?: {} }
    'grants.grants.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.grants.show.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.grants.document': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'documentId': ParamValue} }
    'grants.grants.budget.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.grants.budget.print': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.grants.years': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.grants.years.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.grants.report': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.grants.report.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.grants.report.print': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.payments.index': { paramsTuple?: []; params?: {} }
    'grants.payments.export': { paramsTuple?: []; params?: {} }
    'grants.year_end.show': { paramsTuple?: []; params?: {} }
    'grants.year_end.export': { paramsTuple?: []; params?: {} }
    'grants.write.funders.create': { paramsTuple?: []; params?: {} }
    'grants.write.funders.store': { paramsTuple?: []; params?: {} }
    'grants.write.funders.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.funders.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.grants.create': { paramsTuple?: []; params?: {} }
    'grants.write.grants.store': { paramsTuple?: []; params?: {} }
    'grants.write.grants.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.grants.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.grants.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.grants.split': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.grants.event': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.grants.amend': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.grants.schedule': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.grants.receipt': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.grants.target': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.grants.deadline': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.grants.upload': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.grants.allocate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.grants.budget.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.budget.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.budget.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.year_end.propose': { paramsTuple?: []; params?: {} }
    'grants.write.grants.report.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.schedule_lines.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.schedule_lines.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.schedule_lines.cancellation': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.receipts.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.receipts.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.receipts.cancellation': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.targets.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.targets.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.targets.cancellation': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.deadlines.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.deadlines.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.deadlines.cancellation': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.steps.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.steps.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.steps.cancellation': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.index': { paramsTuple?: []; params?: {} }
    'governance.composition.export': { paramsTuple?: []; params?: {} }
    'governance.composition.print': { paramsTuple?: []; params?: {} }
    'governance.portal': { paramsTuple?: []; params?: {} }
    'governance.members.index': { paramsTuple?: []; params?: {} }
    'governance.members.export': { paramsTuple?: []; params?: {} }
    'governance.rules.index': { paramsTuple?: []; params?: {} }
    'governance.rules.export': { paramsTuple?: []; params?: {} }
    'governance.meetings.index': { paramsTuple?: []; params?: {} }
    'governance.meetings.export': { paramsTuple?: []; params?: {} }
    'governance.meetings.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.attendances.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.meetings.minutes': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.minutes.signed': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.documents.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.write.rules.update': { paramsTuple: [ParamValue]; params: {'kind': ParamValue} }
    'governance.write.colleges.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.write.colleges.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.write.members.create': { paramsTuple?: []; params?: {} }
    'governance.write.members.store': { paramsTuple?: []; params?: {} }
    'governance.write.members.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.write.members.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.write.members.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.write.persons.create': { paramsTuple?: []; params?: {} }
    'governance.write.persons.store': { paramsTuple?: []; params?: {} }
    'governance.write.persons.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.write.persons.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.write.persons.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.write.votes.recompute': { paramsTuple?: []; params?: {} }
    'governance.write.seats.create': { paramsTuple?: []; params?: {} }
    'governance.write.seats.store': { paramsTuple?: []; params?: {} }
    'governance.write.seats.end': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.write.seats.bureau': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.write.meetings.create': { paramsTuple?: []; params?: {} }
    'governance.write.meetings.store': { paramsTuple?: []; params?: {} }
    'governance.write.attendances.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.write.attendances.update': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'attendanceId': ParamValue} }
    'governance.write.resolutions.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.write.documents.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.write.minutes.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.write.votes.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.write.resolutions.result': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.write.resolutions.rectification': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.board_packs.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.board_packs.preview': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.board_packs.pdf': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.board_packs.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.write.board_packs.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.write.board_packs.generate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'quality.score': { paramsTuple?: []; params?: {} }
    'quality.score.print': { paramsTuple?: []; params?: {} }
    'quality.score.export': { paramsTuple?: []; params?: {} }
    'quality.criteria.index': { paramsTuple?: []; params?: {} }
    'quality.criteria.export': { paramsTuple?: []; params?: {} }
    'quality.history.export': { paramsTuple?: []; params?: {} }
    'quality.referential.export': { paramsTuple?: []; params?: {} }
    'quality.criteria.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'quality.evidence.download': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'quality.plan.index': { paramsTuple?: []; params?: {} }
    'quality.plan.export': { paramsTuple?: []; params?: {} }
    'quality.referentials.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'quality.criteria.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'quality.evidence.upload': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'quality.evidence.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'quality.links.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'quality.links.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'quality.plan.store': { paramsTuple?: []; params?: {} }
    'quality.plan.axes.store': { paramsTuple?: []; params?: {} }
    'quality.plan.axes.criteria': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'quality.plan.groups.store': { paramsTuple?: []; params?: {} }
    'quality.plan.members.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'quality.plan.actions.store': { paramsTuple?: []; params?: {} }
    'quality.plan.actions.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'quality.plan.milestones.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'quality.plan.milestones.reach': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'quality.plan.axes.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'quality.plan.groups.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'quality.plan.axes.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'quality.plan.groups.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'quality.plan.actions.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'quality.plan.milestones.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'quality.plan.axes.archive': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'quality.plan.groups.archive': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'quality.plan.actions.archive': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'quality.plan.milestones.archive': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'activity.programmes.create': { paramsTuple?: []; params?: {} }
    'activity.programmes.store': { paramsTuple?: []; params?: {} }
    'activity.programmes.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'activity.programmes.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'activity.territories.create': { paramsTuple?: []; params?: {} }
    'activity.territories.store': { paramsTuple?: []; params?: {} }
    'activity.territories.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'activity.territories.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'activity.values.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'activity.values.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'activity.programmes.targets': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'activity.programmes.targets.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'activity.programmes.targets.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'activity.programmes.targets.import': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'activity.targets.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'activity.targets.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'activity.key_figures': { paramsTuple?: []; params?: {} }
    'activity.key_figures.export': { paramsTuple?: []; params?: {} }
    'activity.key_figures.table': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'activity.values': { paramsTuple?: []; params?: {} }
    'activity.values.export': { paramsTuple?: []; params?: {} }
    'activity.programmes': { paramsTuple?: []; params?: {} }
    'activity.programmes.export': { paramsTuple?: []; params?: {} }
    'activity.programmes.show': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'activity.territories': { paramsTuple?: []; params?: {} }
    'activity.territories.export': { paramsTuple?: []; params?: {} }
    'reconciliation.index': { paramsTuple?: []; params?: {} }
    'reconciliation.export': { paramsTuple?: []; params?: {} }
    'reconciliation.run': { paramsTuple?: []; params?: {} }
    'annual_report.show': { paramsTuple?: []; params?: {} }
    'annual_report.document': { paramsTuple?: []; params?: {} }
    'annual_report.export': { paramsTuple?: []; params?: {} }
    'annual_report.print': { paramsTuple?: []; params?: {} }
    'annual_report.publish': { paramsTuple?: []; params?: {} }
    'hr.home': { paramsTuple?: []; params?: {} }
    'hr.bilan_social': { paramsTuple?: []; params?: {} }
    'hr.bilan_social.export': { paramsTuple?: []; params?: {} }
    'hr.bilan_social.print': { paramsTuple?: []; params?: {} }
    'hr.equality': { paramsTuple?: []; params?: {} }
    'hr.equality.export': { paramsTuple?: []; params?: {} }
    'hr.training': { paramsTuple?: []; params?: {} }
    'hr.training.export': { paramsTuple?: []; params?: {} }
    'hr.job_references': { paramsTuple?: []; params?: {} }
    'hr.training_plan': { paramsTuple?: []; params?: {} }
    'hr.training_plan.export': { paramsTuple?: []; params?: {} }
    'hr.job_references.export': { paramsTuple?: []; params?: {} }
    'hr.personal.employees': { paramsTuple?: []; params?: {} }
    'hr.personal.employees.export': { paramsTuple?: []; params?: {} }
    'hr.personal.employees.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'hr.personal.employees.gdpr': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'hr.personal.register': { paramsTuple?: []; params?: {} }
    'hr.personal.register.export': { paramsTuple?: []; params?: {} }
    'hr.personal.time': { paramsTuple?: []; params?: {} }
    'hr.personal.time.export': { paramsTuple?: []; params?: {} }
    'hr.write.employees.store': { paramsTuple?: []; params?: {} }
    'hr.write.employees.identity': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'hr.write.contracts.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'hr.write.contracts.end': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'hr.write.salaries.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'hr.write.allocations.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'hr.write.contracts.correct': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'hr.write.register.anonymise': { paramsTuple?: []; params?: {} }
    'hr.write.time.settings': { paramsTuple?: []; params?: {} }
    'hr.write.leaves.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'hr.write.pay_components.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'hr.write.pay_components.cancel': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'hr.write.job_references.store': { paramsTuple?: []; params?: {} }
    'hr.write.training.actions.store': { paramsTuple?: []; params?: {} }
    'hr.write.training.sessions.store': { paramsTuple?: []; params?: {} }
    'hr.write.training.costs.store': { paramsTuple?: []; params?: {} }
    'hr.write.training.financing.store': { paramsTuple?: []; params?: {} }
    'hr.write.training.financing.refund': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'hr.write.training.actions.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'hr.write.training.actions.cancellation': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'hr.write.training.sessions.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'hr.write.training.sessions.cancellation': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'hr.write.training.participation.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'hr.write.training.participation.cancellation': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'hr.write.training.financing.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'hr.write.training.financing.cancellation': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'hr.write.training.participation.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'hr.personal.dsn': { paramsTuple?: []; params?: {} }
    'hr.personal.dsn.export': { paramsTuple?: []; params?: {} }
    'hr.personal.dsn.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'hr.write.dsn.store': { paramsTuple?: []; params?: {} }
    'hr.write.dsn.commit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounting.statements.index': { paramsTuple?: []; params?: {} }
    'accounting.statements.income': { paramsTuple?: []; params?: {} }
    'accounting.statements.income.export': { paramsTuple?: []; params?: {} }
    'accounting.statements.balance': { paramsTuple?: []; params?: {} }
    'accounting.statements.balance.export': { paramsTuple?: []; params?: {} }
    'accounting.statements.print': { paramsTuple?: []; params?: {} }
    'accounting.statements.line.export': { paramsTuple: [ParamValue,ParamValue]; params: {'kind': ParamValue,'code': ParamValue} }
    'accounting.statements.line': { paramsTuple: [ParamValue,ParamValue]; params: {'kind': ParamValue,'code': ParamValue} }
    'accounting.budgets.index': { paramsTuple?: []; params?: {} }
    'accounting.budgets.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounting.budgets.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounting.year_end.index': { paramsTuple?: []; params?: {} }
    'accounting.layouts.index': { paramsTuple?: []; params?: {} }
    'accounting.layouts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounting.budgets.store': { paramsTuple?: []; params?: {} }
    'accounting.layouts.lines.update': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'lineId': ParamValue} }
    'accounting.budgets.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounting.budgets.approval.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounting.fiscal_years.closing.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounting.fiscal_years.allocation.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounting.fiscal_years.allocation.posting.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounting.fiscal_years.closing.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'access_tokens.index': { paramsTuple?: []; params?: {} }
    'access_tokens.store': { paramsTuple?: []; params?: {} }
    'access_tokens.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.v1.openapi': { paramsTuple?: []; params?: {} }
    'api.v1.me': { paramsTuple?: []; params?: {} }
    'api.v1.fiscal_years': { paramsTuple?: []; params?: {} }
    'api.v1.income_statement': { paramsTuple?: []; params?: {} }
    'api.v1.balance_sheet': { paramsTuple?: []; params?: {} }
    'api.v1.trial_balance': { paramsTuple?: []; params?: {} }
    'api.v1.key_figures': { paramsTuple?: []; params?: {} }
    'api.v1.grants': { paramsTuple?: []; params?: {} }
    'api.v1.reconciliation': { paramsTuple?: []; params?: {} }
    'organisation.switch': { paramsTuple?: []; params?: {} }
    'members.index': { paramsTuple?: []; params?: {} }
    'members.store': { paramsTuple?: []; params?: {} }
    'members.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'network.index': { paramsTuple?: []; params?: {} }
    'network.export': { paramsTuple?: []; params?: {} }
    'network.sharing.show': { paramsTuple?: []; params?: {} }
    'network.sharing.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'network.sharing.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'instance.organisations.index': { paramsTuple?: []; params?: {} }
    'instance.organisations.store': { paramsTuple?: []; params?: {} }
    'instance.organisations.deactivate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'instance.organisations.reactivate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'instance.networks.store': { paramsTuple?: []; params?: {} }
    'instance.networks.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'alerts.index': { paramsTuple?: []; params?: {} }
    'alerts.export': { paramsTuple?: []; params?: {} }
    'alerts.preference': { paramsTuple?: []; params?: {} }
    'alerts.dismiss': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'treasury.forecast.show': { paramsTuple?: []; params?: {} }
    'treasury.forecast.export': { paramsTuple?: []; params?: {} }
    'treasury.forecast.print': { paramsTuple?: []; params?: {} }
    'treasury.items.index': { paramsTuple?: []; params?: {} }
    'treasury.items.export': { paramsTuple?: []; params?: {} }
    'treasury.write.items.create': { paramsTuple?: []; params?: {} }
    'treasury.write.items.store': { paramsTuple?: []; params?: {} }
    'treasury.write.items.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'treasury.write.items.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'treasury.write.items.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'treasury.write.threshold.update': { paramsTuple?: []; params?: {} }
    'bank.accounts.index': { paramsTuple?: []; params?: {} }
    'bank.accounts.export': { paramsTuple?: []; params?: {} }
    'bank.accounts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'bank.operations.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'bank.matching.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'bank.matching.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'bank.statement.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'bank.statement.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'bank.statement.print': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'bank.write.accounts.create': { paramsTuple?: []; params?: {} }
    'bank.write.accounts.store': { paramsTuple?: []; params?: {} }
    'bank.write.mapping.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'bank.write.statements.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'bank.write.matches.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'bank.write.proposals.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'bank.write.proposals.all': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'bank.write.matches.unmatch': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'health': { paramsTuple?: []; params?: {} }
    'login': { paramsTuple?: []; params?: {} }
    'login.store': { paramsTuple?: []; params?: {} }
    'welcome.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'welcome.update': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'password_resets.create': { paramsTuple?: []; params?: {} }
    'password_resets.store': { paramsTuple?: []; params?: {} }
    'password_resets.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'password_resets.update': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'users.invitations.create': { paramsTuple?: []; params?: {} }
    'users.invitations.store': { paramsTuple?: []; params?: {} }
    'users.invitations.resend': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'logout': { paramsTuple?: []; params?: {} }
    'home': { paramsTuple?: []; params?: {} }
    'password.edit': { paramsTuple?: []; params?: {} }
    'password.update': { paramsTuple?: []; params?: {} }
    'users.index': { paramsTuple?: []; params?: {} }
    'users.export': { paramsTuple?: []; params?: {} }
    'users.create': { paramsTuple?: []; params?: {} }
    'users.store': { paramsTuple?: []; params?: {} }
    'users.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'users.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'users.deactivate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'users.reactivate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'audit.index': { paramsTuple?: []; params?: {} }
    'audit.export': { paramsTuple?: []; params?: {} }
    'imports.index': { paramsTuple?: []; params?: {} }
    'imports.create': { paramsTuple: [ParamValue]; params: {'kind': ParamValue} }
    'imports.template': { paramsTuple: [ParamValue]; params: {'kind': ParamValue} }
    'imports.preview': { paramsTuple: [ParamValue]; params: {'kind': ParamValue} }
    'imports.commit': { paramsTuple: [ParamValue,ParamValue]; params: {'kind': ParamValue,'id': ParamValue} }
    'imports.issues': { paramsTuple: [ParamValue,ParamValue]; params: {'kind': ParamValue,'id': ParamValue} }
    'setup.show': { paramsTuple?: []; params?: {} }
    'setup.store': { paramsTuple?: []; params?: {} }
    'organisation_settings.edit': { paramsTuple?: []; params?: {} }
    'organisation_settings.update': { paramsTuple?: []; params?: {} }
    'organisation_settings.logo.store': { paramsTuple?: []; params?: {} }
    'organisation_settings.logo.destroy': { paramsTuple?: []; params?: {} }
    'organisation.logo': { paramsTuple?: []; params?: {} }
    'accounting.home': { paramsTuple?: []; params?: {} }
    'accounting.fiscal_years.export': { paramsTuple?: []; params?: {} }
    'accounting.balance': { paramsTuple?: []; params?: {} }
    'accounting.balance.export': { paramsTuple?: []; params?: {} }
    'accounting.general_ledger': { paramsTuple?: []; params?: {} }
    'accounting.general_ledger.export': { paramsTuple?: []; params?: {} }
    'accounting.general_ledger.print': { paramsTuple?: []; params?: {} }
    'accounting.programme_costs': { paramsTuple?: []; params?: {} }
    'accounting.programme_costs.export': { paramsTuple?: []; params?: {} }
    'accounting.accounts.index': { paramsTuple?: []; params?: {} }
    'accounting.accounts.export': { paramsTuple?: []; params?: {} }
    'accounting.entries.index': { paramsTuple?: []; params?: {} }
    'accounting.entries.export': { paramsTuple?: []; params?: {} }
    'accounting.entries.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounting.entries.show.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounting.fec.imports.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounting.fec.imports.errors': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounting.fec.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounting.fiscal_years.store': { paramsTuple?: []; params?: {} }
    'accounting.accounts.store': { paramsTuple?: []; params?: {} }
    'accounting.programme_costs.key.store': { paramsTuple?: []; params?: {} }
    'accounting.entries.create': { paramsTuple?: []; params?: {} }
    'accounting.entries.store': { paramsTuple?: []; params?: {} }
    'accounting.entries.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounting.entries.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounting.entries.validation.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounting.entries.reversal.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounting.entries.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounting.fec.imports.create': { paramsTuple?: []; params?: {} }
    'accounting.fec.imports.store': { paramsTuple?: []; params?: {} }
  }
  GET: {
    'grants.dashboard': { paramsTuple?: []; params?: {} }
    'grants.dashboard.export': { paramsTuple?: []; params?: {} }
    'grants.funders.index': { paramsTuple?: []; params?: {} }
    'grants.funders.export': { paramsTuple?: []; params?: {} }
    'grants.grants.index': { paramsTuple?: []; params?: {} }
    'grants.grants.export': { paramsTuple?: []; params?: {} }
    'grants.grants.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.grants.show.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.grants.document': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'documentId': ParamValue} }
    'grants.grants.budget.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.grants.budget.print': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.grants.years': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.grants.years.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.grants.report': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.grants.report.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.grants.report.print': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.payments.index': { paramsTuple?: []; params?: {} }
    'grants.payments.export': { paramsTuple?: []; params?: {} }
    'grants.year_end.show': { paramsTuple?: []; params?: {} }
    'grants.year_end.export': { paramsTuple?: []; params?: {} }
    'grants.write.funders.create': { paramsTuple?: []; params?: {} }
    'grants.write.funders.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.grants.create': { paramsTuple?: []; params?: {} }
    'grants.write.grants.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.schedule_lines.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.receipts.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.targets.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.deadlines.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.steps.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.index': { paramsTuple?: []; params?: {} }
    'governance.composition.export': { paramsTuple?: []; params?: {} }
    'governance.composition.print': { paramsTuple?: []; params?: {} }
    'governance.portal': { paramsTuple?: []; params?: {} }
    'governance.members.index': { paramsTuple?: []; params?: {} }
    'governance.members.export': { paramsTuple?: []; params?: {} }
    'governance.rules.index': { paramsTuple?: []; params?: {} }
    'governance.rules.export': { paramsTuple?: []; params?: {} }
    'governance.meetings.index': { paramsTuple?: []; params?: {} }
    'governance.meetings.export': { paramsTuple?: []; params?: {} }
    'governance.meetings.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.attendances.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.meetings.minutes': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.minutes.signed': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.documents.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.write.colleges.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.write.members.create': { paramsTuple?: []; params?: {} }
    'governance.write.members.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.write.persons.create': { paramsTuple?: []; params?: {} }
    'governance.write.persons.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.write.seats.create': { paramsTuple?: []; params?: {} }
    'governance.write.meetings.create': { paramsTuple?: []; params?: {} }
    'governance.board_packs.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.board_packs.preview': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.board_packs.pdf': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.board_packs.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'quality.score': { paramsTuple?: []; params?: {} }
    'quality.score.print': { paramsTuple?: []; params?: {} }
    'quality.score.export': { paramsTuple?: []; params?: {} }
    'quality.criteria.index': { paramsTuple?: []; params?: {} }
    'quality.criteria.export': { paramsTuple?: []; params?: {} }
    'quality.history.export': { paramsTuple?: []; params?: {} }
    'quality.referential.export': { paramsTuple?: []; params?: {} }
    'quality.criteria.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'quality.evidence.download': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'quality.plan.index': { paramsTuple?: []; params?: {} }
    'quality.plan.export': { paramsTuple?: []; params?: {} }
    'activity.programmes.create': { paramsTuple?: []; params?: {} }
    'activity.programmes.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'activity.territories.create': { paramsTuple?: []; params?: {} }
    'activity.territories.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'activity.programmes.targets': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'activity.programmes.targets.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'activity.key_figures': { paramsTuple?: []; params?: {} }
    'activity.key_figures.export': { paramsTuple?: []; params?: {} }
    'activity.key_figures.table': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'activity.values': { paramsTuple?: []; params?: {} }
    'activity.values.export': { paramsTuple?: []; params?: {} }
    'activity.programmes': { paramsTuple?: []; params?: {} }
    'activity.programmes.export': { paramsTuple?: []; params?: {} }
    'activity.programmes.show': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'activity.territories': { paramsTuple?: []; params?: {} }
    'activity.territories.export': { paramsTuple?: []; params?: {} }
    'reconciliation.index': { paramsTuple?: []; params?: {} }
    'reconciliation.export': { paramsTuple?: []; params?: {} }
    'annual_report.show': { paramsTuple?: []; params?: {} }
    'annual_report.document': { paramsTuple?: []; params?: {} }
    'annual_report.export': { paramsTuple?: []; params?: {} }
    'annual_report.print': { paramsTuple?: []; params?: {} }
    'hr.home': { paramsTuple?: []; params?: {} }
    'hr.bilan_social': { paramsTuple?: []; params?: {} }
    'hr.bilan_social.export': { paramsTuple?: []; params?: {} }
    'hr.bilan_social.print': { paramsTuple?: []; params?: {} }
    'hr.equality': { paramsTuple?: []; params?: {} }
    'hr.equality.export': { paramsTuple?: []; params?: {} }
    'hr.training': { paramsTuple?: []; params?: {} }
    'hr.training.export': { paramsTuple?: []; params?: {} }
    'hr.job_references': { paramsTuple?: []; params?: {} }
    'hr.training_plan': { paramsTuple?: []; params?: {} }
    'hr.training_plan.export': { paramsTuple?: []; params?: {} }
    'hr.job_references.export': { paramsTuple?: []; params?: {} }
    'hr.personal.employees': { paramsTuple?: []; params?: {} }
    'hr.personal.employees.export': { paramsTuple?: []; params?: {} }
    'hr.personal.employees.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'hr.personal.employees.gdpr': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'hr.personal.register': { paramsTuple?: []; params?: {} }
    'hr.personal.register.export': { paramsTuple?: []; params?: {} }
    'hr.personal.time': { paramsTuple?: []; params?: {} }
    'hr.personal.time.export': { paramsTuple?: []; params?: {} }
    'hr.personal.dsn': { paramsTuple?: []; params?: {} }
    'hr.personal.dsn.export': { paramsTuple?: []; params?: {} }
    'hr.personal.dsn.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounting.statements.index': { paramsTuple?: []; params?: {} }
    'accounting.statements.income': { paramsTuple?: []; params?: {} }
    'accounting.statements.income.export': { paramsTuple?: []; params?: {} }
    'accounting.statements.balance': { paramsTuple?: []; params?: {} }
    'accounting.statements.balance.export': { paramsTuple?: []; params?: {} }
    'accounting.statements.print': { paramsTuple?: []; params?: {} }
    'accounting.statements.line.export': { paramsTuple: [ParamValue,ParamValue]; params: {'kind': ParamValue,'code': ParamValue} }
    'accounting.statements.line': { paramsTuple: [ParamValue,ParamValue]; params: {'kind': ParamValue,'code': ParamValue} }
    'accounting.budgets.index': { paramsTuple?: []; params?: {} }
    'accounting.budgets.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounting.budgets.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounting.year_end.index': { paramsTuple?: []; params?: {} }
    'accounting.layouts.index': { paramsTuple?: []; params?: {} }
    'accounting.layouts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'access_tokens.index': { paramsTuple?: []; params?: {} }
    'api.v1.openapi': { paramsTuple?: []; params?: {} }
    'api.v1.me': { paramsTuple?: []; params?: {} }
    'api.v1.fiscal_years': { paramsTuple?: []; params?: {} }
    'api.v1.income_statement': { paramsTuple?: []; params?: {} }
    'api.v1.balance_sheet': { paramsTuple?: []; params?: {} }
    'api.v1.trial_balance': { paramsTuple?: []; params?: {} }
    'api.v1.key_figures': { paramsTuple?: []; params?: {} }
    'api.v1.grants': { paramsTuple?: []; params?: {} }
    'api.v1.reconciliation': { paramsTuple?: []; params?: {} }
    'members.index': { paramsTuple?: []; params?: {} }
    'network.index': { paramsTuple?: []; params?: {} }
    'network.export': { paramsTuple?: []; params?: {} }
    'network.sharing.show': { paramsTuple?: []; params?: {} }
    'instance.organisations.index': { paramsTuple?: []; params?: {} }
    'alerts.index': { paramsTuple?: []; params?: {} }
    'alerts.export': { paramsTuple?: []; params?: {} }
    'treasury.forecast.show': { paramsTuple?: []; params?: {} }
    'treasury.forecast.export': { paramsTuple?: []; params?: {} }
    'treasury.forecast.print': { paramsTuple?: []; params?: {} }
    'treasury.items.index': { paramsTuple?: []; params?: {} }
    'treasury.items.export': { paramsTuple?: []; params?: {} }
    'treasury.write.items.create': { paramsTuple?: []; params?: {} }
    'treasury.write.items.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'bank.accounts.index': { paramsTuple?: []; params?: {} }
    'bank.accounts.export': { paramsTuple?: []; params?: {} }
    'bank.accounts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'bank.operations.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'bank.matching.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'bank.matching.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'bank.statement.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'bank.statement.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'bank.statement.print': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'bank.write.accounts.create': { paramsTuple?: []; params?: {} }
    'health': { paramsTuple?: []; params?: {} }
    'login': { paramsTuple?: []; params?: {} }
    'welcome.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'password_resets.create': { paramsTuple?: []; params?: {} }
    'password_resets.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'users.invitations.create': { paramsTuple?: []; params?: {} }
    'home': { paramsTuple?: []; params?: {} }
    'password.edit': { paramsTuple?: []; params?: {} }
    'users.index': { paramsTuple?: []; params?: {} }
    'users.export': { paramsTuple?: []; params?: {} }
    'users.create': { paramsTuple?: []; params?: {} }
    'users.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'audit.index': { paramsTuple?: []; params?: {} }
    'audit.export': { paramsTuple?: []; params?: {} }
    'imports.index': { paramsTuple?: []; params?: {} }
    'imports.create': { paramsTuple: [ParamValue]; params: {'kind': ParamValue} }
    'imports.template': { paramsTuple: [ParamValue]; params: {'kind': ParamValue} }
    'imports.issues': { paramsTuple: [ParamValue,ParamValue]; params: {'kind': ParamValue,'id': ParamValue} }
    'setup.show': { paramsTuple?: []; params?: {} }
    'organisation_settings.edit': { paramsTuple?: []; params?: {} }
    'organisation.logo': { paramsTuple?: []; params?: {} }
    'accounting.home': { paramsTuple?: []; params?: {} }
    'accounting.fiscal_years.export': { paramsTuple?: []; params?: {} }
    'accounting.balance': { paramsTuple?: []; params?: {} }
    'accounting.balance.export': { paramsTuple?: []; params?: {} }
    'accounting.general_ledger': { paramsTuple?: []; params?: {} }
    'accounting.general_ledger.export': { paramsTuple?: []; params?: {} }
    'accounting.general_ledger.print': { paramsTuple?: []; params?: {} }
    'accounting.programme_costs': { paramsTuple?: []; params?: {} }
    'accounting.programme_costs.export': { paramsTuple?: []; params?: {} }
    'accounting.accounts.index': { paramsTuple?: []; params?: {} }
    'accounting.accounts.export': { paramsTuple?: []; params?: {} }
    'accounting.entries.index': { paramsTuple?: []; params?: {} }
    'accounting.entries.export': { paramsTuple?: []; params?: {} }
    'accounting.entries.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounting.entries.show.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounting.fec.imports.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounting.fec.imports.errors': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounting.fec.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounting.entries.create': { paramsTuple?: []; params?: {} }
    'accounting.entries.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounting.fec.imports.create': { paramsTuple?: []; params?: {} }
  }
  HEAD: {
    'grants.dashboard': { paramsTuple?: []; params?: {} }
    'grants.dashboard.export': { paramsTuple?: []; params?: {} }
    'grants.funders.index': { paramsTuple?: []; params?: {} }
    'grants.funders.export': { paramsTuple?: []; params?: {} }
    'grants.grants.index': { paramsTuple?: []; params?: {} }
    'grants.grants.export': { paramsTuple?: []; params?: {} }
    'grants.grants.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.grants.show.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.grants.document': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'documentId': ParamValue} }
    'grants.grants.budget.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.grants.budget.print': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.grants.years': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.grants.years.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.grants.report': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.grants.report.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.grants.report.print': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.payments.index': { paramsTuple?: []; params?: {} }
    'grants.payments.export': { paramsTuple?: []; params?: {} }
    'grants.year_end.show': { paramsTuple?: []; params?: {} }
    'grants.year_end.export': { paramsTuple?: []; params?: {} }
    'grants.write.funders.create': { paramsTuple?: []; params?: {} }
    'grants.write.funders.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.grants.create': { paramsTuple?: []; params?: {} }
    'grants.write.grants.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.schedule_lines.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.receipts.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.targets.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.deadlines.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.steps.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.index': { paramsTuple?: []; params?: {} }
    'governance.composition.export': { paramsTuple?: []; params?: {} }
    'governance.composition.print': { paramsTuple?: []; params?: {} }
    'governance.portal': { paramsTuple?: []; params?: {} }
    'governance.members.index': { paramsTuple?: []; params?: {} }
    'governance.members.export': { paramsTuple?: []; params?: {} }
    'governance.rules.index': { paramsTuple?: []; params?: {} }
    'governance.rules.export': { paramsTuple?: []; params?: {} }
    'governance.meetings.index': { paramsTuple?: []; params?: {} }
    'governance.meetings.export': { paramsTuple?: []; params?: {} }
    'governance.meetings.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.attendances.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.meetings.minutes': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.minutes.signed': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.documents.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.write.colleges.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.write.members.create': { paramsTuple?: []; params?: {} }
    'governance.write.members.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.write.persons.create': { paramsTuple?: []; params?: {} }
    'governance.write.persons.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.write.seats.create': { paramsTuple?: []; params?: {} }
    'governance.write.meetings.create': { paramsTuple?: []; params?: {} }
    'governance.board_packs.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.board_packs.preview': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.board_packs.pdf': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.board_packs.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'quality.score': { paramsTuple?: []; params?: {} }
    'quality.score.print': { paramsTuple?: []; params?: {} }
    'quality.score.export': { paramsTuple?: []; params?: {} }
    'quality.criteria.index': { paramsTuple?: []; params?: {} }
    'quality.criteria.export': { paramsTuple?: []; params?: {} }
    'quality.history.export': { paramsTuple?: []; params?: {} }
    'quality.referential.export': { paramsTuple?: []; params?: {} }
    'quality.criteria.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'quality.evidence.download': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'quality.plan.index': { paramsTuple?: []; params?: {} }
    'quality.plan.export': { paramsTuple?: []; params?: {} }
    'activity.programmes.create': { paramsTuple?: []; params?: {} }
    'activity.programmes.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'activity.territories.create': { paramsTuple?: []; params?: {} }
    'activity.territories.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'activity.programmes.targets': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'activity.programmes.targets.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'activity.key_figures': { paramsTuple?: []; params?: {} }
    'activity.key_figures.export': { paramsTuple?: []; params?: {} }
    'activity.key_figures.table': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'activity.values': { paramsTuple?: []; params?: {} }
    'activity.values.export': { paramsTuple?: []; params?: {} }
    'activity.programmes': { paramsTuple?: []; params?: {} }
    'activity.programmes.export': { paramsTuple?: []; params?: {} }
    'activity.programmes.show': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'activity.territories': { paramsTuple?: []; params?: {} }
    'activity.territories.export': { paramsTuple?: []; params?: {} }
    'reconciliation.index': { paramsTuple?: []; params?: {} }
    'reconciliation.export': { paramsTuple?: []; params?: {} }
    'annual_report.show': { paramsTuple?: []; params?: {} }
    'annual_report.document': { paramsTuple?: []; params?: {} }
    'annual_report.export': { paramsTuple?: []; params?: {} }
    'annual_report.print': { paramsTuple?: []; params?: {} }
    'hr.home': { paramsTuple?: []; params?: {} }
    'hr.bilan_social': { paramsTuple?: []; params?: {} }
    'hr.bilan_social.export': { paramsTuple?: []; params?: {} }
    'hr.bilan_social.print': { paramsTuple?: []; params?: {} }
    'hr.equality': { paramsTuple?: []; params?: {} }
    'hr.equality.export': { paramsTuple?: []; params?: {} }
    'hr.training': { paramsTuple?: []; params?: {} }
    'hr.training.export': { paramsTuple?: []; params?: {} }
    'hr.job_references': { paramsTuple?: []; params?: {} }
    'hr.training_plan': { paramsTuple?: []; params?: {} }
    'hr.training_plan.export': { paramsTuple?: []; params?: {} }
    'hr.job_references.export': { paramsTuple?: []; params?: {} }
    'hr.personal.employees': { paramsTuple?: []; params?: {} }
    'hr.personal.employees.export': { paramsTuple?: []; params?: {} }
    'hr.personal.employees.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'hr.personal.employees.gdpr': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'hr.personal.register': { paramsTuple?: []; params?: {} }
    'hr.personal.register.export': { paramsTuple?: []; params?: {} }
    'hr.personal.time': { paramsTuple?: []; params?: {} }
    'hr.personal.time.export': { paramsTuple?: []; params?: {} }
    'hr.personal.dsn': { paramsTuple?: []; params?: {} }
    'hr.personal.dsn.export': { paramsTuple?: []; params?: {} }
    'hr.personal.dsn.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounting.statements.index': { paramsTuple?: []; params?: {} }
    'accounting.statements.income': { paramsTuple?: []; params?: {} }
    'accounting.statements.income.export': { paramsTuple?: []; params?: {} }
    'accounting.statements.balance': { paramsTuple?: []; params?: {} }
    'accounting.statements.balance.export': { paramsTuple?: []; params?: {} }
    'accounting.statements.print': { paramsTuple?: []; params?: {} }
    'accounting.statements.line.export': { paramsTuple: [ParamValue,ParamValue]; params: {'kind': ParamValue,'code': ParamValue} }
    'accounting.statements.line': { paramsTuple: [ParamValue,ParamValue]; params: {'kind': ParamValue,'code': ParamValue} }
    'accounting.budgets.index': { paramsTuple?: []; params?: {} }
    'accounting.budgets.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounting.budgets.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounting.year_end.index': { paramsTuple?: []; params?: {} }
    'accounting.layouts.index': { paramsTuple?: []; params?: {} }
    'accounting.layouts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'access_tokens.index': { paramsTuple?: []; params?: {} }
    'api.v1.openapi': { paramsTuple?: []; params?: {} }
    'api.v1.me': { paramsTuple?: []; params?: {} }
    'api.v1.fiscal_years': { paramsTuple?: []; params?: {} }
    'api.v1.income_statement': { paramsTuple?: []; params?: {} }
    'api.v1.balance_sheet': { paramsTuple?: []; params?: {} }
    'api.v1.trial_balance': { paramsTuple?: []; params?: {} }
    'api.v1.key_figures': { paramsTuple?: []; params?: {} }
    'api.v1.grants': { paramsTuple?: []; params?: {} }
    'api.v1.reconciliation': { paramsTuple?: []; params?: {} }
    'members.index': { paramsTuple?: []; params?: {} }
    'network.index': { paramsTuple?: []; params?: {} }
    'network.export': { paramsTuple?: []; params?: {} }
    'network.sharing.show': { paramsTuple?: []; params?: {} }
    'instance.organisations.index': { paramsTuple?: []; params?: {} }
    'alerts.index': { paramsTuple?: []; params?: {} }
    'alerts.export': { paramsTuple?: []; params?: {} }
    'treasury.forecast.show': { paramsTuple?: []; params?: {} }
    'treasury.forecast.export': { paramsTuple?: []; params?: {} }
    'treasury.forecast.print': { paramsTuple?: []; params?: {} }
    'treasury.items.index': { paramsTuple?: []; params?: {} }
    'treasury.items.export': { paramsTuple?: []; params?: {} }
    'treasury.write.items.create': { paramsTuple?: []; params?: {} }
    'treasury.write.items.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'bank.accounts.index': { paramsTuple?: []; params?: {} }
    'bank.accounts.export': { paramsTuple?: []; params?: {} }
    'bank.accounts.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'bank.operations.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'bank.matching.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'bank.matching.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'bank.statement.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'bank.statement.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'bank.statement.print': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'bank.write.accounts.create': { paramsTuple?: []; params?: {} }
    'health': { paramsTuple?: []; params?: {} }
    'login': { paramsTuple?: []; params?: {} }
    'welcome.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'password_resets.create': { paramsTuple?: []; params?: {} }
    'password_resets.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'users.invitations.create': { paramsTuple?: []; params?: {} }
    'home': { paramsTuple?: []; params?: {} }
    'password.edit': { paramsTuple?: []; params?: {} }
    'users.index': { paramsTuple?: []; params?: {} }
    'users.export': { paramsTuple?: []; params?: {} }
    'users.create': { paramsTuple?: []; params?: {} }
    'users.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'audit.index': { paramsTuple?: []; params?: {} }
    'audit.export': { paramsTuple?: []; params?: {} }
    'imports.index': { paramsTuple?: []; params?: {} }
    'imports.create': { paramsTuple: [ParamValue]; params: {'kind': ParamValue} }
    'imports.template': { paramsTuple: [ParamValue]; params: {'kind': ParamValue} }
    'imports.issues': { paramsTuple: [ParamValue,ParamValue]; params: {'kind': ParamValue,'id': ParamValue} }
    'setup.show': { paramsTuple?: []; params?: {} }
    'organisation_settings.edit': { paramsTuple?: []; params?: {} }
    'organisation.logo': { paramsTuple?: []; params?: {} }
    'accounting.home': { paramsTuple?: []; params?: {} }
    'accounting.fiscal_years.export': { paramsTuple?: []; params?: {} }
    'accounting.balance': { paramsTuple?: []; params?: {} }
    'accounting.balance.export': { paramsTuple?: []; params?: {} }
    'accounting.general_ledger': { paramsTuple?: []; params?: {} }
    'accounting.general_ledger.export': { paramsTuple?: []; params?: {} }
    'accounting.general_ledger.print': { paramsTuple?: []; params?: {} }
    'accounting.programme_costs': { paramsTuple?: []; params?: {} }
    'accounting.programme_costs.export': { paramsTuple?: []; params?: {} }
    'accounting.accounts.index': { paramsTuple?: []; params?: {} }
    'accounting.accounts.export': { paramsTuple?: []; params?: {} }
    'accounting.entries.index': { paramsTuple?: []; params?: {} }
    'accounting.entries.export': { paramsTuple?: []; params?: {} }
    'accounting.entries.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounting.entries.show.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounting.fec.imports.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounting.fec.imports.errors': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounting.fec.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounting.entries.create': { paramsTuple?: []; params?: {} }
    'accounting.entries.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounting.fec.imports.create': { paramsTuple?: []; params?: {} }
  }
  POST: {
    'grants.write.funders.store': { paramsTuple?: []; params?: {} }
    'grants.write.grants.store': { paramsTuple?: []; params?: {} }
    'grants.write.grants.split': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.grants.event': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.grants.amend': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.grants.schedule': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.grants.receipt': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.grants.target': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.grants.deadline': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.grants.upload': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.grants.allocate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.grants.budget.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.year_end.propose': { paramsTuple?: []; params?: {} }
    'grants.write.schedule_lines.cancellation': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.receipts.cancellation': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.targets.cancellation': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.deadlines.cancellation': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.steps.cancellation': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.write.rules.update': { paramsTuple: [ParamValue]; params: {'kind': ParamValue} }
    'governance.write.colleges.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.write.members.store': { paramsTuple?: []; params?: {} }
    'governance.write.members.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.write.members.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.write.persons.store': { paramsTuple?: []; params?: {} }
    'governance.write.persons.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.write.persons.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.write.votes.recompute': { paramsTuple?: []; params?: {} }
    'governance.write.seats.store': { paramsTuple?: []; params?: {} }
    'governance.write.seats.end': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.write.seats.bureau': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.write.meetings.store': { paramsTuple?: []; params?: {} }
    'governance.write.attendances.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.write.attendances.update': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'attendanceId': ParamValue} }
    'governance.write.resolutions.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.write.documents.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.write.minutes.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.write.votes.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.write.resolutions.result': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.write.resolutions.rectification': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.write.board_packs.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'governance.write.board_packs.generate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'quality.evidence.upload': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'quality.links.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'quality.plan.store': { paramsTuple?: []; params?: {} }
    'quality.plan.axes.store': { paramsTuple?: []; params?: {} }
    'quality.plan.axes.criteria': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'quality.plan.groups.store': { paramsTuple?: []; params?: {} }
    'quality.plan.members.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'quality.plan.actions.store': { paramsTuple?: []; params?: {} }
    'quality.plan.milestones.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'quality.plan.axes.archive': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'quality.plan.groups.archive': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'quality.plan.actions.archive': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'quality.plan.milestones.archive': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'activity.programmes.store': { paramsTuple?: []; params?: {} }
    'activity.territories.store': { paramsTuple?: []; params?: {} }
    'activity.programmes.targets.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'activity.programmes.targets.import': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'reconciliation.run': { paramsTuple?: []; params?: {} }
    'annual_report.publish': { paramsTuple?: []; params?: {} }
    'hr.write.employees.store': { paramsTuple?: []; params?: {} }
    'hr.write.contracts.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'hr.write.contracts.end': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'hr.write.salaries.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'hr.write.allocations.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'hr.write.contracts.correct': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'hr.write.register.anonymise': { paramsTuple?: []; params?: {} }
    'hr.write.time.settings': { paramsTuple?: []; params?: {} }
    'hr.write.leaves.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'hr.write.pay_components.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'hr.write.pay_components.cancel': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'hr.write.job_references.store': { paramsTuple?: []; params?: {} }
    'hr.write.training.actions.store': { paramsTuple?: []; params?: {} }
    'hr.write.training.sessions.store': { paramsTuple?: []; params?: {} }
    'hr.write.training.costs.store': { paramsTuple?: []; params?: {} }
    'hr.write.training.financing.store': { paramsTuple?: []; params?: {} }
    'hr.write.training.financing.refund': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'hr.write.training.actions.cancellation': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'hr.write.training.sessions.cancellation': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'hr.write.training.participation.cancellation': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'hr.write.training.financing.cancellation': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'hr.write.training.participation.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'hr.write.dsn.store': { paramsTuple?: []; params?: {} }
    'hr.write.dsn.commit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounting.budgets.store': { paramsTuple?: []; params?: {} }
    'accounting.layouts.lines.update': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'lineId': ParamValue} }
    'accounting.budgets.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounting.budgets.approval.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounting.fiscal_years.closing.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounting.fiscal_years.allocation.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounting.fiscal_years.allocation.posting.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'access_tokens.store': { paramsTuple?: []; params?: {} }
    'organisation.switch': { paramsTuple?: []; params?: {} }
    'members.store': { paramsTuple?: []; params?: {} }
    'network.sharing.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'instance.organisations.store': { paramsTuple?: []; params?: {} }
    'instance.organisations.deactivate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'instance.networks.store': { paramsTuple?: []; params?: {} }
    'alerts.dismiss': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'treasury.write.items.store': { paramsTuple?: []; params?: {} }
    'bank.write.accounts.store': { paramsTuple?: []; params?: {} }
    'bank.write.statements.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'bank.write.matches.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'bank.write.proposals.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'bank.write.proposals.all': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'bank.write.matches.unmatch': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'login.store': { paramsTuple?: []; params?: {} }
    'welcome.update': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'password_resets.store': { paramsTuple?: []; params?: {} }
    'password_resets.update': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'users.invitations.store': { paramsTuple?: []; params?: {} }
    'users.invitations.resend': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'logout': { paramsTuple?: []; params?: {} }
    'users.store': { paramsTuple?: []; params?: {} }
    'users.deactivate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'imports.preview': { paramsTuple: [ParamValue]; params: {'kind': ParamValue} }
    'imports.commit': { paramsTuple: [ParamValue,ParamValue]; params: {'kind': ParamValue,'id': ParamValue} }
    'setup.store': { paramsTuple?: []; params?: {} }
    'organisation_settings.logo.store': { paramsTuple?: []; params?: {} }
    'accounting.fiscal_years.store': { paramsTuple?: []; params?: {} }
    'accounting.accounts.store': { paramsTuple?: []; params?: {} }
    'accounting.programme_costs.key.store': { paramsTuple?: []; params?: {} }
    'accounting.entries.store': { paramsTuple?: []; params?: {} }
    'accounting.entries.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounting.entries.validation.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounting.entries.reversal.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounting.entries.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounting.fec.imports.store': { paramsTuple?: []; params?: {} }
  }
  PUT: {
    'grants.write.funders.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.grants.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.budget.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.grants.report.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.schedule_lines.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.receipts.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.targets.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.deadlines.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.steps.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'quality.referentials.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'quality.criteria.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'quality.plan.actions.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'quality.plan.milestones.reach': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'quality.plan.axes.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'quality.plan.groups.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'activity.programmes.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'activity.territories.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'activity.values.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'activity.targets.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'hr.write.employees.identity': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'hr.write.training.actions.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'hr.write.training.sessions.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'hr.write.training.participation.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'hr.write.training.financing.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'alerts.preference': { paramsTuple?: []; params?: {} }
    'treasury.write.items.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'treasury.write.threshold.update': { paramsTuple?: []; params?: {} }
    'bank.write.mapping.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'password.update': { paramsTuple?: []; params?: {} }
    'users.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'organisation_settings.update': { paramsTuple?: []; params?: {} }
  }
  DELETE: {
    'grants.write.grants.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'grants.write.budget.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'quality.evidence.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'quality.links.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'quality.plan.axes.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'quality.plan.groups.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'quality.plan.actions.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'quality.plan.milestones.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'activity.values.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'activity.targets.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'accounting.fiscal_years.closing.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'access_tokens.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'members.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'network.sharing.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'instance.organisations.reactivate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'instance.networks.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'treasury.write.items.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'users.reactivate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'organisation_settings.logo.destroy': { paramsTuple?: []; params?: {} }
  }
}
declare module '@adonisjs/core/types/http' {
  export interface RoutesList extends ScannedRoutes {}
}