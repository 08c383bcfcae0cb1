/**
 * A member's whole account: everything stored about them, as data they can
 * take away (GDPR Art. 20), and deleting it — every connection and open
 * request silently, then every row that is theirs.
 */
import {
  askerView,
  changeSettings,
  deleteAccount,
  type MemberId,
  MemberNotFound,
  type Settings,
  senderView,
} from "@kontakt/domain"
import { Effect, Option } from "effect"
import { AddressBook } from "./AddressBook.js"
import { notBlockedBy } from "./Blocks.js"
import { base64 } from "./Bytes.js"
import { Contacts, categoryIdsColumn } from "./Contacts.js"
import { decided, now } from "./Decide.js"
import { Db } from "./db/Db.js"
import { col, statement } from "./db/Statement.js"
import { EventLog } from "./EventLog.js"
import { Introductions } from "./Introductions.js"
import { Members } from "./Members.js"
import { Recommendations } from "./Recommendations.js"
import { membersLock } from "./RequestFacts.js"
import { Requests } from "./Requests.js"
import { flag, recordColumns, requestColumns, toRecord, toRequest } from "./Rows.js"
import { StorePolicy } from "./StorePolicy.js"

const rows = (text: string) => statement(text)
const q = {
  // What the member's export holds of others leaves out whoever blocked them (Blocks.ts).
  requests: statement(
    `SELECT ${requestColumns} FROM requests r WHERE (r.from_id = ? OR r.to_id = ?)
     AND ${notBlockedBy("CASE WHEN r.from_id = ? THEN r.to_id ELSE r.from_id END", "?")}
     ORDER BY r.created_at`,
    toRequest,
  ),
  records: statement(
    (d) => `SELECT ${recordColumns}, ${categoryIdsColumn(d)} FROM contacts c WHERE c.owner_id = ?`,
    (r) => toRecord(r),
  ),
  categories: rows(
    "SELECT id, name, review_every_days, less_news, created_at FROM categories WHERE owner_id = ? ORDER BY name_key",
  ),
  reviews: rows(
    `SELECT contact_id, decision, snooze_days, recommendation, at FROM review_history h
     WHERE owner_id = ? AND ${notBlockedBy("h.contact_id", "h.owner_id")} ORDER BY at`,
  ),
  blocks: rows("SELECT blocked_id, at FROM blocks WHERE blocker_id = ?"),
  groups: rows(
    "SELECT g.id, g.name, gm.joined_at FROM group_members gm JOIN groups g ON g.id = gm.group_id WHERE gm.member_id = ?",
  ),
  posts: rows(
    "SELECT id, text, link, created_at FROM posts WHERE author_id = ? ORDER BY created_at",
  ),
  comments: rows(
    "SELECT id, post_id, text, created_at FROM comments WHERE author_id = ? ORDER BY created_at",
  ),
  likes: rows("SELECT post_id, at FROM likes WHERE member_id = ? ORDER BY at"),
  notifications: rows(
    `SELECT kind, actor_id, subject_id, at, read_at FROM notifications n
     WHERE recipient_id = ? AND ${notBlockedBy("n.actor_id", "n.recipient_id")} ORDER BY at`,
  ),
  sessions: rows(
    "SELECT user_agent, created_at, last_used_at, expires_at FROM sessions WHERE member_id = ?",
  ),
  tokens: rows(
    "SELECT name, scope, created_at, last_used_at, expires_at FROM access_tokens WHERE member_id = ?",
  ),
  open: statement(
    `SELECT ${requestColumns} FROM requests r
     WHERE (r.from_id = ? OR r.to_id = ?) AND r.state IN ('pending', 'ignored')`,
    toRequest,
  ),
  // What others hold about the member and that no foreign key removes.
  forgetNotifications: rows("DELETE FROM notifications WHERE actor_id = ?"),
  forgetReviews: rows("DELETE FROM review_history WHERE contact_id = ?"),
  retireHandle: rows(`INSERT INTO retired_handles (handle, retired_at)
    SELECT handle, ? FROM members WHERE id = ? ON CONFLICT (handle) DO NOTHING`),
  removeMember: rows("DELETE FROM members WHERE id = ?"),
  updateSettings: rows(
    "UPDATE members SET settings = ?, hide_contacts = ?, findable_by_email = ? WHERE id = ?",
  ),
}

// Rows as the export shows them: camelCase names, as before.
const camel = (r: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(r).map(([k, v]) => [
      k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()),
      v,
    ]),
  )

