/**
 * The network as a compressed adjacency index: members are dense integers
 * 0..n-1, each member's contacts a sorted run in one Uint32Array (CSR), plus
 * a small overlay of changes since the last build. 4 bytes per directed edge
 * and 4 per member; no Maps of Sets.
 *
 * @example
 * ```ts
 * const g = GraphIndex.fromEdges(4, [[0, 1], [1, 2], [2, 3]])
 * g.neighbors(1) // Uint32Array [0, 2]
 * ```
 */
export class GraphIndex {
  private readonly added = new Map<number, Set<number>>()
  private readonly removed = new Map<number, Set<number>>()
  private overlayEdges = 0

  private constructor(
    /** offsets[v]..offsets[v+1] is v's run in `targets`. */
    private readonly offsets: Uint32Array,
    private readonly targets: Uint32Array,
    readonly size: number,
  ) {}

  /**
   * Builds the index from undirected edges (each pair once, in either order;
   * self-loops and duplicates are dropped). Two passes: count degrees, then
   * fill, then sort each run.
   */
  static fromEdges(size: number, edges: Iterable<readonly [number, number]>): GraphIndex {
    const list: number[] = []
    for (const [a, b] of edges) {
      if (a === b || a < 0 || b < 0 || a >= size || b >= size) continue
      list.push(a, b)
    }
    return GraphIndex.fromPairs(size, Uint32Array.from(list))
  }

  /** Builds from a flat array of pairs [a0, b0, a1, b1, …]: the fast path for millions of edges. */
  static fromPairs(size: number, pairs: Uint32Array): GraphIndex {
    const degree = new Uint32Array(size + 1)
    for (let i = 0; i < pairs.length; i += 2) {
      const a = pairs[i] ?? 0
      const b = pairs[i + 1] ?? 0
      if (a === b) continue
      degree[a] = (degree[a] ?? 0) + 1
      degree[b] = (degree[b] ?? 0) + 1
    }
    const offsets = new Uint32Array(size + 1)
    for (let v = 0; v < size; v++) offsets[v + 1] = (offsets[v] ?? 0) + (degree[v] ?? 0)
    const targets = new Uint32Array(offsets[size] ?? 0)
    const cursor = offsets.slice(0, size)
    for (let i = 0; i < pairs.length; i += 2) {
      const a = pairs[i] ?? 0
      const b = pairs[i + 1] ?? 0
      if (a === b) continue
      targets[cursor[a] ?? 0] = b
      cursor[a] = (cursor[a] ?? 0) + 1
      targets[cursor[b] ?? 0] = a
      cursor[b] = (cursor[b] ?? 0) + 1
    }
    // Sort each run and drop duplicates by compacting in place.
    let write = 0
    const compacted = new Uint32Array(size + 1)
    for (let v = 0; v < size; v++) {
      const run = targets.subarray(offsets[v] ?? 0, offsets[v + 1] ?? 0).sort()
      compacted[v] = write
      let last = -1
      for (const t of run) {
        if (t !== last) targets[write++] = t
        last = t
      }
    }
    compacted[size] = write
    return new GraphIndex(
      compacted,
      write === targets.length ? targets : targets.slice(0, write),
      size,
    )
  }

  /** Bytes the index itself holds (offsets and targets). */
  get bytes(): number {
    return this.offsets.byteLength + this.targets.byteLength
  }

  /** Number of directed edges (each connection counts twice). */
  get directedEdges(): number {
    return this.targets.length + this.overlayEdges
  }

  /** v's contacts, sorted ascending. A view into the index unless v has pending changes. */
  neighbors(v: number): Uint32Array {
    const base = this.targets.subarray(this.offsets[v] ?? 0, this.offsets[v + 1] ?? 0)
    const plus = this.added.get(v)
    const minus = this.removed.get(v)
    if (plus === undefined && minus === undefined) return base
    const merged = [...base].filter((t) => minus === undefined || !minus.has(t))
    if (plus !== undefined) merged.push(...plus)
    return Uint32Array.from(merged).sort()
  }

  /**
   * v's contacts as a run of an array (`array[start]` up to `array[end - 1]`),
   * for hot loops: the index's own array unless v has pending changes.
   */
  run(v: number): { readonly array: Uint32Array; readonly start: number; readonly end: number } {
    if (this.added.has(v) || this.removed.has(v)) {
      const array = this.neighbors(v)
      return { array, start: 0, end: array.length }
    }
    return { array: this.targets, start: this.offsets[v] ?? 0, end: this.offsets[v + 1] ?? 0 }
  }

  degree(v: number): number {
    const plus = this.added.get(v)?.size ?? 0
    const minus = this.removed.get(v)?.size ?? 0
    return (this.offsets[v + 1] ?? 0) - (this.offsets[v] ?? 0) + plus - minus
  }

  hasEdge(a: number, b: number): boolean {
    if (this.removed.get(a)?.has(b) === true) return false
    if (this.added.get(a)?.has(b) === true) return true
    return binarySearch(this.targets, this.offsets[a] ?? 0, this.offsets[a + 1] ?? 0, b)
  }

  /** Records a new connection in the overlay. */
  addEdge(a: number, b: number): void {
    if (a === b || this.hasEdge(a, b)) return
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      if (this.removed.get(x)?.delete(y) !== true) setOf(this.added, x).add(y)
    }
    this.overlayEdges += 2
  }

  /** Records a removed connection in the overlay. */
  removeEdge(a: number, b: number): void {
    if (!this.hasEdge(a, b)) return
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      if (this.added.get(x)?.delete(y) !== true) setOf(this.removed, x).add(y)
    }
    this.overlayEdges -= 2
  }

  /** How many pending changes the overlay holds; compact when it grows. */
  get pendingChanges(): number {
    let n = 0
    for (const s of this.added.values()) n += s.size
    for (const s of this.removed.values()) n += s.size
    return n
  }

  /** A fresh index with every pending change folded in. */
  compact(size: number = this.size): GraphIndex {
    const pairs: number[] = []
    for (let v = 0; v < this.size; v++)
      for (const t of this.neighbors(v)) if (v < t) pairs.push(v, t)
    return GraphIndex.fromPairs(Math.max(size, this.size), Uint32Array.from(pairs))
  }
}

const setOf = (map: Map<number, Set<number>>, key: number) => {
  let set = map.get(key)
  if (set === undefined) {
    set = new Set()
    map.set(key, set)
  }
  return set
}

const binarySearch = (a: Uint32Array, lo: number, hi: number, x: number): boolean => {
  let l = lo
  let h = hi - 1
  while (l <= h) {
    const m = (l + h) >>> 1
    const v = a[m] ?? 0
    if (v === x) return true
    if (v < x) l = m + 1
    else h = m - 1
  }
  return false
}
