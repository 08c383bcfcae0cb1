/**
 * Migration 21 (a member's connection count kept on them) on a database with
 * connections: the counts are filled in from the records there, and the
 * triggers count from then on, a removed account's connections included.
 */
import type { DatabaseConfig } from "../src/node.js"
import { describeMigration, migrationStore } from "./support/migration.js"

const at = "2026-01-01T00:00:00.000Z"

const upgrade = async (config: DatabaseConfig) => {
  const store = migrationStore(config)
  const { sql } = store
  const counts = async () =>
    (await sql("SELECT id, connection_count FROM members ORDER BY id")).map((r) => [
      r["id"],
      Number(r["connection_count"]),
    ])
  const pair = (owner: string, contact: string, request: string) =>
    sql(
      `INSERT INTO contacts (owner_id, contact_id, request_id, connected_at, review_due_at, sort_name)
       VALUES (?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?)`,
      [owner, contact, request, at, at, contact, contact, owner, request, at, at, owner],
    )
  try {
    await store.migrateTo(20)
    await store.members(["ada", "bob", "cem", "dan"])
    await pair("ada", "bob", "r1")
    await pair("ada", "cem", "r2")
    const applied = await store.migrateTo(21)
    const filled = await counts()
    await pair("dan", "ada", "r3")
    await sql("DELETE FROM members WHERE id = 'bob'")
    return { applied, filled, after: await counts() }
  } finally {
    await store.dispose()
  }
}

describeMigration(
  "migration 21, a member's connection count kept on them, on a database with connections",
  upgrade,
  {
    applied: [21],
    filled: [
      ["ada", 2],
      ["bob", 1],
      ["cem", 1],
      ["dan", 0],
    ],
    // Dan connected with Ada; Bob's account took his connection with Ada.
    after: [
      ["ada", 2],
      ["cem", 1],
      ["dan", 1],
    ],
  },
)
