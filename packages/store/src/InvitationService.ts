/**
 * Stored invitations: creating them (the secrets made here, only their hashes
 * kept), the inviter's list (newest first, keyset pages), revoking, the
 * preview an invitee sees before signing up, and signing up through one — the
 * new member, the used invitation and, if they chose it, the connection with
 * the inviter, all in one transaction.
 */
import {
  createInvitations,
  type Invitation,
  type InvitationInput,
  InvitationNotFound,
  invitationUsable,
  type MemberId,
  redeemInvitation,
  reviewDueAt,
  revokeInvitation,
} from "@kontakt/domain"
import { Effect, Either } from "effect"
import { entryById, removeTakenEntries } from "./AddressBook.js"
import { Contacts } from "./Contacts.js"
import { decided, now } from "./Decide.js"
import { Db } from "./db/Db.js"
import { col, jsonInsert, jsonRows, type Row, statement } from "./db/Statement.js"
import { EventLog } from "./EventLog.js"
import { Ids } from "./Ids.js"
import {
  type MemberSummary,
  Members,
  type NewMember,
  summaryColumnsAs,
  toSummary,
} from "./Members.js"
import { membersLock } from "./RequestFacts.js"
import { insertRequest } from "./Requests.js"
import { date, dateOrNull, iso, requestParams, toSettings } from "./Rows.js"
import { newSecret, SecretHash } from "./Secrets.js"
import { StorePolicy } from "./StorePolicy.js"

const columns =
  "i.id, i.inviter_id, i.entry_id, i.email, i.message, i.created_at, i.expires_at, i.revoked_at, i.used_at, i.connected"

const toInvitation = (r: Row): Invitation => ({
  id: col.str(r, "id"),
  inviter: col.str(r, "inviter_id"),
  entryId: col.strOrNull(r, "entry_id"),
  email: col.strOrNull(r, "email"),
  message: col.strOrNull(r, "message"),
  createdAt: date(col.str(r, "created_at")),
  expiresAt: date(col.str(r, "expires_at")),
  revokedAt: dateOrNull(col.strOrNull(r, "revoked_at")),
  usedAt: dateOrNull(col.strOrNull(r, "used_at")),
  connected: col.bool(r, "connected"),
})

const insertInvitations = jsonInsert(
  `INSERT INTO invitations (id, inviter_id, secret_hash, entry_id, email, message, created_at,
     expires_at)`,
  8,
)
const recentOf = statement(
  `SELECT ${columns} FROM invitations i WHERE i.inviter_id = ? AND i.created_at > ?`,
  toInvitation,
)
// Open as the inviter sees it: neither revoked, nor accepted, nor expired.
const openCountOf = statement(
  `SELECT COUNT(*) AS n FROM invitations WHERE inviter_id = ? AND revoked_at IS NULL
   AND connected = 0 AND expires_at > ?`,
  (r) => col.num(r, "n"),
)
const entriesOf = statement(
  (d) => `SELECT id, owner_id, emails FROM address_book WHERE owner_id = ? AND id IN ${d.list}`,
  (r) => ({
    id: col.str(r, "id"),
    owner: col.str(r, "owner_id"),
    emails: (JSON.parse(col.str(r, "emails")) as unknown[]).map(String),
  }),
)
const byId = statement(
  `SELECT ${columns} FROM invitations i WHERE i.id = ? AND i.inviter_id = ?`,
  toInvitation,
)
const bySecret = statement(
  `SELECT ${columns}, ${summaryColumnsAs("m_")}, m.settings,
     m.connection_count
   FROM invitations i JOIN members m ON m.id = i.inviter_id WHERE i.secret_hash = ?`,
  (r) => ({
    invitation: toInvitation(r),
    inviter: toSummary(r, "m_"),
    settings: toSettings(col.str(r, "settings")),
    connectionCount: col.num(r, "connection_count"),
  }),
)
const lockBySecret = statement(
  (d) => `SELECT m.id FROM members m WHERE m.id IN
     (SELECT inviter_id FROM invitations WHERE secret_hash = ?) ${d.lockRows}`,
)
const ownCategoryIds = statement("SELECT id FROM categories WHERE owner_id = ?", (r) =>
  col.str(r, "id"),
)
const markRevoked = statement("UPDATE invitations SET revoked_at = ? WHERE id = ?")
const markUsed = statement(
  "UPDATE invitations SET used_at = ?, used_by = ?, connected = ? WHERE id = ? AND used_at IS NULL",
)
const pageOf = (after: boolean) =>
  statement(
    `SELECT ${columns} FROM invitations i WHERE i.inviter_id = ?
     ${after ? "AND (i.created_at, i.id) < (?, ?)" : ""}
     ORDER BY i.created_at DESC, i.id DESC LIMIT ?`,
    toInvitation,
  )
