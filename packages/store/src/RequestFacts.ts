/**
 * What a decision about a request reads, each in one statement: for send,
 * both members with every fact about them and between them (and, sent in the
 * same round trip, the open requests between them); for accept, the request
 * with both members and their facts; and the locks PostgreSQL takes first.
 */
import type { ContactRequest, MemberId, Settings } from "@kontakt/domain"
import type { Lock } from "./db/Db.js"
import { col, type Row, statement } from "./db/Statement.js"
import { type MemberSummary, summaryColumns, toSummary } from "./Members.js"
import { requestColumns, toRequest, toSettings } from "./Rows.js"

/** A member as a request decision sees them (and as the answer shows them). */
export interface PartyFacts {
  readonly summary: MemberSummary
  readonly id: MemberId
  readonly displayName: string
  readonly hasPhoto: boolean
  readonly openToNetworking: boolean
  readonly settings: Settings
  readonly connectionCount: number
}

const party = (r: Row, prefix = ""): PartyFacts => ({
  summary: toSummary(r, prefix),
  id: col.str(r, `${prefix}id`),
  displayName: col.str(r, `${prefix}display_name`),
  hasPhoto: col.bool(r, `${prefix}has_photo`),
  openToNetworking: col.bool(r, `${prefix}open_to_networking`),
  settings: toSettings(col.str(r, `${prefix}settings`)),
  connectionCount: col.num(r, `${prefix}connection_count`),
})

const OPEN = "('pending', 'ignored')"

/**
 * The sender and the recipient (by handle), each with their facts: the
 * sender's open and recent requests (at most the weekly limit's many: as a
 * number in the text, since SQLite plans `LIMIT ?` in a subquery at three
 * times the cost), and between the two every fact the rules look at.
 * Parameters: `sendParams`.
 */
export const sendMembers = (weeklyLimit: number) =>
  statement(
    (d) => `SELECT ${summaryColumns}, m.settings,
    m.connection_count,
    CASE WHEN m.id = ? THEN (SELECT COUNT(*) FROM requests r WHERE r.from_id = m.id AND r.state IN ${OPEN}) END AS open_outgoing,
    CASE WHEN m.id = ? THEN (SELECT ${d.joined("x.created_at")} FROM (SELECT r.created_at FROM requests r
      WHERE r.from_id = ? AND r.created_at > ? ORDER BY r.created_at DESC LIMIT ${Math.trunc(weeklyLimit)}) x) END AS recent_sends,
    CASE WHEN m.id <> ? THEN (SELECT COUNT(*) FROM blocks b
      WHERE (b.blocker_id = ? AND b.blocked_id = m.id) OR (b.blocker_id = m.id AND b.blocked_id = ?)) END AS blocked,
    CASE WHEN m.id <> ? THEN (SELECT COUNT(*) FROM contacts c WHERE c.owner_id = ? AND c.contact_id = m.id) END AS connected,
    CASE WHEN m.id <> ? THEN (SELECT MAX(r.updated_at) FROM requests r
      WHERE r.from_id = ? AND r.to_id = m.id AND r.state = 'withdrawn') END AS last_withdrawal,
    CASE WHEN m.id <> ? THEN (SELECT COUNT(*) FROM contacts a
      JOIN contacts b ON b.owner_id = m.id AND b.contact_id = a.contact_id WHERE a.owner_id = ?) END AS mutual_count,
    CASE WHEN m.id <> ? THEN (SELECT COUNT(*) FROM group_members a
      JOIN group_members b ON b.group_id = a.group_id AND b.member_id = m.id WHERE a.member_id = ?) END AS shared_groups,
    (SELECT g.name FROM groups g WHERE g.id = ?) AS group_name,
    (SELECT ${d.joined("g.id")} FROM categories g WHERE g.owner_id = m.id) AS owned_categories
  FROM members m WHERE m.id = ? OR m.handle = ?`,
    (r) => ({
      ...party(r),
      handle: col.str(r, "handle"),
      openOutgoing: col.num(r, "open_outgoing"),
      recentSends: col.list(r, "recent_sends").map((s) => new Date(s)),
      blocked: col.num(r, "blocked") > 0,
      connected: col.num(r, "connected") > 0,
      lastWithdrawal: ((v) => (v === null ? null : new Date(v)))(
        col.strOrNull(r, "last_withdrawal"),
      ),
      mutualCount: col.num(r, "mutual_count"),
      sharedGroups: col.num(r, "shared_groups"),
      groupName: col.strOrNull(r, "group_name"),
      ownedCategories: new Set(col.list(r, "owned_categories")),
    }),
  )

