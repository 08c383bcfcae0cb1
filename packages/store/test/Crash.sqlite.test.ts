import { afterAll, describe, expect, it } from "vitest"
import { type Harness, makeHarness, tempSqlite } from "./support/harness.js"
import { worker } from "./support/processes.js"
import { expectInvariants } from "./support/races.js"

describe("crash safety on SQLite", () => {
  const db = tempSqlite()
  let h: Harness | undefined
  afterAll(async () => {
    await h?.close()
    db.remove()
  })

  it("after SIGKILL in a stream of acknowledged writes, every acknowledged write is there and every invariant holds", async () => {
    const setup = await makeHarness(db.config)
    const pairs: [string, string, string][] = []
    for (let i = 0; i < 300; i++) {
      const from = await setup.member(`from${i}`)
      const to = await setup.member(`to${i}`)
      pairs.push([from, to, `to${i}`])
    }
    await setup.close()

    const w = worker(db.config.filename, "-", "stream", { pairs })
    // Its exit by SIGKILL is the point of this test, not a failure.
    w.done.catch(() => undefined)
    const acks: { ack: string; id: string }[] = []
    let buffer = ""
    await new Promise<void>((resolve, reject) => {
      w.child.stdout.on("data", (d: Buffer) => {
        buffer += d.toString()
        const lines = buffer.split("\n")
        buffer = lines.pop() ?? ""
        for (const line of lines) {
          const parsed = JSON.parse(line) as { ack?: string; id?: string }
          if (parsed.ack !== undefined && parsed.id !== undefined)
            acks.push({ ack: parsed.ack, id: parsed.id })
        }
        // Kill it in the middle of the stream, while it is writing.
        if (acks.length >= 150 && w.child.exitCode === null) w.child.kill("SIGKILL")
      })
      w.child.on("exit", (_code, signal) =>
        signal === "SIGKILL"
          ? resolve()
          : reject(new Error(`worker ended without being killed (${signal})`)),
      )
    })
    expect(acks.length).toBeGreaterThanOrEqual(150)

    h = await makeHarness(db.config)
    const check = await h.query("PRAGMA integrity_check")
    expect(check[0]?.["integrity_check"]).toBe("ok")
    const states = new Map(
      (await h.query("SELECT id, state FROM requests")).map((r) => [r["id"], r["state"]]),
    )
    for (const { ack, id } of acks) {
      expect(states.has(id), `acknowledged ${ack} ${id} is missing`).toBe(true)
      if (ack === "accepted") expect(states.get(id)).toBe("accepted")
    }
    const accepted = acks.filter((a) => a.ack === "accepted").map((a) => a.id)
    const connections = await h.query("SELECT request_id FROM contacts")
    const connected = new Set(connections.map((c) => c["request_id"]))
    for (const id of accepted) expect(connected.has(id)).toBe(true)
    await expectInvariants(h)
  })
})
