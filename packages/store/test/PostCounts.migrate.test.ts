/**
 * Migration 19 (a post's counts kept on it) on a database with likes and
 * comments: the counts are filled in from the rows there, and the triggers
 * count from then on, an account's deletion (by cascade) included.
 */
import type { DatabaseConfig } from "../src/node.js"
import { describeMigration, migrationStore } from "./support/migration.js"

const at = "2026-01-01T00:00:00.000Z"

const upgrade = async (config: DatabaseConfig) => {
  const store = migrationStore(config)
  const { sql } = store
  const counts = async () =>
    (await sql("SELECT id, like_count, comment_count FROM posts ORDER BY id")).map((r) => [
      r["id"],
      Number(r["like_count"]),
      Number(r["comment_count"]),
    ])
  try {
    await store.migrateTo(18)
    await store.members(["ada", "bob", "cem"])
    for (const p of ["p1", "p2", "p3"])
      await sql("INSERT INTO posts (id, author_id, text, created_at) VALUES (?, 'ada', ?, ?)", [
        p,
        p,
        at,
      ])
    for (const [p, m] of [
      ["p1", "bob"],
      ["p1", "cem"],
      ["p2", "cem"],
    ] as const)
      await sql("INSERT INTO likes (post_id, member_id, at) VALUES (?, ?, ?)", [p, m, at])
    for (const [id, p, m] of [
      ["k1", "p1", "cem"],
      ["k2", "p1", "cem"],
      ["k3", "p2", "bob"],
    ] as const)
      await sql(
        "INSERT INTO comments (id, post_id, author_id, text, created_at) VALUES (?, ?, ?, 'ja', ?)",
        [id, p, m, at],
      )
    const applied = await store.migrateTo(19)
    const filled = await counts()
    await sql("INSERT INTO likes (post_id, member_id, at) VALUES ('p3', 'bob', ?)", [at])
    await sql("DELETE FROM likes WHERE post_id = 'p1' AND member_id = 'bob'")
    await sql("DELETE FROM members WHERE id = 'cem'")
    return { applied, filled, after: await counts() }
  } finally {
    await store.dispose()
  }
}

describeMigration(
  "migration 19, a post's counts kept on it, on a database with likes and comments",
  upgrade,
  {
    applied: [19],
    filled: [
      ["p1", 2, 2],
      ["p2", 1, 1],
      ["p3", 0, 0],
    ],
    // Bob's like moved from p1 to p3; Cem's account took his like of p1 and p2 and his two comments.
    after: [
      ["p1", 0, 0],
      ["p2", 0, 1],
      ["p3", 1, 0],
    ],
  },
)