const firstPage = pageOf(false)
const laterPage = pageOf(true)

/** A new invitation and its link's secret (shown once: only its hash is kept). */
export interface CreatedInvitation {
  readonly invitation: Invitation
  readonly secret: string
}

/** What an invitee sees before signing up. */
export interface InvitationPreview {
  readonly inviter: MemberSummary
  readonly message: string | null
  readonly expiresAt: Date
}

/** Signing up through an invitation: its secret, and whether to connect with the inviter. */
export interface ThroughInvitation {
  readonly secret: string
  readonly connect: boolean
}

export class InvitationService extends Effect.Service<InvitationService>()(
  "@kontakt/store/InvitationService",
  {
    effect: Effect.gen(function* () {
      const db = yield* Db
      const ids = yield* Ids
      const members = yield* Members
      const contacts = yield* Contacts
      const log = yield* EventLog
      const { policy } = yield* StorePolicy
      const hash = (secret: string) => Effect.flatMap(SecretHash, (h) => h.hash(secret))

      /** The usable invitation behind a secret's hash, with its inviter; anything else is NotFound. */
      const usable = (hashed: string, at: Date) =>
        Effect.gen(function* () {
          const found = yield* db.first(bySecret, [hashed])
          if (found === undefined || !invitationUsable(found.invitation, at))
            return yield* Effect.fail(new InvitationNotFound())
          return found
        })

      return {
        /** Creates the invitations an input asks for, within the policy's limits. */
        create: (inviter: MemberId, input: InvitationInput) =>
          db.transaction(
            Effect.gen(function* () {
              const at = yield* now
              const weekAgo = iso(new Date(at.getTime() - 7 * 86_400_000))
              const [entries, recent, open] = yield* db.reads([
                [entriesOf, [inviter, [...new Set(input.entryIds ?? [])]]],
                [recentOf, [inviter, weekAgo]],
                [openCountOf, [inviter, iso(at)]],
              ] as const)
              const fresh = yield* Effect.replicateEffect(
                ids.next,
                (input.entryIds?.length ?? 0) + (input.emails?.length ?? 0) + 1,
              )
              let next = 0
              const made = createInvitations(input, {
                inviter,
                now: at,
                policy,
                entries,
                recent,
                openCount: open[0] ?? 0,
                newId: () => fresh[next++] ?? "",
              })
              if (Either.isLeft(made)) return yield* Effect.fail(made.left)
              const created: CreatedInvitation[] = made.right.map((invitation) => ({
                invitation,
                secret: newSecret("ki_"),
              }))
              const rows = yield* Effect.forEach(created, (c) =>
                Effect.map(hash(c.secret), (h) => [
                  c.invitation.id,
                  inviter,
                  h,
                  c.invitation.entryId,
                  c.invitation.email,
                  c.invitation.message,
                  iso(c.invitation.createdAt),
                  iso(c.invitation.expiresAt),
                ]),
              )
              yield* db.run(insertInvitations, [jsonRows(rows)])
              return created
            }),
            membersLock([inviter]),
          ),

        /** A page of the inviter's invitations, newest first. */
        page: (
          inviter: MemberId,
          limit: number,
          after: { readonly at: string; readonly id: string } | null,
        ) =>
          Effect.map(
            after === null
              ? db.all(firstPage, [inviter, limit + 1])
              : db.all(laterPage, [inviter, after.at, after.id, limit + 1]),
            (rows) => {
              const items = rows.slice(0, limit)
              const last = items[items.length - 1]
              return {
                items,
                next:
                  rows.length > limit && last !== undefined
                    ? { at: iso(last.createdAt), id: last.id }
                    : null,
              }
            },
          ),

        /** Revokes one of the inviter's invitations; another's, or none, is InvitationNotFound. */
        revoke: (inviter: MemberId, id: string) =>
          db.transaction(
            Effect.gen(function* () {
              const at = yield* now
              const found = yield* db.first(byId, [id, inviter])
              if (found === undefined) return yield* Effect.fail(new InvitationNotFound())
              const revoked = revokeInvitation(found, { actor: inviter, now: at })
              if (Either.isLeft(revoked)) return yield* Effect.fail(revoked.left)
              const state = revoked.right
              if (state.revokedAt !== found.revokedAt)
                yield* db.run(markRevoked, [iso(at), state.id])
              return state
            }),
          ),

        /** Who invites, with which words, until when; a link no longer usable is NotFound. */
        preview: (secret: string) =>
          Effect.gen(function* () {
            const found = yield* usable(yield* hash(secret), yield* now)
            return {
              inviter: found.inviter,
              message: found.invitation.message,
              expiresAt: found.invitation.expiresAt,
            } satisfies InvitationPreview
          }),

        /**
         * Signs a new member up through an invitation, in one transaction: the link must be
         * usable (else InvitationNotFound and no account is made), is used, and if the new
         * member chose to connect, the two are connected as by an accepted request from the
         * inviter — whose entry for them, if any, moves onto the inviter's new record.
         * Returns the new member's id.
         */
        signUp: (member: NewMember, through: ThroughInvitation) =>
          Effect.flatMap(hash(through.secret), (hashed) =>
            db.transaction(
              Effect.gen(function* () {
                const at = yield* now
                const found = yield* usable(hashed, at)
                const id = yield* members.create(member, at)
                const inviter = found.inviter.id
                const [owned, entry] = yield* db.reads([
                  [ownCategoryIds, [inviter]],
                  [entryById, [found.invitation.entryId ?? "", inviter]],
                ] as const)
                const { state, events } = yield* decided(
                  redeemInvitation(found.invitation, {
                    now: at,
                    policy,
                    invitee: {
                      id,
                      locale: member.settings.locale,
                      connectionCount: 0,
                      broadcastConnections: member.settings.broadcastConnections,
                    },
                    inviter: {
                      id: inviter,
                      locale: found.settings.locale,
                      connectionCount: found.connectionCount,
                      broadcastConnections: found.settings.broadcastConnections,
                    },
                    connect: through.connect,
                    newRequestId: yield* ids.next,
                    inviterOwnedCategoryIds: new Set(owned),
                    entry: entry[0] ?? null,
                  }),
                )
                // Not used meanwhile: the inviter's row is locked (PostgreSQL), SQLite has one writer.
                yield* db.run(markUsed, [iso(at), id, through.connect ? 1 : 0, found.invitation.id])
                const accepted = state.accepted
                if (accepted !== null) {
                  yield* db.run(insertRequest, requestParams(accepted.request))
                  yield* contacts.insert(
                    accepted.connection,
                    { [inviter]: found.inviter.displayName, [id]: member.displayName },
                    (r) => reviewDueAt(r, policy.reviewEveryDays, policy),
                  )
                  if (accepted.entriesTaken.length > 0)
                    yield* db.run(removeTakenEntries, [accepted.entriesTaken, inviter, id])
                }
                yield* log.record(events)
                return id
              }),
              { statement: lockBySecret, params: [hashed] },
            ),
          ),
      }
    }),
  },
) {}
