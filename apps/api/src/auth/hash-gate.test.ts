import { describe, expect, it } from "vitest"
import { HashingBusy, hashGate } from "./hash-gate.js"

/** A task that finishes when the test says so. */
const deferred = () => {
  let resolve: (v: string) => void = () => {}
  const promise = new Promise<string>((r) => {
    resolve = r
  })
  return { promise, resolve }
}

describe("the hash gate", () => {
  it("runs at most `concurrency` at once, queues up to `queue`, refuses the rest at once", async () => {
    const gate = hashGate({ concurrency: 2, queue: 1 })
    const tasks = [deferred(), deferred(), deferred()]
    const started: number[] = []
    const results = tasks.map((t, i) =>
      gate.run(() => {
        started.push(i)
        return t.promise
      }),
    )
    expect(started).toEqual([0, 1])
    expect(gate.load()).toEqual({ running: 2, waiting: 1 })
    expect(gate.full()).toBe(true)
    await expect(gate.run(() => Promise.resolve("late"))).rejects.toBeInstanceOf(HashingBusy)
    tasks[1]?.resolve("b")
    expect(await results[1]).toBe("b")
    // The finished one's turn went to the one waiting.
    await expect.poll(() => started).toEqual([0, 1, 2])
    expect(gate.load()).toEqual({ running: 2, waiting: 0 })
    expect(gate.full()).toBe(false)
    tasks[0]?.resolve("a")
    tasks[2]?.resolve("c")
    expect(await Promise.all(results)).toEqual(["a", "b", "c"])
    expect(gate.load()).toEqual({ running: 0, waiting: 0 })
  })

  it("a failing task frees its turn", async () => {
    const gate = hashGate({ concurrency: 1, queue: 0 })
    await expect(gate.run(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom")
    expect(await gate.run(() => Promise.resolve("next"))).toBe("next")
  })

  it("refuses settings that would let every hash through", () => {
    expect(() => hashGate({ concurrency: Number.NaN, queue: 1 })).toThrow(/HASH_CONCURRENCY/)
    expect(() => hashGate({ concurrency: 0, queue: 1 })).toThrow(/HASH_CONCURRENCY/)
  })
})
