/**
 * Feeds are fanned out on read from the events (readmodel/FeedIndex.ts):
 * the per-reader rows, the queue of large fan-outs and the cursor of the
 * connection-news follower go. A post no longer writes a row per reader.
 */
import type { Migration } from "../db/Migrator.js"

export const feedOnRead: Migration = {
  id: 5,
  name: "feed_on_read",
  statements: () => [
    "DROP TABLE feed_items",
    "DROP TABLE fanout_jobs",
    "DROP TABLE outbox_cursors",
  ],
}
