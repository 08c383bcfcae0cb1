/**
 * Introductions and recommendations — the contact behind the contact, put to
 * work — and the sender's side of a request:
 * - `introductions`: an ask (asker → via → target) and where it stands;
 *   a forward links the request it sent.
 * - `recommendations`: one row per contact a member was recommended to (told
 *   or, where a block or a connection stood in the way, silently not).
 * - `requests` keep the sender's own categories until accept, and for a
 *   forwarded introduction who vouched and their note.
 * - `categories` say whether their owner wants less news from them.
 */
import type { Migration } from "../db/Migrator.js"

export const introductions: Migration = {
  id: 15,
  name: "introductions",
  statements: () => [
    "ALTER TABLE requests ADD COLUMN sender_category_ids TEXT NOT NULL DEFAULT '[]'",
    "ALTER TABLE requests ADD COLUMN introduced_by TEXT REFERENCES members(id) ON DELETE SET NULL",
    "ALTER TABLE requests ADD COLUMN introducer_note TEXT",
    "ALTER TABLE categories ADD COLUMN less_news INTEGER NOT NULL DEFAULT 0",
    `CREATE TABLE introductions (
       id TEXT PRIMARY KEY,
       asker_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
       via_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
       target_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
       message TEXT NOT NULL,
       state TEXT NOT NULL CHECK (state IN ('pending', 'forwarded', 'declined')),
       request_id TEXT REFERENCES requests(id) ON DELETE SET NULL,
       created_at TEXT NOT NULL,
       updated_at TEXT NOT NULL,
       CHECK (asker_id <> via_id AND asker_id <> target_id AND via_id <> target_id)
     )`,
    "CREATE INDEX introductions_via ON introductions (via_id, state, created_at, id)",
    "CREATE INDEX introductions_asker ON introductions (asker_id, created_at, id)",
    "CREATE INDEX introductions_pair ON introductions (asker_id, target_id, created_at)",
    "CREATE INDEX introductions_target ON introductions (target_id)",
    `CREATE TABLE recommendations (
       id TEXT PRIMARY KEY,
       by_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
       member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
       to_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
       note TEXT,
       delivered INTEGER NOT NULL,
       at TEXT NOT NULL
     )`,
    "CREATE INDEX recommendations_by ON recommendations (by_id, at)",
    "CREATE INDEX recommendations_to ON recommendations (to_id)",
    "CREATE INDEX recommendations_member ON recommendations (member_id)",
  ],
}
