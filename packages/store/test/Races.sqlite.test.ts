import { writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { RequestService } from "../src/index.js"
import { type Harness, makeHarness, tempSqlite } from "./support/harness.js"
import { worker } from "./support/processes.js"
import { countConnections, countOpenBetween, expectInvariants, tally } from "./support/races.js"

// Each round starts fresh processes (tsx, effect, the store): seconds apiece while other
// packages' suites share the two cores, so these tests get the time that takes.
describe("races on SQLite (separate processes on one file)", { timeout: 180_000 }, () => {
  const db = tempSqlite()
  let h: Harness
  let barriers = 0
  beforeAll(async () => {
    h = await makeHarness(db.config)
  })
  afterAll(async () => {
    await h?.close()
    db.remove()
  })

  /** Starts workers, waits until each has opened the database, then lets them go at once. */
  const race = async (jobs: readonly { op: string; args: unknown }[]) => {
    const barrier = join(dirname(db.config.filename), `go-${++barriers}`)
    const started = jobs.map((j) => worker(db.config.filename, barrier, j.op, j.args))
    await Promise.all(
      started.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const check = () => (w.output().includes('"ready"') ? resolve() : undefined)
            w.child.stdout.on("data", check)
            w.child.on("exit", () => reject(new Error("worker exited before it was ready")))
            check()
          }),
      ),
    )
    writeFileSync(barrier, "go")
    const outputs = await Promise.all(started.map((w) => w.done))
    return outputs.map((lines) =>
      lines.filter((l) => !(typeof l === "object" && l !== null && "ready" in l)),
    )
  }

  it("A→B and B→A sent at the same moment end as exactly one connection", async () => {
    for (let round = 0; round < 3; round++) {
      const a = await h.member(`a${round}`)
      const b = await h.member(`b${round}`)
      const out = await race([
        { op: "send", args: { from: a, to: [`b${round}`] } },
        { op: "send", args: { from: b, to: [`a${round}`] } },
      ])
      expect(
        out
          .flat()
          .map((l) => (l as { kind: string }).kind)
          .sort(),
      ).toEqual(["Connected", "Sent"])
      expect(await countConnections(h, a, b)).toEqual({ connections: 1, records: 2 })
      expect(await countOpenBetween(h, a, b)).toBe(0)
    }
    await expectInvariants(h)
  })

  it("one request accepted twice at once ends accepted once", async () => {
    const a = await h.member("acc-a")
    const b = await h.member("acc-b")
    const sent = await h.run(
      Effect.flatMap(RequestService, (s) => s.send(a, "acc-b", { message: null, foundVia: null })),
    )
    if (sent._tag !== "Sent") throw new Error("not sent")
    const out = await race(
      [1, 2, 3].map(() => ({ op: "accept", args: { actor: b, requestId: sent.request.id } })),
    )
    expect(
      out
        .flat()
        .map((l) => (l as { outcome: string }).outcome)
        .sort(),
    ).toEqual(["RequestNotFound", "RequestNotFound", "ok"])
    expect(await countConnections(h, a, b)).toEqual({ connections: 1, records: 2 })
    await expectInvariants(h)
  })

  it("150 concurrent sends by one member from 5 processes honour the weekly limit of 100 exactly", async () => {
    const sender = await h.member("spammer")
    const targets: string[] = []
    for (let i = 0; i < 150; i++) {
      await h.member(`target${i}`)
      targets.push(`target${i}`)
    }
    const out = await race(
      [0, 1, 2, 3, 4].map((w) => ({
        op: "send",
        args: { from: sender, to: targets.filter((_, i) => i % 5 === w) },
      })),
    )
    const counted = tally(out.flat().map((l) => (l as { outcome: string }).outcome))

    expect(counted).toEqual({ ok: 100, RateLimited: 50 })
  })
})
