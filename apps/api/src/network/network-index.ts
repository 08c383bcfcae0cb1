/**
 * This process's copy of the network: a @kontakt/graph index built from the
 * connections table on first use, then kept current by following connection
 * events in the outbox by sequence number. Every network query first catches
 * up (one cheap query), so a process sees its own writes at once and other
 * processes' writes on its next query.
 */
import { GraphIndex, IdMap, Scratch, type Visibility } from "@kontakt/graph"
import { Network } from "@kontakt/store"
import { Effect } from "effect"
import type { AppDeps } from "../runtime.js"

export class NetworkIndex {
  private graph: GraphIndex | null = null
  private scratch: Scratch | null = null
  private readonly ids = new IdMap()
  private seq = 0
  private catchingUp: Promise<void> | null = null

  constructor(private readonly runtime: AppDeps["runtime"]) {}

  private async load() {
    const snapshot = await this.runtime.runPromise(Effect.flatMap(Network, (n) => n.snapshot))
    const pairs = new Uint32Array(snapshot.pairs.length * 2)
    snapshot.pairs.forEach((p, i) => {
      pairs[2 * i] = this.ids.intern(p.pairLo)
      pairs[2 * i + 1] = this.ids.intern(p.pairHi)
    })
    this.graph = GraphIndex.fromPairs(this.ids.size + 1024, pairs)
    this.scratch = new Scratch(this.graph.size)
    this.seq = snapshot.seq
  }

  private async applyChanges() {
    if (this.graph === null) return this.load()
    const changes = await this.runtime.runPromise(
      Effect.flatMap(Network, (n) => n.changesSince(this.seq)),
    )
    for (const c of changes) {
      const a = this.ids.intern(c.a)
      const b = this.ids.intern(c.b)
      this.grow()
      if (c.kind === "made") this.graph.addEdge(a, b)
      else this.graph.removeEdge(a, b)
      this.seq = c.seq
    }
    // Fold a large overlay back into the compressed index.
    if (this.graph.pendingChanges > 100_000) this.rebuild(this.graph.size)
  }

  private grow() {
    if (this.graph !== null && this.ids.size > this.graph.size) this.rebuild(this.ids.size * 2)
  }

  private rebuild(size: number) {
    if (this.graph === null) return
    this.graph = this.graph.compact(size)
    this.scratch = new Scratch(this.graph.size)
  }

  /** Catches up with the outbox; concurrent callers share one catch-up. */
  async current(): Promise<{ graph: GraphIndex; scratch: Scratch; ids: IdMap }> {
    this.catchingUp ??= this.applyChanges().finally(() => {
      this.catchingUp = null
    })
    await this.catchingUp
    if (this.graph === null || this.scratch === null)
      throw new Error("the network index did not load")
    return { graph: this.graph, scratch: this.scratch, ids: this.ids }
  }

  /** The index of a member, adding them (with no contacts yet) if new. */
  indexOf(id: string): number {
    const i = this.ids.intern(id)
    this.grow()
    return i
  }
}

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
