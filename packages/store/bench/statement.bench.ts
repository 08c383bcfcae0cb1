/**
 * What a statement costs in JavaScript: the same one-row read by primary
 * key, raw through better-sqlite3 (the floor), through the store's port
 * inside one Effect of ten statements (the port's cost per statement), and
 * as a command of its own through a ManagedRuntime (what one Effect per
 * command or query costs on top). Budget: ≤ 10 µs of JavaScript per
 * statement. A table, then one JSON line.
 *
 *   pnpm bench  (from packages/store)    or    node --import tsx bench/statement.bench.ts
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Layer, ManagedRuntime } from "effect"
import { Db, statement } from "../src/index.js"
import { openSqlite, sqliteDb } from "../src/node.js"
import { arg } from "./measure.js"

const N = arg("n", 200_000)

const dir = mkdtempSync(join(tmpdir(), "kontakt-stmt-"))
try {
  const raw = openSqlite(join(dir, "s.db"))
  raw.exec(
    "CREATE TABLE members (id TEXT PRIMARY KEY, handle TEXT NOT NULL, display_name TEXT NOT NULL)",
  )
  const insert = raw.prepare("INSERT INTO members VALUES (?, ?, ?)")
  raw.transaction(() => {
    for (let i = 0; i < 10_000; i++) insert.run(`m${i}`, `h${i}`, `Member ${i}`)
  })()
  const text = "SELECT id, handle, display_name FROM members WHERE id = ?"
  const decode = (r: Record<string, unknown>) => ({
    id: String(r["id"]),
    handle: String(r["handle"]),
    displayName: String(r["display_name"]),
  })
  const byId = statement(text, decode)
  const db = sqliteDb(raw)
  const runtime = ManagedRuntime.make(Layer.succeed(Db, db))
  await runtime.runPromise(Effect.void)

  // Microseconds per call of f, after a warm-up.
  const time = async (f: (i: number) => unknown) => {
    for (let i = 0; i < 20_000; i++) await f(i)
    const t = performance.now()
    for (let i = 0; i < N; i++) await f(i)
    return ((performance.now() - t) * 1000) / N
  }
  const prepared = raw.prepare(text)
  const rawUs = await time((i) => decode(prepared.get(`m${i % 10_000}`) as Record<string, unknown>))
  const ten = Effect.gen(function* () {
    let n = 0
    for (let k = 0; k < 10; k++) n += (yield* db.all(byId, [`m${(n + k) % 10_000}`])).length
    return n
  })
  const tenSync = (await time(() => Effect.runSync(ten))) / 10
  const oneCommand = await time((i) => runtime.runPromise(db.first(byId, [`m${i % 10_000}`])))
  const portUs = tenSync
  const rows = [
    ["raw better-sqlite3 get + decode", rawUs],
    ["through the port, 10 per Effect (per statement)", portUs],
    ["  … of which the port's JavaScript", portUs - rawUs],
    ["one statement as a command (runPromise)", oneCommand],
    ["  … of which the runtime and the port", oneCommand - rawUs],
  ] as const
  for (const [name, us] of rows) console.log(`${name.padEnd(52)}${us.toFixed(2).padStart(8)} µs`)
  console.log(`budget: ≤ 10 µs of JavaScript per statement`)
  const r2 = (n: number) => Math.round(n * 100) / 100
  console.log(
    JSON.stringify({
      bench: "statement",
      rawMicros: r2(rawUs),
      portMicrosPerStatement: r2(portUs),
      portOverheadMicros: r2(portUs - rawUs),
      commandMicros: r2(oneCommand),
      commandOverheadMicros: r2(oneCommand - rawUs),
    }),
  )
  await runtime.dispose()
  raw.close()
} finally {
  rmSync(dir, { recursive: true, force: true })
}
