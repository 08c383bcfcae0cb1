/**
 * Handles of deleted accounts stay taken: were they free again, a sign-up
 * with someone's handle would tell a member blocked by them (to whom they look
 * deleted) that they still exist — `HandleTaken` — where a deleted member's
 * handle is free. Retired, both answer the same. It also keeps a departed
 * member's old links from pointing at a newcomer.
 */
import type { Migration } from "../db/Migrator.js"

export const retiredHandles: Migration = {
  id: 10,
  name: "retired_handles",
  statements: () => [
    `CREATE TABLE retired_handles (
       handle TEXT PRIMARY KEY,
       retired_at TEXT NOT NULL
     )`,
  ],
}
