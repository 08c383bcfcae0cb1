/**
 * The WAL stays bounded under writes that never pause, with reads between
 * them: from half its limit the checkpointer's thread makes the log start
 * over, and this process's writers hold back for the moment that takes;
 * should the thread fall behind (its syncs stalled by other disk traffic: the
 * whole test suite running beside it once grew the log to 36× the limit), a
 * writer copies the log itself at twice the limit.
 * (With passive checkpoints alone the same writes grew the log past 20× the
 * limit on an idle machine; on a busy one the writes slow down enough for
 * passive checkpoints to restart the log now and then, so that comparison is
 * not asserted — the bound is.)
 */
import { mkdtempSync, rmSync, statSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Layer, ManagedRuntime } from "effect"
import { describe, expect, it } from "vitest"
import { Db, statement } from "../src/index.js"
import { backgroundCheckpoints, sqliteLayer } from "../src/node.js"

const LIMIT = 256 * 1024
const ROWS = 6_000 // ~6 MiB of rows, more in frames: many times the limit
const walSize = (file: string) => {
  try {
    return statSync(`${file}-wal`).size
  } catch {
    return 0
  }
}

const create = statement(
  "CREATE TABLE IF NOT EXISTS filler (id INTEGER PRIMARY KEY, body TEXT NOT NULL)",
)
const insert = statement("INSERT INTO filler (body) VALUES (?)")
const count = statement("SELECT COUNT(*) AS n FROM filler")

/** ROWS write transactions of 1 KiB back to back through the port, a read after each; the WAL's largest size. */
const writeSteadily = async (file: string) => {
  const runtime = ManagedRuntime.make(
    Layer.merge(
      sqliteLayer(file, LIMIT),
      Layer.scopedDiscard(backgroundCheckpoints(file, { everyMs: 5, limitBytes: LIMIT })),
    ),
  )
  try {
    return await runtime.runPromise(
      Effect.gen(function* () {
        const db = yield* Db
        yield* db.run(create)
        const body = "x".repeat(1024)
        let largest = 0
        for (let i = 0; i < ROWS; i++) {
          yield* db.transaction(db.run(insert, [body]))
          yield* db.all(count)
          if (i % 10 === 0) largest = Math.max(largest, walSize(file))
        }
        return largest
      }),
    )
  } finally {
    await runtime.dispose()
  }
}

const rowsIn = async (file: string) => {
  const runtime = ManagedRuntime.make(sqliteLayer(file))
  try {
    const [row] = await runtime.runPromise(Effect.flatMap(Db, (db) => db.all(count)))
    return Number((row as { n: number }).n)
  } finally {
    await runtime.dispose()
  }
}

describe("the checkpointer", () => {
  it("keeps the WAL near its limit under writes that never pause", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kontakt-wal-"))
    try {
      const file = join(dir, "bounded.db")
      const largest = await writeSteadily(file)
      // Every row was written (the writers held back, none gave up) …
      expect(await rowsIn(file)).toBe(ROWS)
      // … and the log stayed near the limit: the limit, plus what is written between two of the thread's looks (every 5 ms).
      expect(largest).toBeLessThan(8 * LIMIT)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 60_000)
})
