/**
 * Members, their settings and their groups.
 */
import { SqlClient } from "@effect/sql"
import type { MemberId, Profile, ProfilePatch, Settings } from "@kontakt/domain"
import { Effect, Option } from "effect"
import { Ids } from "./Ids.js"
import { flag, iso, like, toSettings } from "./Rows.js"

/** A member as the store knows them (never with the password hash). */
export interface Member extends Profile {
  readonly email: string
  readonly settings: Settings
  readonly createdAt: Date
}

interface MemberRow {
  readonly id: string
  readonly handle: string
  readonly email: string
  readonly displayName: string
  readonly headline: string
  readonly bio: string
  readonly openToNetworking: number
  readonly hasPhoto: number
  readonly settings: string
  readonly createdAt: string
}

const toMember = (r: MemberRow): Member => ({
  id: r.id,
  handle: r.handle,
  email: r.email,
  displayName: r.displayName,
  headline: r.headline,
  bio: r.bio,
  openToNetworking: r.openToNetworking === 1,
  hasPhoto: r.hasPhoto === 1,
  settings: toSettings(r.settings),
  createdAt: new Date(r.createdAt),
})

/** A group as listed: its size, and whether the viewer belongs to it (0/1). */
export interface GroupRow {
  readonly id: string
  readonly name: string
  readonly description: string
  readonly createdAt: string
  readonly memberCount: number
  readonly joined: number
}

/** What creating a member needs; the password arrives hashed. */
export interface NewMember {
  readonly handle: string
  readonly email: string
  readonly displayName: string
  readonly passwordHash: string
  readonly settings: Settings
}

