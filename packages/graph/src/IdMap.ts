/**
 * Member ids ↔ dense indices, for moving between the store's ids and the index.
 */
import type { MemberId } from "@kontakt/domain"

export class IdMap {
  private readonly index = new Map<MemberId, number>()
  private readonly ids: MemberId[] = []

  /** The index of an id, assigning the next one if it is new. */
  intern(id: MemberId): number {
    const known = this.index.get(id)
    if (known !== undefined) return known
    this.index.set(id, this.ids.length)
    this.ids.push(id)
    return this.ids.length - 1
  }

  indexOf(id: MemberId): number | undefined {
    return this.index.get(id)
  }

  idOf(index: number): MemberId | undefined {
    return this.ids[index]
  }

  get size(): number {
    return this.ids.length
  }
}
