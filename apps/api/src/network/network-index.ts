/**
 * This process's copy of the network: a @kontakt/graph index built from the
 * contact records when the store's read model first loads, then kept current
 * by it from the outbox's connection events (the read model's `sync` runs
 * before every network query and feed page). It also answers the feed's
 * "who are the reader's contacts" from memory, and keeps which id is behind
 * each handle (handle-ids.ts).
 */

import type { DomainEvent } from "@kontakt/domain"
import { GraphIndex, IdMap, Scratch, type Visibility } from "@kontakt/graph"
import {
  connectionPairs,
  type NetworkView,
  ReaderViews,
  ReadModel,
  type Subscriber,
} from "@kontakt/store"
import { Effect, Layer } from "effect"
import { HandleIds } from "./handle-ids.js"

export class NetworkIndex implements Subscriber, NetworkView {
  private graph: GraphIndex = GraphIndex.fromPairs(1024, new Uint32Array())
  private scratch: Scratch = new Scratch(1024)
  private readonly ids = new IdMap()
  private changes = 0
  /** Which member id is behind a handle, as a hint. */
  readonly handles = new HandleIds()

  readonly load: Subscriber["load"] = (db) =>
    Effect.zipRight(
      Effect.map(db.all(connectionPairs), (rows) => {
        const pairs = new Uint32Array(rows.length * 2)
        rows.forEach(([a, b], i) => {
          pairs[2 * i] = this.ids.intern(a)
          pairs[2 * i + 1] = this.ids.intern(b)
        })
        this.graph = GraphIndex.fromPairs(this.ids.size + 1024, pairs)
        this.scratch = new Scratch(this.graph.size)
      }),
      this.handles.load(db),
    )

  apply(event: DomainEvent) {
    if (event._tag === "ConnectionMade") {
      const [a, b] = [this.indexOf(event.a), this.indexOf(event.b)]
      this.graph.addEdge(a, b)
    } else if (event._tag === "ConnectionRemoved") {
      const [a, b] = [this.indexOf(event.by), this.indexOf(event.other)]
      this.graph.removeEdge(a, b)
    } else return
    // Fold a large overlay back into the compressed index (counted now and then, not per event).
    if (++this.changes % 10_000 === 0 && this.graph.pendingChanges > 100_000)
      this.rebuild(this.graph.size)
  }

  private rebuild(size: number) {
    this.graph = this.graph.compact(size)
    this.scratch = new Scratch(this.graph.size)
  }

  /** The index as it is now (the caller has synced the read model). */
  current(): { graph: GraphIndex; scratch: Scratch; ids: IdMap } {
    return { graph: this.graph, scratch: this.scratch, ids: this.ids }
  }

  /** The index of a member, adding them (with no contacts yet) if new. */
  indexOf(id: string): number {
    const i = this.ids.intern(id)
    if (this.ids.size > this.graph.size) this.rebuild(this.ids.size * 2)
    return i
  }

  contactsOf(member: string): readonly string[] {
    const i = this.ids.indexOf(member)
    if (i === undefined) return []
    const out: string[] = []
    for (const n of this.graph.neighbors(i)) out.push(this.ids.idOf(n) ?? "")
    return out
  }

  mutualCount(member: string, other: string): number {
    const a = this.ids.indexOf(member)
    const b = this.ids.indexOf(other)
    if (a === undefined || b === undefined) return 0
    const [x, y] = [this.graph.neighbors(a), this.graph.neighbors(b)]
    let n = 0
    for (let i = 0, j = 0; i < x.length && j < y.length; ) {
      const [u, v] = [x[i] ?? 0, y[j] ?? 0]
      if (u === v) {
        n++
        i++
        j++
      } else if (u < v) i++
      else j++
    }
    return n
  }

  isContact(member: string, other: string): boolean {
    const a = this.ids.indexOf(member)
    const b = this.ids.indexOf(other)
    return a !== undefined && b !== undefined && this.graph.hasEdge(a, b)
  }
}

/** Keeps `index` current from the store's read model, and lets the feed ask it for contacts. */
export const networkIndexLayer = (index: NetworkIndex) =>
  Layer.effectDiscard(
    Effect.gen(function* () {
      ;(yield* ReadModel).subscribe(index)
      ;(yield* ReaderViews).useNetwork(index)
    }),
  )

/** A visibility over indices from sets of member ids. */
export const visibilityOf = (
  ids: IdMap,
  blocked: ReadonlySet<string>,
  hiding: ReadonlySet<string>,
): Visibility => ({
  blocked: (m) => {
    const id = ids.idOf(m)
    return id !== undefined && blocked.has(id)
  },
  hidesContacts: (m) => {
    const id = ids.idOf(m)
    return id !== undefined && hiding.has(id)
  },
})