export class Members extends Effect.Service<Members>()("@kontakt/store/Members", {
  effect: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const ids = yield* Ids
    const columns = sql`m.id, m.handle, m.email, m.display_name, m.headline, m.bio,
        m.open_to_networking, m.settings, m.created_at,
        CASE WHEN p.member_id IS NULL THEN 0 ELSE 1 END AS has_photo`
    const select = sql`SELECT ${columns} FROM members m LEFT JOIN photos p ON p.member_id = m.id`
    const one = (rows: readonly MemberRow[]) =>
      Option.fromNullable(rows[0]).pipe(Option.map(toMember))

    return {
      /** Creates a member; a taken handle or email fails with the database's unique violation. */
      create: (input: NewMember, now: Date) =>
        Effect.gen(function* () {
          const id = yield* ids.next
          yield* sql`INSERT INTO members ${sql.insert({
            id,
            handle: input.handle,
            email: input.email,
            displayName: input.displayName,
            passwordHash: input.passwordHash,
            settings: JSON.stringify(input.settings),
            hideContacts: flag(input.settings.hideContacts),
            createdAt: iso(now),
          })}`
          return id
        }),
      byId: (id: MemberId) => sql<MemberRow>`${select} WHERE m.id = ${id}`.pipe(Effect.map(one)),
      /**
       * What a decision between two members reads about them, in one query:
       * both members, how many contacts each has, and whether they are connected.
       */
      pair: (x: MemberId, y: MemberId) =>
        sql<MemberRow & { connectionCount: number; connected: number }>`SELECT ${columns},
            (SELECT CAST(COUNT(*) AS INTEGER) FROM contacts c WHERE c.owner_id = m.id) AS connection_count,
            CASE WHEN EXISTS (SELECT 1 FROM contacts c WHERE c.owner_id = ${x} AND c.contact_id = ${y})
              THEN 1 ELSE 0 END AS connected
          FROM members m LEFT JOIN photos p ON p.member_id = m.id
          WHERE ${sql.in("m.id", [x, y])}`.pipe(
          Effect.map((rows) => ({
            members: new Map(
              rows.map((r) => [r.id, { ...toMember(r), connectionCount: r.connectionCount }]),
            ),
            connected: rows.some((r) => r.connected === 1),
          })),
        ),
      /** Several members at once, by id. */
      byIds: (ids: readonly MemberId[]) =>
        ids.length === 0
          ? Effect.succeed(new Map<string, Member>())
          : sql<MemberRow>`${select} WHERE ${sql.in("m.id", [...new Set(ids)])}`.pipe(
              Effect.map((rows) => new Map(rows.map((r) => [r.id, toMember(r)]))),
            ),
      /**
       * The directory: members matching a search (handle, name or headline),
       * optionally in one group, never the viewer or anyone blocked either way.
       */
      directory: (
        viewer: MemberId,
        options: {
          readonly q: string | null
          readonly groupId: string | null
          readonly limit: number
          readonly after: string | null
        },
      ) => {
        const pattern = options.q === null ? null : like(options.q)
        return sql<MemberRow>`${select}
          ${options.groupId === null ? sql`` : sql`JOIN group_members g ON g.member_id = m.id AND g.group_id = ${options.groupId}`}
          WHERE m.id <> ${viewer}
          AND NOT EXISTS (SELECT 1 FROM blocks b WHERE (b.blocker_id = ${viewer} AND b.blocked_id = m.id) OR (b.blocker_id = m.id AND b.blocked_id = ${viewer}))
          ${pattern === null ? sql`` : sql`AND (m.handle LIKE ${pattern} ESCAPE '\\' OR LOWER(m.display_name) LIKE ${pattern} ESCAPE '\\' OR LOWER(m.headline) LIKE ${pattern} ESCAPE '\\')`}
          ${options.after === null ? sql`` : sql`AND m.handle > ${options.after}`}
          ORDER BY m.handle LIMIT ${options.limit}`.pipe(Effect.map((rows) => rows.map(toMember)))
      },
      /** Groups by id, each with its size and whether the viewer is a member. */
      groups: (viewer: MemberId, limit: number, after: string | null) =>
        sql<GroupRow>`SELECT g.id, g.name, g.description, g.created_at,
            (SELECT CAST(COUNT(*) AS INTEGER) FROM group_members gm WHERE gm.group_id = g.id) AS member_count,
            CASE WHEN EXISTS (SELECT 1 FROM group_members gm WHERE gm.group_id = g.id AND gm.member_id = ${viewer})
              THEN 1 ELSE 0 END AS joined
          FROM groups g ${after === null ? sql`` : sql`WHERE g.id > ${after}`} ORDER BY g.id LIMIT ${limit}`,
      group: (viewer: MemberId, id: string) =>
        sql<GroupRow>`SELECT g.id, g.name, g.description, g.created_at,
            (SELECT CAST(COUNT(*) AS INTEGER) FROM group_members gm WHERE gm.group_id = g.id) AS member_count,
            CASE WHEN EXISTS (SELECT 1 FROM group_members gm WHERE gm.group_id = g.id AND gm.member_id = ${viewer})
              THEN 1 ELSE 0 END AS joined
          FROM groups g WHERE g.id = ${id}`.pipe(
          Effect.map((rows) => Option.fromNullable(rows[0])),
        ),
      isInGroup: (groupId: string, memberId: MemberId) =>
        sql<{
          n: number
        }>`SELECT CAST(COUNT(*) AS INTEGER) AS n FROM group_members WHERE group_id = ${groupId} AND member_id = ${memberId}`.pipe(
          Effect.map((rows) => (rows[0]?.n ?? 0) > 0),
        ),
      byHandle: (handle: string) =>
        sql<MemberRow>`${select} WHERE m.handle = ${handle.toLowerCase()}`.pipe(Effect.map(one)),
      byEmail: (email: string) =>
        sql<MemberRow>`${select} WHERE m.email = ${email.toLowerCase()}`.pipe(Effect.map(one)),
      passwordHash: (email: string) =>
        sql<{
          id: string
          passwordHash: string
        }>`SELECT id, password_hash FROM members WHERE email = ${email.toLowerCase()}`.pipe(
          Effect.map((rows) => Option.fromNullable(rows[0])),
        ),
      updateProfile: (id: MemberId, patch: ProfilePatch) =>
        Effect.gen(function* () {
          const changes = {
            ...(patch.displayName !== undefined ? { displayName: patch.displayName } : {}),
            ...(patch.headline !== undefined ? { headline: patch.headline } : {}),
            ...(patch.bio !== undefined ? { bio: patch.bio } : {}),
            ...(patch.openToNetworking !== undefined
              ? { openToNetworking: flag(patch.openToNetworking) }
              : {}),
          }
          if (Object.keys(changes).length === 0) return
          yield* sql`UPDATE members SET ${sql.update(changes)} WHERE id = ${id}`
          if (patch.displayName !== undefined) {
            yield* sql`UPDATE contacts SET sort_name = ${patch.displayName.toLowerCase()} WHERE contact_id = ${id}`
          }
        }),
      updateSettings: (id: MemberId, settings: Settings) =>
        sql`UPDATE members SET settings = ${JSON.stringify(settings)}, hide_contacts = ${flag(settings.hideContacts)}
          WHERE id = ${id}`.pipe(Effect.asVoid),
      setPhoto: (id: MemberId, contentType: string, bytes: Uint8Array, now: Date) =>
        sql
          .onDialectOrElse({
            pg: () => sql`INSERT INTO photos (member_id, content_type, bytes, updated_at)
            VALUES (${id}, ${contentType}, ${bytes}, ${iso(now)})
            ON CONFLICT (member_id) DO UPDATE SET content_type = EXCLUDED.content_type, bytes = EXCLUDED.bytes, updated_at = EXCLUDED.updated_at`,
            orElse: () => sql`INSERT INTO photos (member_id, content_type, bytes, updated_at)
            VALUES (${id}, ${contentType}, ${bytes}, ${iso(now)})
            ON CONFLICT (member_id) DO UPDATE SET content_type = excluded.content_type, bytes = excluded.bytes, updated_at = excluded.updated_at`,
          })
          .pipe(Effect.asVoid),
      photo: (id: MemberId) =>
        sql<{
          contentType: string
          bytes: Uint8Array
        }>`SELECT content_type, bytes FROM photos WHERE member_id = ${id}`.pipe(
          Effect.map((rows) => Option.fromNullable(rows[0])),
        ),
      deletePhoto: (id: MemberId) =>
        sql`DELETE FROM photos WHERE member_id = ${id}`.pipe(Effect.asVoid),
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
          yield* sql`INSERT INTO groups ${sql.insert({ id, ...input, createdAt: iso(now) })}`
          yield* sql`INSERT INTO group_members ${sql.insert({ groupId: id, memberId: input.createdBy, joinedAt: iso(now) })}`
          return id
        }),
      joinGroup: (groupId: string, memberId: MemberId, now: Date) =>
        sql`INSERT INTO group_members (group_id, member_id, joined_at) VALUES (${groupId}, ${memberId}, ${iso(now)})
          ON CONFLICT (group_id, member_id) DO NOTHING`.pipe(Effect.asVoid),
      leaveGroup: (groupId: string, memberId: MemberId) =>
        sql`DELETE FROM group_members WHERE group_id = ${groupId} AND member_id = ${memberId}`.pipe(
          Effect.asVoid,
        ),
      groupNames: (groupIds: readonly string[]) =>
        groupIds.length === 0
          ? Effect.succeed({} as Record<string, string>)
          : sql<{
              id: string
              name: string
            }>`SELECT id, name FROM groups WHERE ${sql.in("id", groupIds)}`.pipe(
              Effect.map((rows) => Object.fromEntries(rows.map((r) => [r.id, r.name]))),
            ),
    }
  }),
}) {}
