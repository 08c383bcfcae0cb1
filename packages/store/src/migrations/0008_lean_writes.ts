/**
 * Fewer B-trees for a write to touch. Every page a transaction changes is
 * one more frame in the WAL (two system calls, 4 KiB copied back by the
 * checkpointer); an accept changed 24 pages, 12 of them for the two contact
 * records. Measured per accept before/after in docs/storage.md.
 *
 * - contacts: a table keyed by its primary key (`WITHOUT ROWID` on SQLite:
 *   one B-tree where there were the rows and their key's index), and no
 *   index by contact: the mirror record already finds it — whoever has me
 *   as a contact is a contact of mine, and deleting a member deletes their
 *   records, each taking its mirror along. So the record's own foreign key
 *   to the contact goes (the mirror's owner key is that key) and with it
 *   `contacts_of`, which only served it.
 * - contact_categories: keyed by its primary key as well.
 * - notifications: keyed by (recipient, time, id), which is how they are
 *   read; the separate id key and the recipient's index go.
 * - outbox: the index by tag goes (only a process's start read by it, and
 *   it reads the recent history anyway).
 *
 * On PostgreSQL (heap tables) the same keys and indexes change in place.
 * SQLite rebuilds by copying (D1 cannot switch foreign keys off): a table is
 * dropped after the tables that reference it, its rows waiting in a copy.
 */
import type { Migration } from "../db/Migrator.js"

const contactIndexes = [
  "CREATE INDEX contacts_by_name ON contacts (owner_id, sort_name, contact_id)",
  "CREATE INDEX contacts_by_connected ON contacts (owner_id, connected_at, contact_id)",
  "CREATE INDEX contacts_by_review ON contacts (owner_id, review_due_at, contact_id)",
  "CREATE INDEX contacts_muted ON contacts (owner_id, contact_id) WHERE muted = 1",
  "CREATE INDEX contact_categories_category ON contact_categories (category_id)",
]

const sqlite = [
  `CREATE TABLE contacts_copy AS
     SELECT owner_id, contact_id, request_id, note, importance, muted, connected_at,
       last_reviewed_at, snoozed_until, review_due_at, sort_name
     FROM contacts`,
  "CREATE TABLE contact_categories_copy AS SELECT owner_id, contact_id, category_id FROM contact_categories",
  "DROP TABLE contact_categories",
  "DROP TABLE contacts",
  `CREATE TABLE contacts (
     owner_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
     contact_id TEXT NOT NULL,
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
   ) WITHOUT ROWID`,
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
   ) WITHOUT ROWID`,
  "INSERT INTO contact_categories (owner_id, contact_id, category_id) SELECT owner_id, contact_id, category_id FROM contact_categories_copy",
  "DROP TABLE contacts_copy",
  "DROP TABLE contact_categories_copy",
  ...contactIndexes,
  `CREATE TABLE notifications_copy AS
     SELECT id, recipient_id, kind, actor_id, subject_id, at, read_at FROM notifications`,
  "DROP TABLE notifications",
  `CREATE TABLE notifications (
     id TEXT NOT NULL,
     recipient_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
     kind TEXT NOT NULL,
     actor_id TEXT NOT NULL,
     subject_id TEXT NOT NULL,
     at TEXT NOT NULL,
     read_at TEXT,
     PRIMARY KEY (recipient_id, at, id)
   ) WITHOUT ROWID`,
  `INSERT INTO notifications (id, recipient_id, kind, actor_id, subject_id, at, read_at)
     SELECT id, recipient_id, kind, actor_id, subject_id, at, read_at FROM notifications_copy`,
  "DROP TABLE notifications_copy",
  "DROP INDEX outbox_tag_seq",
]

const pg = [
  "ALTER TABLE contacts DROP CONSTRAINT contacts_contact_id_fkey",
  "DROP INDEX contacts_of",
  "ALTER TABLE notifications DROP CONSTRAINT notifications_pkey",
  "ALTER TABLE notifications ADD PRIMARY KEY (recipient_id, at, id)",
  "DROP INDEX notifications_recipient",
  "DROP INDEX outbox_tag_seq",
]

export const leanWrites: Migration = {
  id: 8,
  name: "lean_writes",
  statements: (d) => (d.name === "pg" ? pg : sqlite),
}
