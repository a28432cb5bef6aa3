import type { BaseModel } from '@adonisjs/lucid/orm'
import { column } from '@adonisjs/lucid/orm'
import type { NormalizeConstructor } from '@adonisjs/core/types/helpers'
import type { DateTime } from 'luxon'

/**
 * A record that can be archived (the quality plan's axes, actions, working groups and milestones,
 * migration 9100): set when it is, it is shown apart, struck out, and counted nowhere.
 */
export function Archivable<T extends NormalizeConstructor<typeof BaseModel>>(superclass: T) {
  class Archived extends superclass {
    @column.dateTime()
    declare archivedAt: DateTime | null
  }
  return Archived
}
