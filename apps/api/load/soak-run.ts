/**
 * The soak: the mix against the real server while it is killed (SIGKILL)
 * and restarted at intervals; clients retry what the crash cut off. Then,
 * with the server stopped, every write a client was told succeeded must be
 * in the database, and every invariant must hold.
 *
 * On SQLite, one server process on a file. On PostgreSQL (`postgres: true`),
 * two server processes on one database, the clients split between them, and
 * the kills take turns: one process dies while the other keeps writing.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

import { Db, migrate, storeServices } from "@kontakt/store"
import { databaseLayer } from "@kontakt/store/node"
import { invariantViolations, prng, startPostgres, type Violation } from "@kontakt/store/testing"
import { Effect, Layer, ManagedRuntime } from "effect"
import { emptyAcknowledged, headersFor, makeMix } from "./mix.js"
import { type ServerProcess, startServerProcess } from "./server-process.js"
import { seedWorld } from "./world.js"

export interface SoakReport {
  readonly seconds: number
  readonly kills: number
  readonly requests: number
  readonly retries: number
  readonly serverErrors: number
  readonly acknowledged: { posts: number; requests: number; accepted: number; likes: number }
  readonly missing: { posts: string[]; requests: string[]; accepted: string[]; likes: string[] }
  readonly violations: readonly Violation[]
  /**
   * The outbox at the end: events recorded in all (its last sequence number),
   * rows left, and how old the oldest was when the load stopped — with
   * `retention`, what pruning left.
   */
  readonly outbox: {
    readonly recorded: number
    readonly rows: number
    readonly oldestAgeSeconds: number
  }
}

type Store = Layer.Layer.Success<typeof storeServices> | Db

