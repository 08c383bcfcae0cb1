/**
 * Matching and invitations.
 * - `members.findable_by_email`: the `findableByEmail` setting, mirrored as a
 *   column (as `hide_contacts` is) so that matching an address book's emails
 *   reads it without parsing settings; off by default, and off for every
 *   member who joined before it existed.
 * - `invitations`: links a member made for people not on kontakt yet. Only a
 *   hash of each link's secret is kept; `used_at` says it signed someone up
 *   (never again), `connected` whether they chose to connect.
 */
import type { Migration } from "../db/Migrator.js"

export const invitations: Migration = {
  id: 17,
  name: "invitations",
  statements: () => [
    "ALTER TABLE members ADD COLUMN findable_by_email INTEGER NOT NULL DEFAULT 0",
    `CREATE TABLE invitations (
       id TEXT PRIMARY KEY,
       inviter_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
       secret_hash TEXT NOT NULL UNIQUE,
       entry_id TEXT REFERENCES address_book(id) ON DELETE SET NULL,
       email TEXT,
       message TEXT,
       created_at TEXT NOT NULL,
       expires_at TEXT NOT NULL,
       revoked_at TEXT,
       used_at TEXT,
       used_by TEXT REFERENCES members(id) ON DELETE SET NULL,
       connected INTEGER NOT NULL DEFAULT 0
     )`,
    "CREATE INDEX invitations_by_inviter ON invitations (inviter_id, created_at)",
  ],
}
