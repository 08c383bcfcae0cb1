/**
 * The outbox is pruned (OutboxRetention.ts): each pass remembers how far it
 * got, so the next one reads only what came after, never the whole table.
 * `others`: events that no feed needs, kept a week; `feed`: the feed's
 * events, kept as long as a process's start replays them, and a week more.
 */
import type { Migration } from "../db/Migrator.js"

export const outboxRetention: Migration = {
  id: 12,
  name: "outbox_retention",
  statements: () => [
    `CREATE TABLE outbox_retention (
       name TEXT PRIMARY KEY,
       seq BIGINT NOT NULL
     )`,
    "INSERT INTO outbox_retention (name, seq) VALUES ('others', 0), ('feed', 0)",
  ],
}
