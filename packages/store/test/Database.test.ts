import { existsSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { SqlClient } from "@effect/sql"
import { Effect, Layer, ManagedRuntime } from "effect"
import { describe, expect, it } from "vitest"
import { databaseLayer, migrate, parseDatabaseUrl } from "../src/index.js"

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
})
