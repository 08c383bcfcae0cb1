/**
 * Reviewing the address book as contacts are reviewed: when an entry was last
 * kept, and until when its review is put off. An entry falls due
 * `firstReviewAfterDays` after it came in, then every cadence after a review
 * (AddressBook.ts `entryReviewDueAt`); nothing to fill in for entries already there.
 */
import type { Migration } from "../db/Migrator.js"

export const addressBookReview: Migration = {
  id: 18,
  name: "address_book_review",
  statements: () => [
    "ALTER TABLE address_book ADD COLUMN last_reviewed_at TEXT",
    "ALTER TABLE address_book ADD COLUMN snoozed_until TEXT",
  ],
}