export class AccountService extends Effect.Service<AccountService>()(
  "@kontakt/store/AccountService",
  {
    effect: Effect.gen(function* () {
      const db = yield* Db
      const members = yield* Members
      const contacts = yield* Contacts
      const requests = yield* Requests
      const log = yield* EventLog
      const introductions = yield* Introductions
      const recommendations = yield* Recommendations
      const addressBook = yield* AddressBook
      const { policy } = yield* StorePolicy

      const handleMap = (ids: readonly string[]) =>
        Effect.map(members.summaries(ids), (m) => (id: string) => m.get(id)?.handle ?? null)

      return {
        /** Everything stored about a member, addressed by handles rather than internal ids. */
        exportData: (id: MemberId) =>
          Effect.gen(function* () {
            const me = Option.getOrNull(yield* members.byId(id))
            if (me === null) return yield* Effect.fail(new MemberNotFound({}))
            const [
              all,
              records,
              categories,
              reviews,
              blocks,
              groups,
              posts,
              comments,
              likes,
              notifications,
              sessions,
              tokens,
            ] = yield* db.reads([
              [q.requests, [id, id, id, id]],
              [q.records, [id]],
              [q.categories, [id]],
              [q.reviews, [id]],
              [q.blocks, [id]],
              [q.groups, [id]],
              [q.posts, [id]],
              [q.comments, [id]],
              [q.likes, [id]],
              [q.notifications, [id]],
              [q.sessions, [id]],
              [q.tokens, [id]],
            ] as const)
            const contactIds = records.map((r) => r.contact)
            const photo = Option.getOrNull(yield* members.photo(id))
            const asks = {
              introductions: yield* introductions.ofMember(id),
              recommendations: yield* recommendations.madeBy(id),
            }
            const entries = yield* addressBook.all(id)
            const at = yield* now
            const handleOf = yield* handleMap([
              ...asks.introductions.flatMap((i) => [i.asker, i.via, i.target]),
              ...asks.recommendations.flatMap((r) => [r.member, r.to]),
              ...all.flatMap((r) => (r.introduction === null ? [] : [r.introduction.by])),
              ...all.flatMap((r) => [r.from, r.to]),
              ...contactIds,
              ...blocks.map((b) => col.str(b, "blocked_id")),
              ...reviews.map((r) => col.str(r, "contact_id")),
              ...notifications.map((n) => col.str(n, "actor_id")),
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
              groups: groups.map(camel),
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
                  introduction:
                    r.introduction === null
                      ? null
                      : { by: handleOf(r.introduction.by), note: r.introduction.note },
                  state: r.state,
                  createdAt: r.createdAt.toISOString(),
                })),
              // Asks I made, as I see them (a declined one reads as pending); asks made of me, as they are.
              introductionsAsked: asks.introductions
                .filter((i) => i.asker === id)
                .map((i) => {
                  const view = askerView(i, at, policy)
                  return {
                    ...view,
                    via: handleOf(view.via),
                    target: handleOf(view.target),
                    createdAt: view.createdAt.toISOString(),
                  }
                }),
              introductionsReceived: asks.introductions
                .filter((i) => i.via === id)
                .map((i) => ({
                  id: i.id,
                  asker: handleOf(i.asker),
                  target: handleOf(i.target),
                  message: i.message,
                  state: i.state,
                  createdAt: i.createdAt.toISOString(),
                })),
              // The people I know from elsewhere, with my curation of them.
              addressBook: entries.map((e) => ({
                id: e.id,
                displayName: e.displayName,
                emails: e.emails,
                phones: e.phones,
                company: e.company,
                position: e.position,
                urls: e.urls,
                source: e.source,
                connectedAt: e.connectedAt?.toISOString() ?? null,
                categoryIds: e.categoryIds,
                note: e.note,
                importance: e.importance,
                lastReviewedAt: e.lastReviewedAt?.toISOString() ?? null,
                snoozedUntil: e.snoozedUntil?.toISOString() ?? null,
                createdAt: e.createdAt.toISOString(),
                updatedAt: e.updatedAt.toISOString(),
              })),
              recommendationsMade: asks.recommendations.map((r) => ({
                id: r.id,
                member: handleOf(r.member),
                to: handleOf(r.to),
                note: r.note,
                at: r.at,
              })),
              contacts: records.map((r) => ({
                handle: handleOf(r.contact),
                categoryIds: r.categoryIds,
                note: r.note,
                importance: r.importance,
                muted: r.muted,
                acceptedAutomatically: r.acceptedAutomatically,
                connectedAt: r.connectedAt.toISOString(),
                lastReviewedAt: r.lastReviewedAt?.toISOString() ?? null,
                snoozedUntil: r.snoozedUntil?.toISOString() ?? null,
              })),
              categories: categories.map(camel),
              reviews: reviews.map((r) => ({
                ...camel(r),
                contact: handleOf(col.str(r, "contact_id")),
              })),
              blocks: blocks.map((b) => ({
                handle: handleOf(col.str(b, "blocked_id")),
                at: col.str(b, "at"),
              })),
              posts: posts.map(camel),
              comments: comments.map(camel),
              likes: likes.map(camel),
              notifications: notifications.map(({ actor_id, ...n }) => ({
                ...camel(n),
                actor: handleOf(String(actor_id)),
              })),
              sessions: sessions.map(camel),
              accessTokens: tokens.map(camel),
            }
          }),
        /** Changes the member's settings; whether they hide their contacts is news to the read models. */
        changeSettings: (id: MemberId, current: Settings, next: Settings) =>
          db.transaction(
            Effect.gen(function* () {
              const { state, events } = yield* decided(
                changeSettings(current, next, { member: id, now: yield* now }),
              )
              yield* db.run(q.updateSettings, [
                JSON.stringify(state),
                flag(state.hideContacts),
                flag(state.findableByEmail),
                id,
              ])
              yield* log.record(events)
              return state
            }),
            membersLock([id]),
          ),
        /** Deletes the account: connections and open requests go silently, then every row that is the member's. */
        remove: (id: MemberId) =>
          Effect.gen(function* () {
            const contactIds = yield* contacts.contactIds(id)
            yield* db.transaction(
              Effect.gen(function* () {
                const open = yield* db.all(q.open, [id, id])
                const { state, events } = yield* decided(
                  deleteAccount({
                    actor: id,
                    now: yield* now,
                    contacts: contactIds,
                    requests: open,
                  }),
                )
                for (const r of state.discarded) yield* requests.update(r)
                yield* log.record(events)
                yield* db.run(q.forgetNotifications, [id])
                yield* db.run(q.forgetReviews, [id])
                // The handle stays taken (migrations/0010_retired_handles.ts).
                yield* db.run(q.retireHandle, [(yield* now).toISOString(), id])
                // Everything else that is theirs goes with the member (foreign keys cascade).
                yield* db.run(q.removeMember, [id])
              }),
              membersLock([id, ...contactIds]),
            )
          }),
      }
    }),
  },
) {}