/** The parameters of `sendMembers`. */
export const sendParams = (
  sender: MemberId,
  handle: string,
  since: Date,
  groupId: string | null,
) => [
  sender,
  sender,
  sender,
  since.toISOString(),
  sender,
  sender,
  sender,
  sender,
  sender,
  sender,
  sender,
  sender,
  sender,
  sender,
  sender,
  groupId,
  sender,
  handle,
]

/** The open requests between the sender and the recipient (by handle), either way. */
export const openBetween = statement(
  `SELECT ${requestColumns} FROM requests r WHERE r.state IN ${OPEN} AND (
    (r.from_id = ? AND r.to_id = (SELECT id FROM members WHERE handle = ?))
    OR (r.to_id = ? AND r.from_id = (SELECT id FROM members WHERE handle = ?)))`,
  toRequest,
)

const partyColumns = (alias: string) =>
  `${alias}.id AS ${alias}_id, ${alias}.handle AS ${alias}_handle, ${alias}.display_name AS ${alias}_display_name,
   ${alias}.headline AS ${alias}_headline, ${alias}.bio AS ${alias}_bio, ${alias}.settings AS ${alias}_settings,
   ${alias}.open_to_networking AS ${alias}_open_to_networking,
   CASE WHEN EXISTS (SELECT 1 FROM photos p WHERE p.member_id = ${alias}.id) THEN 1 ELSE 0 END AS ${alias}_has_photo,
   ${alias}.connection_count AS ${alias}_connection_count`

/** A request with both members and the facts accepting it needs. */
export const acceptFacts = statement(
  (d) => `SELECT ${requestColumns}, ${partyColumns("s")}, ${partyColumns("t")},
    CASE WHEN EXISTS (SELECT 1 FROM contacts c WHERE c.owner_id = r.from_id AND c.contact_id = r.to_id)
      THEN 1 ELSE 0 END AS connected,
    (SELECT ${d.joined("g.id")} FROM categories g WHERE g.owner_id = r.to_id) AS owned_categories,
    (SELECT ${d.joined("g.id")} FROM categories g WHERE g.owner_id = r.from_id) AS sender_categories
  FROM requests r JOIN members s ON s.id = r.from_id JOIN members t ON t.id = r.to_id
  WHERE r.id = ?`,
  (r) => ({
    request: toRequest(r) as ContactRequest,
    sender: party(r, "s_"),
    recipient: party(r, "t_"),
    connected: col.bool(r, "connected"),
    ownedCategories: col.list(r, "owned_categories"),
    senderCategories: col.list(r, "sender_categories"),
  }),
)

/** The request by id (ignore, withdraw, expire). */
export const requestById = statement(
  `SELECT ${requestColumns} FROM requests r WHERE r.id = ?`,
  toRequest,
)

/** Locks a request's two members (PostgreSQL), in id order. */
export const requestLock = (requestId: string): Lock => ({
  statement: lockRequestMembers,
  params: [requestId, requestId],
})
const lockRequestMembers = statement(
  (d) => `SELECT m.id FROM members m WHERE m.id IN (
    SELECT from_id FROM requests WHERE id = ? UNION SELECT to_id FROM requests WHERE id = ?)
  ORDER BY m.id ${d.lockRows}`,
)

/** Locks the sender and the member behind a handle (PostgreSQL), in id order. */
export const sendLock = (sender: MemberId, handle: string): Lock => ({
  statement: lockSendMembers,
  params: [sender, handle],
})
const lockSendMembers = statement(
  (d) => `SELECT id FROM members WHERE id = ? OR handle = ? ORDER BY id ${d.lockRows}`,
)

/** Locks members by id (PostgreSQL), in id order. */
export const membersLock = (ids: readonly MemberId[]): Lock => ({
  statement: lockMembers,
  params: [[...new Set(ids)].sort()],
})
const lockMembers = statement(
  (d) => `SELECT id FROM members WHERE id IN ${d.list} ORDER BY id ${d.lockRows}`,
)
