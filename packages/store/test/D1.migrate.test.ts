/**
 * Migrations on D1 are all or nothing: a migration's schema changes and its
 * row in the migrations table go in one batch. A batch that fails (the
 * isolate dies, D1 refuses) leaves no half-made schema behind, the next
 * start applies the migration, and a second migrator racing the first
 * changes nothing.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, ManagedRuntime } from "effect"
import { afterEach, describe, expect, it } from "vitest"
import { type D1Database, d1Layer } from "../src/d1.js"
import { Db } from "../src/db/Db.js"
import { LATEST_MIGRATION, migrate } from "../src/Migrate.js"
import { emulatedD1 } from "./support/d1-emulated.js"

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})
const file = () => {
  const dir = mkdtempSync(join(tmpdir(), "kontakt-d1-migrate-"))
  dirs.push(dir)
  return join(dir, "d1.db")
}

const tables = (db: D1Database) =>
  Effect.runPromise(
    Effect.gen(function* () {
      const d = yield* Db
      const rows = yield* d.unsafe(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      return rows.map((r) => String(r["name"]))
    }).pipe(Effect.provide(d1Layer(db))),
  )

const migrateOn = async (db: D1Database) => {
  const runtime = ManagedRuntime.make(d1Layer(db))
  try {
    return await runtime.runPromise(migrate)
  } finally {
    await runtime.dispose()
  }
}

describe("migrations on D1", () => {
  it("a failed batch leaves no half-made schema, and the next start applies everything", async () => {
    const d1 = emulatedD1(file())
    let failNext = true
    const flaky: D1Database = {
      prepare: (text) => d1.prepare(text),
      batch: async (statements) => {
        if (failNext) {
          failNext = false
          throw new Error("D1 went away")
        }
        return d1.batch(statements)
      },
    }
    await expect(migrateOn(flaky)).rejects.toThrow()
    // Only the migrations table, which the migrator makes before it begins.
    expect(await tables(d1)).toEqual(["kontakt_migrations"])
    const applied = await migrateOn(flaky)
    expect(applied.map(([id]) => id)).toEqual(
      Array.from({ length: LATEST_MIGRATION }, (_, i) => i + 1),
    )
    expect(await tables(d1)).toContain("contacts")
    expect(await tables(d1)).not.toContain("connections")
    d1.close()
  })

  it("of two migrators at once, one applies the migrations and the other changes nothing", async () => {
    const path = file()
    const [a, b] = [emulatedD1(path), emulatedD1(path)]
    const results = await Promise.allSettled([migrateOn(a), migrateOn(b)])
    const applied = results.flatMap((r) => (r.status === "fulfilled" ? [r.value.length] : []))
    expect(applied).toContain(LATEST_MIGRATION)
    // Whoever lost finds nothing left to do on its next start.
    expect(await migrateOn(b)).toEqual([])
    const rows = await Effect.runPromise(
      Effect.flatMap(Db, (d) => d.unsafe("SELECT migration_id FROM kontakt_migrations")).pipe(
        Effect.provide(d1Layer(a)),
      ),
    )
    expect(rows).toHaveLength(LATEST_MIGRATION)
    a.close()
    b.close()
  })
})
