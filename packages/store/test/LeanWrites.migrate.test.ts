/**
 * Migration 8 (fewer B-trees per write) on a database that has rows: the
 * records, their categories and the notifications come through whole, and
 * the constraints the dropped foreign key and indexes stood beside still
 * hold — a half connection is refused, a member's deletion takes both
 * records and their categories.
 */
import { Effect, Layer, ManagedRuntime } from "effect"
import { migrateWith } from "../src/db/Migrator.js"
import { Db, type Param } from "../src/index.js"
import { migrations } from "../src/Migrate.js"
import { type DatabaseConfig, databaseLayer } from "../src/node.js"
import { describeMigration } from "./support/migration.js"

const at = "2026-01-01T00:00:00.000Z"

const upgrade = async (config: DatabaseConfig) => {
  const runtime = ManagedRuntime.make(databaseLayer(config).pipe(Layer.orDie))
  const sql = (text: string, params: readonly Param[] = []) =>
    runtime.runPromise(Effect.flatMap(Db, (db) => db.unsafe(text, params)))
  const outcome = (text: string, params: readonly Param[] = []) =>
    runtime.runPromise(
      Effect.flatMap(Db, (db) =>
        Effect.match(db.unsafe(text, params), {
          onFailure: () => "refused",
          onSuccess: () => "ok",
        }),
      ),
    )
  try {
    await runtime.runPromise(migrateWith(migrations.filter((m) => m.id < 8)))
    for (const id of ["ada", "bob", "cem"])
      await sql(
        `INSERT INTO members (id, handle, email, display_name, settings, password_hash, created_at)
         VALUES (?, ?, ?, ?, '{}', 'x', ?)`,
        [id, id, `${id}@example.org`, id.toUpperCase(), at],
      )
    const record = `INSERT INTO contacts (owner_id, contact_id, request_id, note, connected_at,
      review_due_at, sort_name) VALUES (?, ?, 'r1', ?, ?, ?, ?), (?, ?, 'r1', ?, ?, ?, ?)`
    await sql(record, ["ada", "bob", "Messe", at, at, "bob", "bob", "ada", "", at, at, "ada"])
    await sql(record, ["ada", "cem", "", at, at, "cem", "cem", "ada", "", at, at, "ada"])
    await sql(
      "INSERT INTO categories (id, owner_id, name, name_key, created_at) VALUES ('k1', 'ada', 'Kunden', 'kunden', ?)",
      [at],
    )
    await sql(
      "INSERT INTO contact_categories (owner_id, contact_id, category_id) VALUES ('ada', 'bob', 'k1')",
    )
    await sql(
      `INSERT INTO notifications (id, recipient_id, kind, actor_id, subject_id, at)
       VALUES ('n1', 'bob', 'requestAccepted', 'ada', 'r1', ?)`,
      [at],
    )
    const applied = await runtime.runPromise(migrateWith(migrations.filter((m) => m.id <= 8)))
    const after = {
      applied: applied.map(([id]) => id),
      records: await sql(
        "SELECT owner_id, contact_id, note FROM contacts ORDER BY owner_id, contact_id",
      ),
      filed: await sql("SELECT owner_id, contact_id, category_id FROM contact_categories"),
      notifications: await sql("SELECT id, recipient_id, kind, at FROM notifications"),
      half: await outcome(
        `INSERT INTO contacts (owner_id, contact_id, request_id, connected_at, review_due_at, sort_name)
         VALUES ('bob', 'cem', 'r2', ?, ?, 'cem')`,
        [at, at],
      ),
      toNobody: await outcome(
        `INSERT INTO contacts (owner_id, contact_id, request_id, connected_at, review_due_at, sort_name)
         VALUES ('bob', 'nobody', 'r3', ?, ?, 'x'), ('nobody', 'bob', 'r3', ?, ?, 'bob')`,
        [at, at, at, at],
      ),
    }
    await sql("DELETE FROM members WHERE id = 'bob'")
    return {
      ...after,
      afterDeletion: {
        records: await sql(
          "SELECT owner_id, contact_id FROM contacts ORDER BY owner_id, contact_id",
        ),
        filed: await sql("SELECT owner_id FROM contact_categories"),
        notifications: await sql("SELECT id FROM notifications"),
      },
    }
  } finally {
    await runtime.dispose()
  }
}

const expected = {
  applied: [8],
  records: [
    { owner_id: "ada", contact_id: "bob", note: "Messe" },
    { owner_id: "ada", contact_id: "cem", note: "" },
    { owner_id: "bob", contact_id: "ada", note: "" },
    { owner_id: "cem", contact_id: "ada", note: "" },
  ],
  filed: [{ owner_id: "ada", contact_id: "bob", category_id: "k1" }],
  notifications: [{ id: "n1", recipient_id: "bob", kind: "requestAccepted", at }],
  half: "refused",
  toNobody: "refused",
  afterDeletion: {
    records: [
      { owner_id: "ada", contact_id: "cem" },
      { owner_id: "cem", contact_id: "ada" },
    ],
    filed: [],
    notifications: [],
  },
}

describeMigration("migration 8, lean writes, on a database with rows", upgrade, expected)
