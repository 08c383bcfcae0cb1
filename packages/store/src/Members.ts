/**
 * Members, their settings and their groups. Lists read a member's summary
 * (what a view shows: name, handle, headline, photo flag), from memory where
 * the read model has it (readmodel/SummaryCache.ts); the whole member,
 * settings parsed, is read where settings are used. A change to what a
 * summary shows commits its event with it, so that every process's memory
 * forgets the old one.
 */
import {
  changePhoto,
  changeProfile,
  type MemberId,
  type Profile,
  type ProfilePatch,
  type Settings,
  type Transition,
} from "@kontakt/domain"
import { Effect, Option } from "effect"
import { unblocked } from "./Blocks.js"
import { decided, now } from "./Decide.js"
import { Db, type SqlError } from "./db/Db.js"
import { col, type Param, type Row, type Statement, statement } from "./db/Statement.js"
import { EventLog } from "./EventLog.js"
import { Ids } from "./Ids.js"
import { flag, iso, like, toSettings } from "./Rows.js"
import { ReadModel } from "./readmodel/ReadModel.js"

/** What lists and views show of a member. */
export type MemberSummary = Profile

/** A member as the store knows them (never with the password hash). */
export interface Member extends Profile {
  readonly email: string
  readonly settings: Settings
  readonly createdAt: Date
}

/** The summary's columns, for `members m`. */
export const summaryColumns = `m.id, m.handle, m.display_name, m.headline, m.bio, m.open_to_networking,
  CASE WHEN EXISTS (SELECT 1 FROM photos p WHERE p.member_id = m.id) THEN 1 ELSE 0 END AS has_photo`

/** The summary's columns named with a prefix, for joins where other columns share the names. */
export const summaryColumnsAs = (prefix: string) =>
  `m.id AS ${prefix}id, m.handle AS ${prefix}handle, m.display_name AS ${prefix}display_name,
  m.headline AS ${prefix}headline, m.bio AS ${prefix}bio, m.open_to_networking AS ${prefix}open_to_networking,
  CASE WHEN EXISTS (SELECT 1 FROM photos p WHERE p.member_id = m.id) THEN 1 ELSE 0 END AS ${prefix}has_photo`

export const toSummary = (r: Row, prefix = ""): MemberSummary => ({
  id: col.str(r, `${prefix}id`),
  handle: col.str(r, `${prefix}handle`),
  displayName: col.str(r, `${prefix}display_name`),
  headline: col.str(r, `${prefix}headline`),
  bio: col.str(r, `${prefix}bio`),
  openToNetworking: col.bool(r, `${prefix}open_to_networking`),
  hasPhoto: col.bool(r, `${prefix}has_photo`),
})

/** The whole member's columns, for `members m`. */
export const memberColumns = `${summaryColumns}, m.email, m.settings, m.created_at`

/**
 * As many NULLs as `memberColumns`, typed like them: a UNION's other branch pads with these
 * (PostgreSQL types a bare NULL in a derived table as text, which an integer column refuses).
 */
export const memberColumnsAbsent =
  "NULL, NULL, NULL, NULL, NULL, CAST(NULL AS INTEGER), CAST(NULL AS INTEGER), NULL, NULL, NULL"

export const toMember = (r: Row): Member => ({
  ...toSummary(r),
  email: col.str(r, "email"),
  settings: toSettings(col.str(r, "settings")),
  createdAt: new Date(col.str(r, "created_at")),
})

/** How the viewer stands to a member. */
export type Relationship = "none" | "requestSent" | "requestReceived" | "contact"

/** A member in a list: the summary, how the viewer stands to them, how many contacts they share. */
export interface ListedMember extends MemberSummary {
  readonly relationship: Relationship
  readonly mutualCount: number
}

