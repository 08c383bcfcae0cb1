/**
 * A member's whole account: everything stored about them, as data they can
 * take away (GDPR Art. 20), and deleting it — every connection and open
 * request silently, then every row that is theirs.
 */
import { SqlClient } from "@effect/sql"
import { deleteAccount, type MemberId, MemberNotFound, senderView } from "@kontakt/domain"
import { Effect, Option } from "effect"
import { base64 } from "./Bytes.js"
import { Contacts } from "./Contacts.js"
import { decided, now } from "./Decide.js"
import { EventLog } from "./EventLog.js"
import { Members } from "./Members.js"
import { Requests } from "./Requests.js"
import { type RequestRow, toRequest } from "./Rows.js"
import { writeTransaction } from "./Transactions.js"

export class AccountService extends Effect.Service<AccountService>()(
  "@kontakt/store/AccountService",
  {
    effect: Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      const members = yield* Members
      const contacts = yield* Contacts
      const requests = yield* Requests
      const log = yield* EventLog

      const handleMap = (ids: readonly string[]) =>
        Effect.map(members.byIds(ids), (m) => (id: string) => m.get(id)?.handle ?? null)

      return {
        /** Everything stored about a member, addressed by handles rather than internal ids. */
        exportData: (id: MemberId) =>
          Effect.gen(function* () {
            const me = Option.getOrNull(yield* members.byId(id))
            if (me === null) return yield* Effect.fail(new MemberNotFound({}))
            const requestRows =
              yield* sql<RequestRow>`SELECT id, from_id, to_id, message, found_via, state, created_at, updated_at
            FROM requests WHERE from_id = ${id} OR to_id = ${id} ORDER BY created_at`
            const all = requestRows.map(toRequest)
            const contactIds = yield* contacts.contactIds(id)
            const records = yield* Effect.forEach(contactIds, (c) => contacts.record(id, c))
            const categories =
              yield* sql`SELECT id, name, review_every_days, created_at FROM categories WHERE owner_id = ${id} ORDER BY name_key`
            const reviews =
              yield* sql`SELECT contact_id, decision, snooze_days, recommendation, at FROM review_history WHERE owner_id = ${id} ORDER BY at`
            const blocks = yield* sql<{
              blockedId: string
              at: string
            }>`SELECT blocked_id, at FROM blocks WHERE blocker_id = ${id}`
            const groups =
              yield* sql`SELECT g.id, g.name, gm.joined_at FROM group_members gm JOIN groups g ON g.id = gm.group_id WHERE gm.member_id = ${id}`
            const posts =
              yield* sql`SELECT id, text, link, created_at FROM posts WHERE author_id = ${id} ORDER BY created_at`
            const comments =
              yield* sql`SELECT id, post_id, text, created_at FROM comments WHERE author_id = ${id} ORDER BY created_at`
            const likes =
              yield* sql`SELECT post_id, at FROM likes WHERE member_id = ${id} ORDER BY at`
            const notifications =
              yield* sql`SELECT kind, actor_id, subject_id, at, read_at FROM notifications WHERE recipient_id = ${id} ORDER BY at`
            const sessions =
              yield* sql`SELECT created_at, expires_at FROM sessions WHERE member_id = ${id}`
            const tokens =
              yield* sql`SELECT name, created_at, last_used_at FROM access_tokens WHERE member_id = ${id}`
            const photo = Option.getOrNull(yield* members.photo(id))
            const handleOf = yield* handleMap([
              ...all.flatMap((r) => [r.from, r.to]),
              ...contactIds,
              ...blocks.map((b) => b.blockedId),
              ...reviews.map((r) => String((r as { contactId: string }).contactId)),
            ])
            return {
              exportedAt: (yield* now).toISOString(),
              profile: {
                handle: me.handle,
                email: me.email,
                displayName: me.displayName,
                headline: me.headline,
                bio: me.bio,
                openToNetworking: me.openToNetworking,
                createdAt: me.createdAt.toISOString(),
              },
              settings: me.settings,
              photo:
                photo === null
                  ? null
                  : {
                      contentType: photo.contentType,
                      base64: base64(photo.bytes),
                    },
              groups,
              // My own requests as I see them: what the recipient did stays theirs (an ignore reads as pending).
              requestsSent: all
                .filter((r) => r.from === id)
                .map((r) => ({
                  ...senderView(r),
                  to: handleOf(r.to),
                  createdAt: r.createdAt.toISOString(),
                })),
              requestsReceived: all
                .filter((r) => r.to === id)
                .map((r) => ({
                  id: r.id,
                  from: handleOf(r.from),
                  message: r.message,
                  foundVia: r.foundVia,
                  state: r.state,
                  createdAt: r.createdAt.toISOString(),
                })),
              contacts: records.flatMap((r) =>
                r === null
                  ? []
                  : [
                      {
                        handle: handleOf(r.contact),
                        categoryIds: r.categoryIds,
                        note: r.note,
                        importance: r.importance,
                        muted: r.muted,
                        connectedAt: r.connectedAt.toISOString(),
                        lastReviewedAt: r.lastReviewedAt?.toISOString() ?? null,
                        snoozedUntil: r.snoozedUntil?.toISOString() ?? null,
                      },
                    ],
              ),
              categories,
              reviews: reviews.map((r) => ({
                ...r,
                contact: handleOf(String((r as { contactId: string }).contactId)),
              })),
              blocks: blocks.map((b) => ({ handle: handleOf(b.blockedId), at: b.at })),
              posts,
              comments,
              likes,
              notifications,
              sessions,
              accessTokens: tokens,
            }
          }),
        /** Deletes the account: connections and open requests go silently, then every row that is the member's. */
        remove: (id: MemberId) =>
          Effect.gen(function* () {
            const contactIds = yield* contacts.contactIds(id)
            yield* writeTransaction(
              [id, ...contactIds],
              Effect.gen(function* () {
                const open =
                  yield* sql<RequestRow>`SELECT id, from_id, to_id, message, found_via, state, created_at, updated_at
                FROM requests WHERE (from_id = ${id} OR to_id = ${id}) AND state IN ('pending', 'ignored')`
                const { state, events } = yield* decided(
                  deleteAccount({
                    actor: id,
                    now: yield* now,
                    contacts: contactIds,
                    requests: open.map(toRequest),
                  }),
                )
                for (const r of state.discarded) yield* requests.update(r)
                yield* log.record(events)
                // What others hold about this member and that no foreign key removes.
                yield* sql`DELETE FROM feed_items WHERE brought_by = ${id} OR member_a = ${id} OR member_b = ${id}`
                yield* sql`DELETE FROM notifications WHERE actor_id = ${id}`
                yield* sql`DELETE FROM review_history WHERE contact_id = ${id}`
                yield* sql`DELETE FROM contact_categories WHERE contact_id = ${id}`
                yield* sql`DELETE FROM members WHERE id = ${id}`
              }),
            )
          }),
      }
    }),
  },
) {}
