/**
 * A contact record remembers whether its owner's acceptance policy accepted
 * the contact without them looking, so that they can sort those later
 * (`GET /v1/contacts?acceptedAutomatically=true`). Records from before are
 * marked from the notification that told their owner so, where it is kept.
 */
import type { Migration } from "../db/Migrator.js"

export const contactsSortedLater: Migration = {
  id: 13,
  name: "contacts_sorted_later",
  statements: () => [
    "ALTER TABLE contacts ADD COLUMN accepted_automatically INTEGER NOT NULL DEFAULT 0",
    `UPDATE contacts SET accepted_automatically = 1
     WHERE EXISTS (SELECT 1 FROM notifications n
       WHERE n.recipient_id = contacts.owner_id AND n.kind = 'requestAutoAccepted'
         AND n.actor_id = contacts.contact_id AND n.subject_id = contacts.request_id)`,
  ],
}
