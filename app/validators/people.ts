import vine from '@vinejs/vine'
import { ROLES } from '#vocabulary/core'

/**
 * People (issue #13): invitations, forgotten passwords, passwords chosen through a single-use
 * link. Passwords follow NIST 800-63B: length, no composition rules.
 */

/** A password chosen through a welcome, invitation or reset link. */
export const newPasswordValidator = vine.create({
  password: vine
    .string()
    .minLength(12)
    .maxLength(200)
    .confirmed({ confirmationField: 'passwordConfirmation' }),
})

/**
 * An admin invites a person: no password, they choose it through the link. An address that
 * already has an account is not refused here: the invitation makes that person a member
 * (InviteUser decides, ADR 9).
 */
export const invitationValidator = vine.create({
  fullName: vine.string().trim().minLength(2).maxLength(200),
  email: vine.string().trim().toLowerCase().email().maxLength(254),
  // A multiple select with one option chosen sends a single value.
  roles: vine
    .array(vine.enum(ROLES))
    .minLength(1)
    .distinct()
    .parse((value) => (typeof value === 'string' ? [value] : value)),
})

/** "Mot de passe oublié ?": an address, whoever it belongs to. */
export const forgottenPasswordValidator = vine.create({
  email: vine.string().trim().toLowerCase().email().maxLength(254),
})
