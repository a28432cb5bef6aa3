import vine from '@vinejs/vine'

/** The first password chosen through a welcome link (NIST 800-63B: length, no composition rules). */
export const welcomePasswordValidator = vine.create({
  password: vine
    .string()
    .minLength(12)
    .maxLength(200)
    .confirmed({ confirmationField: 'passwordConfirmation' }),
})
