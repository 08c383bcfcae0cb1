/**
 * Reusable per-query memory sized to the network, so that queries on a
 * million members allocate nothing: stamps instead of clearing, counters
 * reset only where they were touched.
 */
export class Scratch {
  /** Mutual-contact counts: at most the viewer's degree (kontakt caps degrees at 30,000). */
  readonly counts: Uint16Array
  /** Members a query has touched, so that only they are reset. */
  readonly touched: Uint32Array
  readonly stamp: Uint32Array
  readonly stamp2: Uint32Array
  readonly parent: Int32Array
  readonly parent2: Int32Array
  readonly depth: Uint8Array
  readonly depth2: Uint8Array
  private generation = 0

  constructor(readonly size: number) {
    this.counts = new Uint16Array(size)
    this.touched = new Uint32Array(size)
    this.stamp = new Uint32Array(size)
    this.stamp2 = new Uint32Array(size)
    this.parent = new Int32Array(size)
    this.parent2 = new Int32Array(size)
    this.depth = new Uint8Array(size)
    this.depth2 = new Uint8Array(size)
  }

  /** A new generation: every stamp from earlier queries now reads as unset. */
  next(): number {
    this.generation++
    if (this.generation === 0xffffffff) {
      this.stamp.fill(0)
      this.stamp2.fill(0)
      this.generation = 1
    }
    return this.generation
  }
}
