/**
 * The initial schema. Times are ISO-8601 UTC text (sortable, identical in both
 * dialects); flags are 0/1 integers; JSON is text. Constraints carry the
 * domain's invariants so that racing processes cannot break them:
 * one open request per unordered pair, one connection per unordered pair,
 * category names unique per owner ignoring case, and contact records that
 * vanish with their connection.
 */
import type { Migration } from "../db/Migrator.js"
import type { Dialect } from "../db/Statement.js"

const types = (d: Dialect) =>
  d.name === "pg"
    ? { blob: "BYTEA", serial: "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY" }
    : { blob: "BLOB", serial: "INTEGER PRIMARY KEY AUTOINCREMENT" }

const ddl = (d: { readonly blob: string; readonly serial: string }) => [
  `CREATE TABLE write_lock (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)`,
  `INSERT INTO write_lock (id, n) VALUES (1, 0)`,
  `CREATE TABLE members (
     id TEXT PRIMARY KEY,
     handle TEXT NOT NULL UNIQUE,
     email TEXT NOT NULL UNIQUE,
     display_name TEXT NOT NULL,
     headline TEXT NOT NULL DEFAULT '',
     bio TEXT NOT NULL DEFAULT '',
     open_to_networking INTEGER NOT NULL DEFAULT 0,
     settings TEXT NOT NULL,
     hide_contacts INTEGER NOT NULL DEFAULT 0,
     password_hash TEXT NOT NULL,
     created_at TEXT NOT NULL
   )`,
  // Network queries need the few members who hide their contacts, on every request: kept beside the settings.
  `CREATE INDEX members_hiding ON members (id) WHERE hide_contacts = 1`,
  `CREATE TABLE photos (
     member_id TEXT PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
     content_type TEXT NOT NULL,
     bytes ${d.blob} NOT NULL,
     updated_at TEXT NOT NULL
   )`,
  `CREATE TABLE sessions (
     token_hash TEXT PRIMARY KEY,
     member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
     created_at TEXT NOT NULL,
     expires_at TEXT NOT NULL
   )`,
  `CREATE INDEX sessions_member ON sessions (member_id)`,
  `CREATE TABLE access_tokens (
     id TEXT PRIMARY KEY,
     member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
     name TEXT NOT NULL,
     token_hash TEXT NOT NULL UNIQUE,
     created_at TEXT NOT NULL,
     last_used_at TEXT
   )`,
  `CREATE INDEX access_tokens_member ON access_tokens (member_id)`,
  `CREATE TABLE groups (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     description TEXT NOT NULL DEFAULT '',
     created_by TEXT REFERENCES members(id) ON DELETE SET NULL,
     created_at TEXT NOT NULL
   )`,
  `CREATE TABLE group_members (
     group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
     member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
     joined_at TEXT NOT NULL,
     PRIMARY KEY (group_id, member_id)
   )`,
  `CREATE INDEX group_members_member ON group_members (member_id)`,
  `CREATE TABLE requests (
     id TEXT PRIMARY KEY,
     from_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
     to_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
     pair_lo TEXT NOT NULL,
     pair_hi TEXT NOT NULL,
     message TEXT,
     found_via TEXT,
     state TEXT NOT NULL CHECK (state IN ('pending', 'ignored', 'accepted', 'withdrawn', 'expired', 'discarded')),
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     CHECK (from_id <> to_id),
     CHECK (pair_lo < pair_hi)
   )`,
  // The invariant "never two open requests for one pair, in either direction".
  `CREATE UNIQUE INDEX requests_one_open_per_pair ON requests (pair_lo, pair_hi) WHERE state IN ('pending', 'ignored')`,
  `CREATE INDEX requests_incoming ON requests (to_id, state, created_at)`,
  `CREATE INDEX requests_outgoing ON requests (from_id, state, created_at)`,
  `CREATE INDEX requests_sent ON requests (from_id, created_at)`,
  `CREATE TABLE connections (
     pair_lo TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
     pair_hi TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
     since TEXT NOT NULL,
     request_id TEXT NOT NULL,
     PRIMARY KEY (pair_lo, pair_hi),
     CHECK (pair_lo < pair_hi)
   )`,
  `CREATE INDEX connections_hi ON connections (pair_hi)`,
  `CREATE TABLE contacts (
     owner_id TEXT NOT NULL,
     contact_id TEXT NOT NULL,
     pair_lo TEXT NOT NULL,
     pair_hi TEXT NOT NULL,
     note TEXT NOT NULL DEFAULT '',
     importance TEXT NOT NULL DEFAULT 'normal' CHECK (importance IN ('low', 'normal', 'high')),
     muted INTEGER NOT NULL DEFAULT 0,
     connected_at TEXT NOT NULL,
     last_reviewed_at TEXT,
     snoozed_until TEXT,
     review_due_at TEXT NOT NULL,
     sort_name TEXT NOT NULL,
     PRIMARY KEY (owner_id, contact_id),
     FOREIGN KEY (pair_lo, pair_hi) REFERENCES connections (pair_lo, pair_hi) ON DELETE CASCADE
   )`,
  `CREATE INDEX contacts_by_name ON contacts (owner_id, sort_name, contact_id)`,
  `CREATE INDEX contacts_by_connected ON contacts (owner_id, connected_at, contact_id)`,
  `CREATE INDEX contacts_by_review ON contacts (owner_id, review_due_at, contact_id)`,
  `CREATE INDEX contacts_pair ON contacts (pair_lo, pair_hi)`,
  `CREATE TABLE categories (
     id TEXT PRIMARY KEY,
     owner_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
     name TEXT NOT NULL,
     name_key TEXT NOT NULL,
     review_every_days INTEGER,
     created_at TEXT NOT NULL,
     UNIQUE (owner_id, name_key)
   )`,
  `CREATE TABLE contact_categories (
     owner_id TEXT NOT NULL,
     contact_id TEXT NOT NULL,
     category_id TEXT NOT NULL REFERENCES categories(id) ON DELETE CASCADE,
     PRIMARY KEY (owner_id, contact_id, category_id),
     FOREIGN KEY (owner_id, contact_id) REFERENCES contacts (owner_id, contact_id) ON DELETE CASCADE
   )`,
  `CREATE INDEX contact_categories_category ON contact_categories (category_id)`,
  `CREATE TABLE review_history (
     id TEXT PRIMARY KEY,
     owner_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
     contact_id TEXT NOT NULL,
     decision TEXT NOT NULL,
     snooze_days INTEGER,
     recommendation TEXT NOT NULL,
     at TEXT NOT NULL
   )`,
  `CREATE INDEX review_history_owner ON review_history (owner_id, at)`,
  `CREATE TABLE blocks (
     blocker_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
     blocked_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
     at TEXT NOT NULL,
     PRIMARY KEY (blocker_id, blocked_id)
   )`,
  `CREATE INDEX blocks_blocked ON blocks (blocked_id)`,
  `CREATE TABLE dismissed_suggestions (
     member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
     dismissed_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
     at TEXT NOT NULL,
     PRIMARY KEY (member_id, dismissed_id)
   )`,
  `CREATE TABLE posts (
     id TEXT PRIMARY KEY,
     author_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
     text TEXT NOT NULL,
     link TEXT,
     created_at TEXT NOT NULL
   )`,
  `CREATE INDEX posts_author ON posts (author_id, created_at)`,
  `CREATE TABLE likes (
     post_id TEXT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
     member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
     at TEXT NOT NULL,
     PRIMARY KEY (post_id, member_id)
   )`,
  `CREATE INDEX likes_member ON likes (member_id)`,
  `CREATE TABLE comments (
     id TEXT PRIMARY KEY,
     post_id TEXT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
     author_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
     text TEXT NOT NULL,
     created_at TEXT NOT NULL
   )`,
  `CREATE INDEX comments_post ON comments (post_id, created_at)`,
  `CREATE TABLE shares (
     id TEXT PRIMARY KEY,
     post_id TEXT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
     member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
     text TEXT,
     created_at TEXT NOT NULL
   )`,
  `CREATE TABLE flags (
     post_id TEXT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
     member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
     at TEXT NOT NULL,
     PRIMARY KEY (post_id, member_id)
   )`,
  `CREATE TABLE feed_items (
     reader_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
     subject_key TEXT NOT NULL,
     subject_kind TEXT NOT NULL CHECK (subject_kind IN ('post', 'connection')),
     post_id TEXT REFERENCES posts(id) ON DELETE CASCADE,
     member_a TEXT NOT NULL,
     member_b TEXT,
     brought_by TEXT NOT NULL,
     reason TEXT NOT NULL,
     at TEXT NOT NULL,
     PRIMARY KEY (reader_id, subject_key, brought_by, reason)
   )`,
  `CREATE INDEX feed_items_reader ON feed_items (reader_id, at)`,
  `CREATE INDEX feed_items_subject ON feed_items (subject_key)`,
  `CREATE TABLE notifications (
     id TEXT PRIMARY KEY,
     recipient_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
     kind TEXT NOT NULL,
     actor_id TEXT NOT NULL,
     subject_id TEXT NOT NULL,
     at TEXT NOT NULL,
     read_at TEXT
   )`,
  `CREATE INDEX notifications_recipient ON notifications (recipient_id, at)`,
  // Every domain event, in order: the feed, notifications and the graph index follow it by seq.
  `CREATE TABLE outbox (
     seq ${d.serial},
     tag TEXT NOT NULL,
     payload TEXT NOT NULL,
     at TEXT NOT NULL
   )`,
]

export const initial: Migration = {
  id: 1,
  name: "initial",
  statements: (d) => ddl(types(d)),
}
