/**
 * A record or period the user asked for does not exist (or is not theirs). Domain code throws
 * it without knowing about HTTP; the exception handler answers 404 with the French message.
 */
export class NotFoundError extends Error {}