export const soak = async (options: {
  readonly seconds: number
  readonly killEverySeconds: number
  readonly clients: number
  readonly members: number
  readonly postgres?: boolean
  /**
   * The outbox's retention in seconds (instead of days) and how often the
   * servers prune, so that a soak of a minute shows the table bounded.
   */
  readonly retention?: {
    readonly keepSeconds: number
    readonly feedSeconds: number
    readonly pruneEveryMs: number
  }
  readonly log?: (line: string) => void
}): Promise<SoakReport> => {
  const dir = mkdtempSync(join(tmpdir(), "kontakt-soak-"))
  const filename = join(dir, "soak.db")
  const pg = options.postgres === true ? await startPostgres() : null
  if (pg !== null) await pg.createDatabase("soak")
  const config =
    pg === null
      ? ({ kind: "sqlite", filename } as const)
      : ({ kind: "pg", url: pg.url("soak") } as const)
  const databaseUrl = pg === null ? `file:${filename}` : pg.url("soak")
  const store = () =>
    ManagedRuntime.make(storeServices.pipe(Layer.provideMerge(databaseLayer(config))))
  try {
    const seeding = store()
    const world = await seeding.runPromise(
      Effect.zipRight(
        migrate,
        seedWorld({
          members: options.members,
          hubDegree: Math.floor(options.members / 5),
          pendingPerMember: 6,
          posts: 300,
        }),
      ),
    )
    await seeding.dispose()

    // Each a single process (WORKERS=1): the soak counts and kills processes itself.
    const servers: ServerProcess[] = []
    for (let i = 0; i < (pg === null ? 1 : 2); i++)
      servers.push(
        await startServerProcess({
          DATABASE_URL: databaseUrl,
          WORKERS: "1",
          ...(options.retention === undefined
            ? {}
            : {
                OUTBOX_KEEP_DAYS: String(options.retention.keepSeconds / 86_400),
                FEED_DAYS: String(options.retention.feedSeconds / 86_400),
                OUTBOX_PRUNE_EVERY_MS: String(options.retention.pruneEveryMs),
              }),
        }),
      )
    const acks = emptyAcknowledged()
    const next = makeMix(world, prng(11), acks)
    const deadline = Date.now() + options.seconds * 1000
    let requests = 0
    let retries = 0
    let serverErrors = 0
    let kills = 0

    const client = async (_: unknown, i: number) => {
      const server = servers[i % servers.length] as ServerProcess
      while (Date.now() < deadline) {
        const op = next()
        // Retry what a crash cut off until it is answered (or time is up).
        while (Date.now() < deadline) {
          const res = await fetch(`${server.url}${op.path}`, {
            method: op.method,
            headers: headersFor(world, op, server.url),
            ...(op.body === null ? {} : { body: op.body }),
          }).catch(() => null)
          if (res === null) {
            retries++
            await new Promise((r) => setTimeout(r, 50))
            continue
          }
          const body = await res.text().catch(() => null)
          if (body === null) {
            retries++
            continue
          }
          requests++
          if (res.status >= 500) serverErrors++
          if (res.ok) op.acknowledged?.(body)
          break
        }
      }
    }
    // Kills on a fixed schedule from the start (every killEverySeconds), so a
    // slow restart on busy cores does not push the later kills past the end;
    // a server that is still late gets a second of service before the next.
    const started = Date.now()
    const killer = async () => {
      for (;;) {
        const wake = Math.max(
          started + (kills + 1) * options.killEverySeconds * 1000,
          Date.now() + 1_000,
        )
        if (wake >= deadline) return
        await new Promise((r) => setTimeout(r, wake - Date.now()))
        const victim = servers[kills % servers.length] as ServerProcess
        await victim.kill()
        kills++
        options.log?.(
          `killed ${servers.length === 1 ? "the server" : `server ${(kills - 1) % servers.length}`} (${kills}) after ${requests} requests; restarting`,
        )
        await victim.restart()
      }
    }
    await Promise.all([killer(), ...Array.from({ length: options.clients }, client)])
    // The outbox's age is measured from here: the checks below take their time.
    const ended = Date.now()
    for (const server of servers) await server.stop()

    const checking = store()
    const check = <A, E>(e: Effect.Effect<A, E, Store>) => checking.runPromise(e)
    try {
      const missing = await check(
        Effect.gen(function* () {
          const db = yield* Db
          // The ids of `ids` that `query` does not find, asked 500 at a time (a JSON list parameter).
          const absent = (ids: readonly string[], query: string) =>
            Effect.gen(function* () {
              const found = new Set<string>()
              for (let i = 0; i < ids.length; i += 500)
                for (const row of yield* db.unsafe(query, [ids.slice(i, i + 500)]))
                  found.add(String(row["id"]))
              return ids.filter((id) => !found.has(id))
            })
          const list = db.dialect.list
          return {
            posts: yield* absent([...acks.posts], `SELECT id FROM posts WHERE id IN ${list}`),
            requests: yield* absent(
              [...acks.requests],
              `SELECT id FROM requests WHERE id IN ${list}`,
            ),
            // Accepted and connected: nothing in the mix deletes a connection.
            accepted: yield* absent(
              [...acks.accepted],
              `SELECT r.id FROM requests r
               JOIN contacts c ON c.owner_id = r.from_id AND c.contact_id = r.to_id
               WHERE r.state = 'accepted' AND r.id IN ${list}`,
            ),
            likes: yield* absent(
              [...acks.likes],
              `SELECT post_id || '|' || member_id AS id FROM likes
               WHERE post_id || '|' || member_id IN ${list}`,
            ),
          }
        }),
      )
      const violations = await check(invariantViolations)
      const outbox = await check(
        Effect.gen(function* () {
          const db = yield* Db
          const [row] = yield* db.unsafe("SELECT COUNT(*) AS n, MIN(at) AS oldest FROM outbox")
          // The last number given, pruned or not (SQLite's AUTOINCREMENT, PostgreSQL's identity).
          const [last] = yield* db.unsafe(
            db.dialect.name === "pg"
              ? "SELECT last_value AS seq FROM outbox_seq_seq"
              : "SELECT seq FROM sqlite_sequence WHERE name = 'outbox'",
          )
          const oldest = row?.["oldest"]
          return {
            recorded: Number(last?.["seq"] ?? 0),
            rows: Number(row?.["n"] ?? 0),
            oldestAgeSeconds: typeof oldest === "string" ? (ended - Date.parse(oldest)) / 1000 : 0,
          }
        }),
      )
      return {
        seconds: options.seconds,
        kills,
        requests,
        retries,
        serverErrors,
        acknowledged: {
          posts: acks.posts.size,
          requests: acks.requests.size,
          accepted: acks.accepted.size,
          likes: acks.likes.size,
        },
        missing,
        violations,
        outbox,
      }
    } finally {
      await checking.dispose()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
    await pg?.stop()
  }
}
