/**
 * A migration tried on a database with rows, on SQLite and on PostgreSQL
 * alike: `upgrade` builds the rows, migrates and returns what it found; both
 * databases must give `expected`. `migrationStore` is what an `upgrade`
 * works with.
 */
import { Effect, Layer, ManagedRuntime } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { migrateWith } from "../../src/db/Migrator.js"
import { Db, type Param, storeServices } from "../../src/index.js"
import { migrations } from "../../src/Migrate.js"
import { type DatabaseConfig, databaseLayer } from "../../src/node.js"
import { type RunningPostgres, startPostgres } from "../../src/testing/postgres.js"
import { tempSqlite } from "./harness.js"

export const describeMigration = (
  title: string,
  upgrade: (config: DatabaseConfig) => Promise<unknown>,
  expected: unknown,
) =>
  describe(title, () => {
    let pg: RunningPostgres
    beforeAll(async () => {
      pg = await startPostgres()
      await pg.createDatabase("migration")
    }, 120_000)
    afterAll(async () => {
      await pg?.stop()
    })

    it("on SQLite", async () => {
      const db = tempSqlite()
      try {
        expect(await upgrade(db.config)).toEqual(expected)
      } finally {
        db.remove()
      }
    })

    it("on PostgreSQL", async () => {
      expect(await upgrade({ kind: "pg", url: pg.url("migration") })).toEqual(expected)
    })
  })

const at = "2026-01-01T00:00:00.000Z"

/**
 * The store on `config`, for an `upgrade`: SQL as it is written, the
 * migrations up to one, and members with nothing but their names.
 */
export const migrationStore = (config: DatabaseConfig) => {
  const runtime = ManagedRuntime.make(
    storeServices.pipe(Layer.provideMerge(databaseLayer(config)), Layer.orDie),
  )
  const sql = (text: string, params: readonly Param[] = []) =>
    runtime.runPromise(Effect.flatMap(Db, (db) => db.unsafe(text, params)))
  return {
    sql,
    /** Applies every migration up to `id` (not yet applied ones); returns the ids applied now. */
    migrateTo: async (id: number) =>
      (await runtime.runPromise(migrateWith(migrations.filter((m) => m.id <= id)))).map(
        ([applied]) => applied,
      ),
    /** Members whose id, handle and name are each of `ids`. */
    members: async (ids: readonly string[]) => {
      for (const id of ids)
        await sql(
          `INSERT INTO members (id, handle, email, display_name, settings, password_hash, created_at)
           VALUES (?, ?, ?, ?, '{}', 'x', ?)`,
          [id, id, `${id}@example.org`, id, at],
        )
    },
    dispose: () => runtime.dispose(),
  }
}
