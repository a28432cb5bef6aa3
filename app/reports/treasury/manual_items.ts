import ManualItem from '#models/treasury/manual_item'
import { Report } from '#support/report'

/** The forecast's manual items, by date. */
export class ManualItemList extends Report<Record<string, never>, ManualItem[]> {
  build() {
    return ManualItem.query().orderBy('due_on').orderBy('id')
  }
}

/** One manual item to edit (another organisation's is not found). */
export class ManualItemForm extends Report<{ id: number }, ManualItem> {
  build() {
    return ManualItem.findOrFail(this.params.id)
  }
}
