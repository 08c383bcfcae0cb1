/**
 * A migration tried on a database with rows, on SQLite and on PostgreSQL
 * alike: `upgrade` builds the rows, migrates and returns what it found; both
 * databases must give `expected`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { DatabaseConfig } from "../../src/node.js"
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
