import User from '#models/core/user'
import { Report } from '#support/report'

/** One user of the acting organisation, for its form (NotFound when it is not theirs). */
export class UserDetail extends Report<{ id: number }, User> {
  build() {
    return User.findOrFail(this.params.id)
  }
}
