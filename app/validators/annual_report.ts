import vine from '@vinejs/vine'
import { labelled, yearParam } from '#validators/rules'

/** Taking the generated annual report of a year as its published report. */
export const publishAnnualReportValidator = vine.create({ annee: yearParam() })
publishAnnualReportValidator.messagesProvider = labelled({ annee: 'année' })