// How the viewer (four parameters: the viewer each time) stands to `members m`.
const relationshipColumns = `CASE
    WHEN EXISTS (SELECT 1 FROM contacts c WHERE c.owner_id = ? AND c.contact_id = m.id) THEN 'contact'
    WHEN EXISTS (SELECT 1 FROM requests r WHERE r.from_id = ? AND r.to_id = m.id
      AND r.state IN ('pending', 'ignored')) THEN 'requestSent'
    WHEN EXISTS (SELECT 1 FROM requests r WHERE r.to_id = ? AND r.from_id = m.id
      AND r.state IN ('pending', 'ignored')) THEN 'requestReceived'
    ELSE 'none' END AS relationship,
  (SELECT COUNT(*) FROM contacts a JOIN contacts b ON b.owner_id = m.id AND b.contact_id = a.contact_id
    WHERE a.owner_id = ?) AS mutual_count`
const toListed = (r: Row): ListedMember => ({
  ...toSummary(r),
  relationship: col.str(r, "relationship") as Relationship,
  mutualCount: col.num(r, "mutual_count"),
})

/** A group as listed: its size, and whether the viewer belongs to it. */
export interface GroupRow {
  readonly id: string
  readonly name: string
  readonly description: string
  readonly createdAt: string
  readonly memberCount: number
  readonly joined: boolean
}

const toGroup = (r: Row): GroupRow => ({
  id: col.str(r, "id"),
  name: col.str(r, "name"),
  description: col.str(r, "description"),
  createdAt: col.str(r, "created_at"),
  memberCount: col.num(r, "member_count"),
  joined: col.bool(r, "joined"),
})

/** What creating a member needs; the password arrives hashed. */
export interface NewMember {
  readonly handle: string
  readonly email: string
  readonly displayName: string
  readonly passwordHash: string
  readonly settings: Settings
}

