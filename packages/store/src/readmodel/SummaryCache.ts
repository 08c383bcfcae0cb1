/**
 * Members' summaries (what a list shows of a member: name, headline, bio,
 * photo flag, openness) kept in memory, so that a feed page, a profile or a
 * list of notifications reads only the members it has not seen yet.
 *
 * It stays true by following the outbox: every change to what a summary
 * shows commits a `ProfileChanged` event (or `AccountDeleted`) in the same
 * transaction, and the read model forgets the member when it applies it. A
 * request syncs the read model before it reads, so it never sees a summary
 * older than the last event committed before it, from any process.
 *
 * One race is left to close: a read of missing summaries that started
 * before a change, finishing after the change's event was applied, would
 * put the old row back. So a read takes a stamp first, and its rows are kept
 * only if no member was forgotten since (changes are rare: the rows are then
 * used by that request alone).
 */
import type { MemberId } from "@kontakt/domain"
import type { MemberSummary } from "../Members.js"

export class SummaryCache {
  private readonly entries = new Map<MemberId, MemberSummary>()
  private forgotten = 0

  constructor(private readonly capacity: number) {}

  get(id: MemberId): MemberSummary | undefined {
    return this.entries.get(id)
  }

  /** Taken before reading summaries from the database; handed back to `keep`. */
  stamp(): number {
    return this.forgotten
  }

  /** Keeps summaries read after `stamp`, unless a member was forgotten since; the oldest go first. */
  keep(summaries: readonly MemberSummary[], stamp: number): void {
    if (stamp !== this.forgotten) return
    for (const s of summaries) {
      if (!this.entries.has(s.id) && this.entries.size >= this.capacity) {
        const oldest = this.entries.keys().next()
        if (oldest.done !== true) this.entries.delete(oldest.value)
      }
      this.entries.set(s.id, s)
    }
  }

  /** The member's summary changed (or they left): read it again next time. */
  forget(id: MemberId): void {
    this.forgotten++
    this.entries.delete(id)
  }

  /** Everything read again (the read model loads afresh). */
  clear(): void {
    this.forgotten++
    this.entries.clear()
  }

  get size(): number {
    return this.entries.size
  }
}
