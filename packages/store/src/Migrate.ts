/**
 * kontakt's migrations, for every database, applied at start.
 */
import { migrateWith } from "./db/Migrator.js"
import { initial } from "./migrations/0001_initial.js"
import { fanoutQueue } from "./migrations/0002_fanout_queue.js"
import { outboxFollowers } from "./migrations/0003_outbox_followers.js"
import { connectionsAreContacts } from "./migrations/0004_connections_are_contacts.js"
import { feedOnRead } from "./migrations/0005_feed_on_read.js"
import { loginAttempts } from "./migrations/0006_login_attempts.js"
import { requestPages } from "./migrations/0007_request_pages.js"
import { leanWrites } from "./migrations/0008_lean_writes.js"
import { trustedDevices } from "./migrations/0009_trusted_devices.js"
import { retiredHandles } from "./migrations/0010_retired_handles.js"
import { accountSecurity } from "./migrations/0011_account_security.js"
import { outboxRetention } from "./migrations/0012_outbox_retention.js"
import { contactsSortedLater } from "./migrations/0013_contacts_sorted_later.js"
import { flagBringers } from "./migrations/0014_flag_bringers.js"
import { introductions } from "./migrations/0015_introductions.js"
import { addressBook } from "./migrations/0016_address_book.js"
import { invitations } from "./migrations/0017_invitations.js"
import { addressBookReview } from "./migrations/0018_address_book_review.js"
import { postCounts } from "./migrations/0019_post_counts.js"
import { notificationsUnread } from "./migrations/0020_notifications_unread.js"
import { connectionCounts } from "./migrations/0021_connection_counts.js"

/** Every migration, in order. Append; never edit one that has shipped. */
export const migrations = [
  initial,
  fanoutQueue,
  outboxFollowers,
  connectionsAreContacts,
  feedOnRead,
  loginAttempts,
  requestPages,
  leanWrites,
  trustedDevices,
  retiredHandles,
  accountSecurity,
  outboxRetention,
  contactsSortedLater,
  flagBringers,
  introductions,
  addressBook,
  invitations,
  addressBookReview,
  postCounts,
  notificationsUnread,
  connectionCounts,
] as const

/** The newest migration id. */
export const LATEST_MIGRATION = 21

/**
 * Migrates the database to the latest version; returns the migrations applied now.
 *
 * @example
 * ```ts
 * yield* migrate
 * ```
 */
export const migrate = migrateWith(migrations)
