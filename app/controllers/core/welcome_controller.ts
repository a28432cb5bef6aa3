import type { HttpContext } from '@adonisjs/core/http'
import { acceptLinkPage, showLinkPage, WELCOME_PAGE } from '#http/link_pages'

/**
 * Welcome and invitation links: a new user chooses their first password (public, under the
 * guest rules). The flow is shared with password resets (app/http/link_pages.ts).
 */
export default class WelcomeController {
  async show(ctx: HttpContext) {
    return showLinkPage(ctx, WELCOME_PAGE)
  }

  async update(ctx: HttpContext) {
    return acceptLinkPage(ctx, WELCOME_PAGE)
  }
}
