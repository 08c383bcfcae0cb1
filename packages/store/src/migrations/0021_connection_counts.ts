/**
 * A member's number of connections, kept on the member as `connection_count`
 * by triggers on `contacts` (counters.ts): one record per connection is the
 * owner's. Sending and accepting check it against the limit (Policy
 * `maxConnections`); it was counted from the member's records on every
 * send and accept, 285 µs for a member with 5,000 contacts and six times
 * that at the limit of 30,000.
 */
import type { Migration } from "../db/Migrator.js"
import { counterFill, counterTriggers, type KeptCount } from "./counters.js"

export const contactsCounted: KeptCount = {
  table: "contacts",
  key: "owner_id",
  target: "members",
  column: "connection_count",
}

export const connectionCounts: Migration = {
  id: 21,
  name: "connection_counts",
  statements: (d) => [
    "ALTER TABLE members ADD COLUMN connection_count INTEGER NOT NULL DEFAULT 0",
    counterFill(contactsCounted),
    ...counterTriggers(d, contactsCounted),
  ],
}
