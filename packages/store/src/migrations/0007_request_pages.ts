/**
 * The inbox and the sent list page by (created_at, id): with the id in their
 * indexes, a page is read in order from the index instead of sorting every
 * open request of the member first.
 */
import type { Migration } from "../db/Migrator.js"

export const requestPages: Migration = {
  id: 7,
  name: "request_pages",
  statements: () => [
    "DROP INDEX requests_incoming",
    "DROP INDEX requests_outgoing",
    "CREATE INDEX requests_incoming ON requests (to_id, state, created_at, id)",
    "CREATE INDEX requests_outgoing ON requests (from_id, state, created_at, id)",
  ],
}
