/**
 * A connection is its two contact records, nothing more: the `connections`
 * table goes, and each record references its mirror (the other side's
 * record of the same pair), so neither can exist without the other and
 * deleting one deletes both. Accepting a request writes one statement less.
 *
 * The tables are rebuilt by copying: with foreign keys enforced (D1 cannot
 * switch them off), a table is dropped only after the tables that reference
 * it, and its rows wait in a plain copy meanwhile.
 */
import type { Migration } from "../db/Migrator.js"

export const connectionsAreContacts: Migration = {
  id: 4,
  name: "connections_are_contacts",
  statements: () => [
    `CREATE TABLE contacts_copy AS
       SELECT c.owner_id, c.contact_id, k.request_id, c.note, c.importance, c.muted, c.connected_at,
         c.last_reviewed_at, c.snoozed_until, c.review_due_at, c.sort_name
       FROM contacts c JOIN connections k ON k.pair_lo = c.pair_lo AND k.pair_hi = c.pair_hi`,
    "CREATE TABLE contact_categories_copy AS SELECT owner_id, contact_id, category_id FROM contact_categories",
    "DROP TABLE contact_categories",
    "DROP TABLE contacts",
    "DROP TABLE connections",
    `CREATE TABLE contacts (
       owner_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
       contact_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
       request_id TEXT NOT NULL,
       note TEXT NOT NULL DEFAULT '',
       importance TEXT NOT NULL DEFAULT 'normal' CHECK (importance IN ('low', 'normal', 'high')),
       muted INTEGER NOT NULL DEFAULT 0,
       connected_at TEXT NOT NULL,
       last_reviewed_at TEXT,
       snoozed_until TEXT,
       review_due_at TEXT NOT NULL,
       sort_name TEXT NOT NULL,
       PRIMARY KEY (owner_id, contact_id),
       CHECK (owner_id <> contact_id),
       FOREIGN KEY (contact_id, owner_id) REFERENCES contacts (owner_id, contact_id) ON DELETE CASCADE
     )`,
    `INSERT INTO contacts (owner_id, contact_id, request_id, note, importance, muted, connected_at,
         last_reviewed_at, snoozed_until, review_due_at, sort_name)
       SELECT owner_id, contact_id, request_id, note, importance, muted, connected_at,
         last_reviewed_at, snoozed_until, review_due_at, sort_name
       FROM contacts_copy`,
    `CREATE TABLE contact_categories (
       owner_id TEXT NOT NULL,
       contact_id TEXT NOT NULL,
       category_id TEXT NOT NULL REFERENCES categories(id) ON DELETE CASCADE,
       PRIMARY KEY (owner_id, contact_id, category_id),
       FOREIGN KEY (owner_id, contact_id) REFERENCES contacts (owner_id, contact_id) ON DELETE CASCADE
     )`,
    "INSERT INTO contact_categories (owner_id, contact_id, category_id) SELECT owner_id, contact_id, category_id FROM contact_categories_copy",
    "DROP TABLE contacts_copy",
    "DROP TABLE contact_categories_copy",
    "CREATE INDEX contacts_by_name ON contacts (owner_id, sort_name, contact_id)",
    "CREATE INDEX contacts_by_connected ON contacts (owner_id, connected_at, contact_id)",
    "CREATE INDEX contacts_by_review ON contacts (owner_id, review_due_at, contact_id)",
    // A deleted member's rows as someone's contact, found without reading every record.
    "CREATE INDEX contacts_of ON contacts (contact_id)",
    "CREATE INDEX contacts_muted ON contacts (owner_id, contact_id) WHERE muted = 1",
    "CREATE INDEX contact_categories_category ON contact_categories (category_id)",
  ],
}
