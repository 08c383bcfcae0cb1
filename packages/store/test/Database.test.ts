import { existsSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { SqlClient } from "@effect/sql"
import { Deferred, Effect, Exit, Fiber, Layer, ManagedRuntime } from "effect"
import { describe, expect, it } from "vitest"
import { migrate, writeTransaction } from "../src/index.js"
import { databaseLayer, parseDatabaseUrl } from "../src/node.js"

describe("DATABASE_URL", () => {
  it("unset means SQLite in ./data/kontakt.db", () => {
    expect(parseDatabaseUrl(undefined, "/srv/k")).toEqual({
      kind: "sqlite",
      filename: "/srv/k/data/kontakt.db",
    })
    expect(parseDatabaseUrl("  ", "/srv/k")).toEqual({
      kind: "sqlite",
      filename: "/srv/k/data/kontakt.db",
    })
  })
  it("file: means SQLite there", () => {
    expect(parseDatabaseUrl("file:/var/lib/kontakt.db", "/srv")).toEqual({
      kind: "sqlite",
      filename: "/var/lib/kontakt.db",
    })
    expect(parseDatabaseUrl("file:///var/lib/kontakt.db", "/srv")).toEqual({
      kind: "sqlite",
      filename: "/var/lib/kontakt.db",
    })
    expect(parseDatabaseUrl("file:db/k.db", "/srv")).toEqual({
      kind: "sqlite",
      filename: "/srv/db/k.db",
    })
  })
  it("postgres:// and postgresql:// mean PostgreSQL", () => {
    expect(parseDatabaseUrl("postgres://u:p@127.0.0.1:5432/k")).toEqual({
      kind: "pg",
      url: "postgres://u:p@127.0.0.1:5432/k",
    })
    expect(parseDatabaseUrl("postgresql://u@h/k").kind).toBe("pg")
  })
  it("anything else is refused with a message that says what would work", () => {
    expect(() => parseDatabaseUrl("mysql://x")).toThrow(/file:\/path\/to.db or postgres:\/\//)
    expect(() => parseDatabaseUrl("file:")).toThrow(/needs a path/)
  })
})

describe("the SQLite layer", () => {
  it("creates the directory, and opens with WAL, foreign keys and a busy timeout", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kontakt-db-"))
    try {
      const filename = join(dir, "nested", "data", "kontakt.db")
      const runtime = ManagedRuntime.make(
        databaseLayer({ kind: "sqlite", filename }).pipe(Layer.orDie),
      )
      const pragmas = await runtime.runPromise(
        Effect.gen(function* () {
          yield* migrate
          const sql = yield* SqlClient.SqlClient
          const [journal] = yield* sql<{ journalMode: string }>`PRAGMA journal_mode`
          const [fk] = yield* sql<{ foreignKeys: number }>`PRAGMA foreign_keys`
          const [busy] = yield* sql<{ timeout: number }>`PRAGMA busy_timeout`
          return { journal: journal?.journalMode, fk: fk?.foreignKeys, busy: busy?.timeout }
        }),
      )
      await runtime.dispose()
      expect(existsSync(filename)).toBe(true)
      expect(pragmas).toEqual({ journal: "wal", fk: 1, busy: 10_000 })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it("a statement outside a transaction waits for the transaction that holds the connection", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kontakt-db-"))
    const runtime = ManagedRuntime.make(
      databaseLayer({ kind: "sqlite", filename: join(dir, "k.db") }).pipe(Layer.orDie),
    )
    try {
      const result = await runtime.runPromise(
        Effect.gen(function* () {
          yield* migrate
          const sql = yield* SqlClient.SqlClient
          const names = Effect.map(
            sql<{
              name: string
            }>`SELECT name FROM outbox_cursors WHERE name LIKE 'probe%' ORDER BY name`,
            (rows) => rows.map((r) => r.name),
          )
          const inside = yield* Deferred.make<void>()
          const release = yield* Deferred.make<void>()
          // A transaction writes, pauses (as if awaiting something) and then fails.
          const failing = yield* Effect.fork(
            writeTransaction(
              [],
              Effect.gen(function* () {
                yield* sql`INSERT INTO outbox_cursors (name, seq) VALUES ('probe-rolled-back', 1)`
                yield* Deferred.succeed(inside, undefined)
                yield* Deferred.await(release)
                return yield* Effect.fail("refused" as const)
              }),
            ),
          )
          yield* Deferred.await(inside)
          // Meanwhile, outside it: a write and a read that must not become part of it.
          const outside = yield* Effect.fork(
            Effect.zipRight(
              sql`INSERT INTO outbox_cursors (name, seq) VALUES ('probe-outside', 1)`,
              names,
            ),
          )
          yield* Deferred.succeed(release, undefined)
          const failed = yield* Fiber.await(failing)
          const seen = yield* Fiber.join(outside)
          return { failed: Exit.isFailure(failed), seen, after: yield* names }
        }),
      )
      expect(result).toEqual({ failed: true, seen: ["probe-outside"], after: ["probe-outside"] })
    } finally {
      await runtime.dispose()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
