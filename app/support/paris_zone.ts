import { IANAZone, Settings } from 'luxon'

/** Where the association's dates live: every DateTime of the application is in this zone. */
export const APPLICATION_ZONE = 'Europe/Paris'

const HOUR = 3_600_000
/** Since 1980, Europe/Paris has changed its offset only on whole UTC hours (01:00 UTC). */
const WHOLE_HOUR_TRANSITIONS_FROM = Date.UTC(1980, 0, 1)
const MAX_KEPT_HOURS = 200_000

/**
 * The IANA zone with its offsets kept per UTC hour. Luxon's IANAZone asks Intl for the offset of
 * every DateTime it makes (formatToParts, several times per value): building the ORM rows of a
 * page of conventions spent more time there than anywhere else (profile of the server under
 * load, ADR 12). An hour's offset is the same for every instant of it where transitions fall on
 * whole UTC hours; earlier instants are computed as before.
 */
export class KeptOffsetsZone extends IANAZone<true> {
  #offsets = new Map<number, number>()

  offset(ts: number): number {
    if (!(ts >= WHOLE_HOUR_TRANSITIONS_FROM)) return super.offset(ts)
    const hour = Math.floor(ts / HOUR)
    const kept = this.#offsets.get(hour)
    if (kept !== undefined) return kept
    const offset = super.offset(ts)
    if (this.#offsets.size >= MAX_KEPT_HOURS) this.#offsets.clear()
    this.#offsets.set(hour, offset)
    return offset
  }
}

/**
 * The application's zone for every DateTime: the default zone, and the zone luxon gives for the
 * name itself (`setZone('Europe/Paris')`, `{ zone: 'Europe/Paris' }`), which would otherwise be
 * a plain IANAZone asking Intl for each offset. Same name, same offsets, so luxon treats both as
 * the same zone.
 */
export function useKeptOffsets() {
  const zone = new KeptOffsetsZone(APPLICATION_ZONE)
  Settings.defaultZone = zone
  const create = IANAZone.create.bind(IANAZone)
  IANAZone.create = (name: string) => (name === APPLICATION_ZONE ? zone : create(name))
}
