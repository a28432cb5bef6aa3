import { BaseMail } from '@adonisjs/mail'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { absoluteUrl } from '#mail/links'
import type { AlertRow } from '#reports/alerts/alert_list'
import { formatDate } from '#support/french_format'
import { ALERT_KINDS } from '#vocabulary/alerts'

export interface AlertDigest {
  fullName: string
  email: string
  organisationName: string
  /** "du jour" or "de la semaine". */
  period: string
  alerts: AlertRow[]
}

/** The digest of a person's open alerts: each with the page where it is resolved. */
export default class AlertDigestMail extends BaseMail {
  constructor(private digest: AlertDigest) {
    super()
    const late = digest.alerts.filter((alert) => alert.overdue).length
    this.subject = `${digest.organisationName} : ${digest.alerts.length} alerte(s) en cours, dont ${late} en retard`
  }

  prepare() {
    const alerts = this.digest.alerts.map((alert) => ({
      kind: ALERT_KINDS[alert.kind],
      title: alert.title,
      detail: alert.detail,
      due: formatDate(alert.dueOn),
      overdue: alert.overdue,
      link: absoluteUrl(urlFor(alert.link.route, alert.link.params ?? {}, { qs: alert.link.qs })),
    }))
    const data = {
      ...this.digest,
      alerts,
      late: alerts.filter((alert) => alert.overdue).length,
      link: absoluteUrl(urlFor('alerts.index')),
    }
    this.message
      .to(this.digest.email, this.digest.fullName)
      .htmlView('emails/alert_digest', data)
      .textView('emails/alert_digest_text', data)
  }
}
