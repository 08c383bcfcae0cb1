/**
 * Migration 13 (contacts to sort later) on a database with connections: a
 * record whose owner was told their policy accepted the request is marked
 * accepted automatically; the other side's record, and records accepted by
 * hand, are not.
 */
import type { DatabaseConfig } from "../src/node.js"
import { describeMigration, migrationStore } from "./support/migration.js"

const at = "2026-01-01T00:00:00.000Z"

const upgrade = async (config: DatabaseConfig) => {
  const store = migrationStore(config)
  const { sql } = store
  try {
    await store.migrateTo(12)
    await store.members(["ada", "bob", "cem"])
    // Bob's policy accepted Ada's request r1; Cem accepted Bob's request r2 by hand.
    const pair = (owner: string, contact: string, request: string) =>
      sql(
        `INSERT INTO contacts (owner_id, contact_id, request_id, connected_at, review_due_at, sort_name)
         VALUES (?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?)`,
        [owner, contact, request, at, at, contact, contact, owner, request, at, at, owner],
      )
    await pair("bob", "ada", "r1")
    await pair("cem", "bob", "r2")
    const told = (id: string, recipient: string, kind: string, actor: string, subject: string) =>
      sql(
        `INSERT INTO notifications (id, recipient_id, kind, actor_id, subject_id, at)
         VALUES (?, ?, ?, ?, ?, ?)`,
        [id, recipient, kind, actor, subject, at],
      )
    await told("n1", "ada", "requestAccepted", "bob", "r1")
    await told("n2", "bob", "requestAutoAccepted", "ada", "r1")
    await told("n3", "bob", "requestAccepted", "cem", "r2")
    const applied = await store.migrateTo(13)
    const rows = await sql(
      "SELECT owner_id, contact_id, accepted_automatically FROM contacts ORDER BY owner_id, contact_id",
    )
    return {
      applied,
      rows: rows.map((r) => [r["owner_id"], r["contact_id"], Number(r["accepted_automatically"])]),
    }
  } finally {
    await store.dispose()
  }
}

const expected = {
  applied: [13],
  rows: [
    ["ada", "bob", 0],
    ["bob", "ada", 1],
    ["bob", "cem", 0],
    ["cem", "bob", 0],
  ],
}

describeMigration(
  "migration 13, contacts to sort later, on a database with connections",
  upgrade,
  expected,
)
