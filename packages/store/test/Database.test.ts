import { existsSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Exit, Layer, ManagedRuntime } from "effect"
import { describe, expect, it } from "vitest"
import { Db, migrate, statement } from "../src/index.js"
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
  it("creates the directory, and opens with WAL, foreign keys, a busy timeout and a bounded log", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kontakt-db-"))
    try {
      const filename = join(dir, "nested", "data", "kontakt.db")
      const runtime = ManagedRuntime.make(
        databaseLayer({ kind: "sqlite", filename }).pipe(Layer.orDie),
      )
      const pragmas = await runtime.runPromise(
        Effect.gen(function* () {
          yield* migrate
          const db = yield* Db
          const one = (name: string) =>
            Effect.map(db.unsafe(`PRAGMA ${name}`), (rows) => Object.values(rows[0] ?? {})[0])
          return {
            journal: yield* one("journal_mode"),
            fk: yield* one("foreign_keys"),
            busy: yield* one("busy_timeout"),
            autocheckpoint: yield* one("wal_autocheckpoint"),
            limit: yield* one("journal_size_limit"),
          }
        }),
      )
      await runtime.dispose()
      expect(existsSync(filename)).toBe(true)
      expect(pragmas).toEqual({
        journal: "wal",
        fk: 1,
        busy: 10_000,
        // Its own checkpoint only as a brake, at twice the limit (in frames of 4,096 + 24 bytes).
        autocheckpoint: Math.ceil((2 * 64 * 1024 * 1024) / 4120),
        limit: 64 * 1024 * 1024,
      })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it("a transaction runs to its end alone: a step that would wait is refused, and nothing it wrote stays", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kontakt-db-"))
    const runtime = ManagedRuntime.make(
      databaseLayer({ kind: "sqlite", filename: join(dir, "k.db") }).pipe(Layer.orDie),
    )
    try {
      const insert = statement("INSERT INTO probe (name) VALUES (?)")
      const names = statement("SELECT name FROM probe ORDER BY name", (r) => String(r["name"]))
      const result = await runtime.runPromise(
        Effect.gen(function* () {
          const db = yield* Db
          yield* db.unsafe("CREATE TABLE probe (name TEXT NOT NULL)")
          // A transaction that writes, then would pause for something asynchronous.
          const paused = yield* Effect.exit(
            db.transaction(
              Effect.gen(function* () {
                yield* db.run(insert, ["probe-rolled-back"])
                yield* Effect.sleep("1 millis")
              }),
            ),
          )
          // One that writes and fails: rolled back too.
          const refused = yield* Effect.exit(
            db.transaction(
              Effect.zipRight(db.run(insert, ["probe-refused"]), Effect.fail("refused" as const)),
            ),
          )
          yield* db.transaction(db.run(insert, ["probe-kept"]))
          return {
            paused: Exit.isFailure(paused),
            refused: Exit.isFailure(refused),
            after: yield* db.all(names),
          }
        }),
      )
      expect(result).toEqual({ paused: true, refused: true, after: ["probe-kept"] })
    } finally {
      await runtime.dispose()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
