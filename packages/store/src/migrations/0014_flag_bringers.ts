/**
 * Odd news counts against whoever spread it: a flag remembers which of the
 * flagger's contacts had brought the post to them (liked, commented on or
 * shared it) when they flagged it; the review counts those against each of
 * them. The rows go with their flag (taken back, or its post deleted).
 * Flags from before name nobody: who had brought them was not kept.
 */
import type { Migration } from "../db/Migrator.js"

export const flagBringers: Migration = {
  id: 14,
  name: "flag_bringers",
  statements: () => [
    `CREATE TABLE flag_bringers (
       post_id TEXT NOT NULL,
       member_id TEXT NOT NULL,
       bringer_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
       at TEXT NOT NULL,
       PRIMARY KEY (member_id, bringer_id, post_id),
       FOREIGN KEY (post_id, member_id) REFERENCES flags (post_id, member_id) ON DELETE CASCADE
     )`,
    "CREATE INDEX flag_bringers_flag ON flag_bringers (post_id, member_id)",
  ],
}
