/**
 * The address book: people a member knows from elsewhere (an import, or
 * typed in), curated like contacts and seen by their owner alone.
 * - `address_book`: one row per entry; emails, phones and profile addresses
 *   as JSON arrays of text.
 * - `address_book_keys`: what an entry is recognised by (each email, profile
 *   address and phone, normalised: AddressBook.ts `entryKeys`), so an import
 *   finds the entries its file names without reading the whole book.
 * - `address_book_categories`: the owner's categories on an entry; deleting
 *   a category takes it off every entry.
 */
import type { Migration } from "../db/Migrator.js"

export const addressBook: Migration = {
  id: 16,
  name: "address_book",
  statements: () => [
    `CREATE TABLE address_book (
       id TEXT PRIMARY KEY,
       owner_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
       display_name TEXT NOT NULL,
       sort_name TEXT NOT NULL,
       emails TEXT NOT NULL,
       phones TEXT NOT NULL,
       urls TEXT NOT NULL,
       company TEXT,
       position TEXT,
       source TEXT NOT NULL CHECK (source IN ('linkedin', 'xing', 'vcard', 'csv', 'manual')),
       connected_at TEXT,
       note TEXT NOT NULL,
       importance TEXT NOT NULL CHECK (importance IN ('low', 'normal', 'high')),
       created_at TEXT NOT NULL,
       updated_at TEXT NOT NULL
     )`,
    "CREATE INDEX address_book_by_name ON address_book (owner_id, sort_name, id)",
    `CREATE TABLE address_book_keys (
       owner_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
       key TEXT NOT NULL,
       entry_id TEXT NOT NULL REFERENCES address_book(id) ON DELETE CASCADE,
       PRIMARY KEY (owner_id, key, entry_id)
     )`,
    "CREATE INDEX address_book_keys_entry ON address_book_keys (entry_id)",
    `CREATE TABLE address_book_categories (
       entry_id TEXT NOT NULL REFERENCES address_book(id) ON DELETE CASCADE,
       category_id TEXT NOT NULL REFERENCES categories(id) ON DELETE CASCADE,
       PRIMARY KEY (entry_id, category_id)
     )`,
    "CREATE INDEX address_book_categories_category ON address_book_categories (category_id)",
  ],
}
