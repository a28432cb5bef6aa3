import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import Organisation from '#models/core/organisation'
import User from '#models/core/user'
import OneTimeLink from '#models/core/one_time_link'
import { issueOneTimeLink } from '#actions/core/one_time_links'
import { seedChartOfAccounts } from '#actions/accounting/seed_chart_of_accounts'
import { seedStatementLayouts } from '#actions/accounting/seed_statement_layouts'
import { seedQuorumRules } from '#actions/governance/seed_quorum_rules'
import { recordEvent } from '#support/audit'
import {
  ConflictError,
  registerConstraintMessages,
  RuleError,
  underDatabaseRules,
} from '#support/domain_errors'
import { actingAs } from '#support/request_context'
import { withTransaction } from '#support/transaction'

export interface NewOrganisation {
  name: string
  siren: string
  adminEmail: string
  adminName: string
}

const SIREN_TAKEN = 'Une organisation avec ce SIREN existe déjà.'
const EMAIL_TAKEN =
  'Cette adresse e-mail est déjà celle d’un compte (une adresse ne sert qu’à un compte, toutes organisations confondues).'

registerConstraintMessages({ organisations_siren_unique: { message: SIREN_TAKEN, field: 'siren' } })

/** SIREN: nine digits whose Luhn checksum is right (INSEE). */
export function sirenIsValid(siren: string) {
  if (!/^\d{9}$/.test(siren)) return false
  let total = 0
  for (let i = 0; i < 9; i++) {
    let digit = Number(siren[8 - i])
    if (i % 2 === 1) {
      digit *= 2
      if (digit > 9) digit -= 9
    }
    total += digit
  }
  return total % 10 === 0
}

function slugify(text: string) {
  return (
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48)
      .replace(/-+$/g, '') || 'organisation'
  )
}

/** Checks and normalises the input; refusals are French and name their field. */
function checked(input: NewOrganisation): NewOrganisation {
  const name = input.name.trim().replace(/\s+/g, ' ')
  const siren = input.siren.replace(/\s+/g, '')
  const adminEmail = input.adminEmail.trim().toLowerCase()
  const adminName = input.adminName.trim().replace(/\s+/g, ' ')
  if (name.length < 2 || name.length > 200) {
    throw new RuleError('Le nom de l’organisation doit compter de 2 à 200 caractères.', {
      field: 'name',
    })
  }
  if (!/^\d{9}$/.test(siren)) {
    throw new RuleError('Le SIREN doit compter exactement 9 chiffres.', { field: 'siren' })
  }
  if (!sirenIsValid(siren)) {
    throw new RuleError(
      `Le SIREN ${siren} n’est pas valide : sa clé de contrôle (Luhn) ne correspond pas. Vérifiez-le sur l’avis de situation INSEE.`,
      { field: 'siren' }
    )
  }
  if (adminEmail.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(adminEmail)) {
    throw new RuleError(`L’adresse e-mail « ${adminEmail} » n’est pas valide.`, {
      field: 'adminEmail',
    })
  }
  if (adminName.length < 2 || adminName.length > 200) {
    throw new RuleError('Le nom de l’administrateur doit compter de 2 à 200 caractères.', {
      field: 'adminName',
    })
  }
  return { name, siren, adminEmail, adminName }
}

/**
 * What every organisation starts with: the association chart of accounts (every account with
 * the years it is valid in, so each fiscal year sees its version) and the usual journals, the
 * statement layouts, and the default quorum rules of its meetings. Run under actingAs.
 */
export async function seedOrganisationFoundations(
  organisationId: number,
  trx: TransactionClientContract
) {
  await seedChartOfAccounts(organisationId, trx)
  await seedStatementLayouts(organisationId, trx)
  await seedQuorumRules(trx)
}

/**
 * Starts a real organisation in one transaction: the organisation, its foundations and its
 * first admin, who has no usable password (a random secret nobody knows is hashed and
 * discarded) until they choose one through the returned welcome token. Runs in the caller's
 * transaction when given one (the setup form spends the welcome token in the same one).
 */
export async function createOrganisation(
  input: NewOrganisation,
  options: { now?: DateTime; actorLabel?: string; trx?: TransactionClientContract } = {}
) {
  const data = checked(input)
  const now = options.now ?? DateTime.now()
  return underDatabaseRules(() =>
    withTransaction(options.trx, async (trx) => {
      if (await trx.from('organisations').where('siren', data.siren).first()) {
        throw new ConflictError(SIREN_TAKEN, { field: 'siren' })
      }
      if (await trx.from('users').whereRaw('lower(email) = ?', [data.adminEmail]).first()) {
        throw new ConflictError(EMAIL_TAKEN, { field: 'adminEmail' })
      }
      const base = slugify(data.name)
      const taken = await trx.from('organisations').where('slug', base).first()
      const organisation = await Organisation.create(
        {
          name: data.name,
          legalName: data.name,
          slug: taken ? `${base}-${data.siren}` : base,
          siren: data.siren,
          timezone: 'Europe/Paris',
        },
        { client: trx }
      )
      const actor = {
        organisationId: organisation.id,
        userId: null,
        label: options.actorLabel ?? 'organisation:create',
      }
      return actingAs(actor, async () => {
        await recordEvent({
          domain: 'core',
          action: 'create',
          subjectType: 'organisations',
          subjectId: organisation.id,
          summary: `Organisation ${organisation.name} (SIREN ${organisation.siren}) créée`,
          trx,
        })
        await seedOrganisationFoundations(organisation.id, trx)
        const admin = await User.create(
          {
            organisationId: organisation.id,
            fullName: data.adminName,
            email: data.adminEmail,
            password: OneTimeLink.newToken(),
            roles: ['admin'],
            isActive: true,
          },
          { client: trx }
        )
        const token = await issueOneTimeLink(admin, 'welcome', trx, now)
        return { organisation, admin, token }
      })
    })
  )
}
