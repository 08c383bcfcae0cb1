/**
 * A member's unread notifications, found without walking the read ones:
 * the unread count (counted up to `UNREAD_COUNTED`, FeedService.ts) and
 * "mark all read" read this index, however long the member's history.
 */
import type { Migration } from "../db/Migrator.js"

export const notificationsUnread: Migration = {
  id: 20,
  name: "notifications_unread",
  statements: () => [
    "CREATE INDEX notifications_unread ON notifications (recipient_id, at) WHERE read_at IS NULL",
  ],
}