const insert = statement(`INSERT INTO members
  (id, handle, email, display_name, password_hash, settings, hide_contacts, findable_by_email,
   created_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
const byId = statement(`SELECT ${memberColumns} FROM members m WHERE m.id = ?`, toMember)
const byHandle = statement(`SELECT ${memberColumns} FROM members m WHERE m.handle = ?`, toMember)
const handleTaken = statement(
  `SELECT 1 AS taken FROM members WHERE handle = ?
   UNION ALL SELECT 1 AS taken FROM retired_handles WHERE handle = ?`,
  () => true,
)
const byEmail = statement(`SELECT ${memberColumns} FROM members m WHERE m.email = ?`, toMember)
const summaries = statement(
  (d) => `SELECT ${summaryColumns} FROM members m WHERE m.id IN ${d.list}`,
  toSummary,
)
const passwordHash = statement("SELECT id, password_hash FROM members WHERE email = ?", (r) => ({
  id: col.str(r, "id"),
  passwordHash: col.str(r, "password_hash"),
}))

// The directory: never the viewer, never anyone blocked either way; by handle, after a cursor.
const notBlockedWithViewer = `NOT EXISTS (SELECT 1 FROM blocks b
  WHERE (b.blocker_id = ? AND b.blocked_id = m.id) OR (b.blocker_id = m.id AND b.blocked_id = ?))`
// The search's text typed, so that PostgreSQL knows what a missing one is.
const matches = `(CAST(? AS TEXT) IS NULL OR m.handle LIKE ? ESCAPE '\\' OR LOWER(m.display_name) LIKE ? ESCAPE '\\'
  OR LOWER(m.headline) LIKE ? ESCAPE '\\')`
// Filters on what makes a member easy to approach: each applies when its first parameter is 1,
// and keeps the members whose trait (0 or 1) equals the second.
const traits = `(? = 0 OR (CASE WHEN EXISTS (SELECT 1 FROM photos ph WHERE ph.member_id = m.id)
    THEN 1 ELSE 0 END) = ?)
  AND (? = 0 OR m.open_to_networking = ?)`
const directory = statement(
  `SELECT ${summaryColumns}, ${relationshipColumns} FROM members m
   WHERE m.handle > ? AND m.id <> ? AND ${notBlockedWithViewer} AND ${matches} AND ${traits}
   ORDER BY m.handle LIMIT ?`,
  toListed,
)
const groupDirectory = statement(
  `SELECT ${summaryColumns}, ${relationshipColumns} FROM group_members g JOIN members m ON m.id = g.member_id
   WHERE g.group_id = ? AND m.handle > ? AND m.id <> ? AND ${notBlockedWithViewer} AND ${matches}
     AND ${traits}
   ORDER BY m.handle LIMIT ?`,
  toListed,
)
// One member by handle as the viewer finds them: listed, and whether a block stands between them.
const listedByHandle = statement(
  `SELECT ${summaryColumns}, ${relationshipColumns},
     CASE WHEN m.id <> ? AND ${notBlockedWithViewer.replace("NOT EXISTS", "EXISTS")} THEN 1 ELSE 0 END AS blocked
   FROM members m WHERE m.handle = ?`,
  (r) => ({ member: toListed(r), blocked: col.bool(r, "blocked") }),
)

const listedParams = (viewer: MemberId, handle: string) => [
  ...Array.from({ length: 7 }, () => viewer),
  handle.toLowerCase(),
]
const listedOrNone = (found: { member: ListedMember; blocked: boolean } | undefined) =>
  found === undefined || found.blocked ? Option.none() : Option.some(found.member)

const groupColumns = `g.id, g.name, g.description, g.created_at,
  (SELECT COUNT(*) FROM group_members gm WHERE gm.group_id = g.id
    AND ${unblocked("gm.member_id", "?")}) AS member_count,
  CASE WHEN EXISTS (SELECT 1 FROM group_members gm WHERE gm.group_id = g.id AND gm.member_id = ?)
    THEN 1 ELSE 0 END AS joined`
const groups = statement(
  `SELECT ${groupColumns} FROM groups g WHERE g.id > ? ORDER BY g.id LIMIT ?`,
  toGroup,
)
const group = statement(`SELECT ${groupColumns} FROM groups g WHERE g.id = ?`, toGroup)
const groupNames = statement(
  (d) => `SELECT id, name FROM groups WHERE id IN ${d.list}`,
  (r) => [col.str(r, "id"), col.str(r, "name")] as const,
)
const insertGroup = statement(
  "INSERT INTO groups (id, name, description, created_by, created_at) VALUES (?, ?, ?, ?, ?)",
)
const join = statement(`INSERT INTO group_members (group_id, member_id, joined_at) VALUES (?, ?, ?)
  ON CONFLICT (group_id, member_id) DO NOTHING`)
const leave = statement("DELETE FROM group_members WHERE group_id = ? AND member_id = ?")

const updateProfile = statement(`UPDATE members SET
  display_name = COALESCE(?, display_name), headline = COALESCE(?, headline), bio = COALESCE(?, bio),
  open_to_networking = COALESCE(?, open_to_networking) WHERE id = ?`)
// The member's records in others' lists, found through the member's own (each has its mirror).
const renameContacts = statement(`UPDATE contacts SET sort_name = ?
  WHERE contact_id = ? AND owner_id IN (SELECT contact_id FROM contacts WHERE owner_id = ?)`)
const setPhoto = statement(`INSERT INTO photos (member_id, content_type, bytes, updated_at)
  VALUES (?, ?, ?, ?)
  ON CONFLICT (member_id) DO UPDATE SET content_type = excluded.content_type, bytes = excluded.bytes,
    updated_at = excluded.updated_at`)
const photo = statement("SELECT content_type, bytes FROM photos WHERE member_id = ?", (r) => ({
  contentType: col.str(r, "content_type"),
  bytes: col.bytes(r, "bytes"),
}))
const deletePhoto = statement("DELETE FROM photos WHERE member_id = ?")

export class Members extends Effect.Service<Members>()("@kontakt/store/Members", {
  effect: Effect.gen(function* () {
    const db = yield* Db
    const ids = yield* Ids
    const log = yield* EventLog
    const model = yield* ReadModel
    const cache = model.summaries
    const one = (rows: readonly Member[]) => Option.fromNullable(rows[0])

    /**
     * Summaries by id: those in memory, and the rest read (and kept) along with
     * `other`, one more statement at most — one round trip with it on PostgreSQL.
     */
    const summariesAlong = <A>(
      memberIds: readonly MemberId[],
      other: readonly [Statement<A>, readonly Param[]] | null,
    ): Effect.Effect<readonly [A[], Map<string, MemberSummary>], SqlError> =>
      Effect.zipRight(
        model.sync,
        Effect.suspend(() => {
          const found = new Map<string, MemberSummary>()
          const missing = new Set<MemberId>()
          for (const id of memberIds) {
            const s = cache.get(id)
            if (s === undefined) missing.add(id)
            else found.set(id, s)
          }
          if (missing.size === 0)
            return other === null
              ? Effect.succeed([[] as A[], found] as const)
              : Effect.map(db.all(other[0], other[1]), (rows) => [rows, found] as const)
          const stamp = cache.stamp()
          const read = (rows: readonly MemberSummary[]) => {
            cache.keep(rows, stamp)
            for (const m of rows) found.set(m.id, m)
          }
          return other === null
            ? Effect.map(db.all(summaries, [[...missing]]), (rows) => {
                read(rows)
                return [[] as A[], found] as const
              })
            : Effect.map(
                db.reads([other, [summaries, [[...missing]]]] as const),
                ([rows, members]) => {
                  read(members)
                  return [rows as A[], found] as const
                },
              )
        }),
      )

    const summariesOf = (memberIds: readonly MemberId[]) =>
      memberIds.length === 0
        ? Effect.succeed(new Map<string, MemberSummary>())
        : Effect.map(summariesAlong(memberIds, null), ([, found]) => found)

    /** A change to what others see of the member: written with its event. */
    const changed = (
      decide: (at: Date) => Transition<unknown>,
      write: (at: Date) => Effect.Effect<void, SqlError>,
    ) =>
      db.transaction(
        Effect.gen(function* () {
          const at = yield* now
          const { events } = yield* decided(decide(at))
          yield* write(at)
          yield* log.record(events)
        }),
      )

    return {
      /** Creates a member; a taken handle or email fails with the database's unique violation. */
      create: (input: NewMember, now: Date) =>
        Effect.gen(function* () {
          const id = yield* ids.next
          yield* db.run(insert, [
            id,
            input.handle,
            input.email,
            input.displayName,
            input.passwordHash,
            JSON.stringify(input.settings),
            flag(input.settings.hideContacts),
            flag(input.settings.findableByEmail),
            iso(now),
          ])
          return id
        }),
      byId: (id: MemberId) => Effect.map(db.all(byId, [id]), one),
      byHandle: (handle: string) => Effect.map(db.all(byHandle, [handle.toLowerCase()]), one),
      /** Whether a handle is a member's now or was a deleted account's (those stay taken). */
      handleTaken: (handle: string) =>
        Effect.map(
          db.all(handleTaken, [handle.toLowerCase(), handle.toLowerCase()]),
          (rows) => rows.length > 0,
        ),
      byEmail: (email: string) => Effect.map(db.all(byEmail, [email.toLowerCase()]), one),
      /** Several members' summaries at once, by id (a member gone is missing). */
      summaries: summariesOf,
      summariesAlong,
      /**
       * Rows, each with the member it names: the summary the row carries (a statement that
       * joined members), else the one in memory or read; a row whose member is gone is left out.
       */
      named: <R>(
        rows: readonly R[],
        idOf: (row: R) => MemberId,
        carried: (row: R) => MemberSummary | undefined,
      ) =>
        Effect.map(summariesOf(rows.filter((r) => carried(r) === undefined).map(idOf)), (found) =>
          rows.flatMap((r) => {
            const member = carried(r) ?? found.get(idOf(r))
            return member === undefined ? [] : [[r, member] as const]
          }),
        ),
      /**
       * The directory: members matching a search (handle, name or headline),
       * optionally in one group, with or without a photo, open to networking
       * or not; never the viewer or anyone blocked either way.
       */
      directory: (
        viewer: MemberId,
        options: {
          readonly q: string | null
          readonly groupId: string | null
          /** Only members with a photo (true), or only those without (false). */
          readonly hasPhoto?: boolean | null
          /** Only members open to networking (true), or only those who are not (false). */
          readonly openToNetworking?: boolean | null
          readonly limit: number
          readonly after: string | null
        },
      ) => {
        const p = options.q === null ? null : like(options.q)
        const viewers = [viewer, viewer, viewer, viewer]
        const trait = (wanted: boolean | null | undefined) =>
          wanted === null || wanted === undefined ? [0, 0] : [1, wanted ? 1 : 0]
        const common = [
          options.after ?? "",
          viewer,
          viewer,
          viewer,
          p,
          p,
          p,
          p,
          ...trait(options.hasPhoto),
          ...trait(options.openToNetworking),
          options.limit,
        ]
        return options.groupId === null
          ? db.all(directory, [...viewers, ...common])
          : db.all(groupDirectory, [...viewers, options.groupId, ...common])
      },
      /** The member behind a handle, listed for the viewer; none when missing or blocked either way. */
      listed: (viewer: MemberId, handle: string) =>
        Effect.map(db.first(listedByHandle, listedParams(viewer, handle)), listedOrNone),
      /**
       * `listed`, and several members' summaries, read together: one round trip on PostgreSQL
       * (a profile whose network answers came from memory names its members before it has the row).
       */
      listedWith: (viewer: MemberId, handle: string, memberIds: readonly MemberId[]) =>
        Effect.map(
          summariesAlong(memberIds, [listedByHandle, listedParams(viewer, handle)]),
          ([found, summaries]) => ({ listed: listedOrNone(found[0]), summaries }),
        ),
      /** Groups by id, each with its size and whether the viewer is a member. */
      groups: (viewer: MemberId, limit: number, after: string | null) =>
        db.all(groups, [viewer, viewer, viewer, after ?? "", limit]),
      group: (viewer: MemberId, id: string) =>
        Effect.map(db.all(group, [viewer, viewer, viewer, id]), (rows) =>
          Option.fromNullable(rows[0]),
        ),
      passwordHash: (email: string) =>
        Effect.map(db.all(passwordHash, [email.toLowerCase()]), (rows) =>
          Option.fromNullable(rows[0]),
        ),
      /** Changes the profile (and how the member's name sorts in contact lists). */
      updateProfile: (id: MemberId, patch: ProfilePatch) =>
        changed(
          (at) => changeProfile(patch, { member: id, now: at }),
          () =>
            Effect.gen(function* () {
              yield* db.run(updateProfile, [
                patch.displayName ?? null,
                patch.headline ?? null,
                patch.bio ?? null,
                patch.openToNetworking === undefined ? null : flag(patch.openToNetworking),
                id,
              ])
              if (patch.displayName !== undefined)
                yield* db.run(renameContacts, [patch.displayName.toLowerCase(), id, id])
            }),
        ),
      setPhoto: (id: MemberId, contentType: string, bytes: Uint8Array, at: Date) =>
        changed(
          () => changePhoto({ member: id, now: at, hasPhoto: true }),
          () => db.run(setPhoto, [id, contentType, bytes, iso(at)]),
        ),
      photo: (id: MemberId) =>
        Effect.map(db.all(photo, [id]), (rows) => Option.fromNullable(rows[0])),
      deletePhoto: (id: MemberId) =>
        changed(
          (at) => changePhoto({ member: id, now: at, hasPhoto: false }),
          () => db.run(deletePhoto, [id]),
        ),
      createGroup: (
        input: {
          readonly name: string
          readonly description: string
          readonly createdBy: MemberId
        },
        now: Date,
      ) =>
        Effect.gen(function* () {
          const id = yield* ids.next
          yield* db.transaction(
            Effect.zipRight(
              db.run(insertGroup, [id, input.name, input.description, input.createdBy, iso(now)]),
              db.run(join, [id, input.createdBy, iso(now)]),
            ),
          )
          return id
        }),
      joinGroup: (groupId: string, memberId: MemberId, now: Date) =>
        db.run(join, [groupId, memberId, iso(now)]),
      leaveGroup: (groupId: string, memberId: MemberId) => db.run(leave, [groupId, memberId]),
      groupNames: (groupIds: readonly string[]) =>
        groupIds.length === 0
          ? Effect.succeed({} as Record<string, string>)
          : Effect.map(db.all(groupNames, [[...groupIds]]), (rows) => Object.fromEntries(rows)),
    }
  }),
}) {}
