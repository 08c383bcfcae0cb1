/**
 * PostgreSQL mode under the mix: two API processes on one database, driven
 * at once. No 5xx (two fan-outs crossing each other once deadlocked on the
 * members' row locks), and the invariants hold across both processes.
 */

import { type Db, migrate, storeServices } from "@kontakt/store"
import { databaseLayer } from "@kontakt/store/node"
import { invariantViolations, prng, startPostgres } from "@kontakt/store/testing"
import { Effect, Layer, ManagedRuntime } from "effect"
import { describe, expect, it } from "vitest"
import { driveMix } from "./drive.js"
import { emptyAcknowledged } from "./mix.js"
import { startServerProcess } from "./server-process.js"
import { seedWorld } from "./world.js"

type Store = Layer.Layer.Success<typeof storeServices> | Db

describe("two API processes on one PostgreSQL under the mix", () => {
  it("answer without a 5xx and keep every invariant", async () => {
    const pg = await startPostgres()
    try {
      await pg.createDatabase("mix")
      const url = pg.url("mix")
      const withStore = async <A, E>(f: Effect.Effect<A, E, Store>) => {
        const runtime = ManagedRuntime.make(
          storeServices.pipe(Layer.provideMerge(databaseLayer({ kind: "pg", url }))),
        )
        try {
          return await runtime.runPromise(f)
        } finally {
          await runtime.dispose()
        }
      }
      const world = await withStore(
        Effect.zipRight(
          migrate,
          seedWorld({ members: 2_000, hubDegree: 300, pendingPerMember: 6, posts: 200 }),
        ),
      )
      const servers = [
        await startServerProcess({ DATABASE_URL: url }),
        await startServerProcess({ DATABASE_URL: url }),
      ]
      const acks = emptyAcknowledged()
      const results = await Promise.all(
        servers.map((s, i) =>
          driveMix({ url: s.url, world, random: prng(50 + i), acks, connections: 12, seconds: 12 }),
        ),
      )
      for (const s of servers) await s.stop()
      const statuses = results.flatMap((r) =>
        [...r.perRoute.values()].flatMap((f) => [...f.statuses]),
      )
      const answered = statuses.reduce((n, [, count]) => n + count, 0)
      expect(answered).toBeGreaterThan(200)
      expect(statuses.filter(([status]) => status >= 500)).toEqual([])
      expect(acks.accepted.size + acks.likes.size + acks.posts.size).toBeGreaterThan(30)
      expect(await withStore(invariantViolations)).toEqual([])
    } finally {
      await pg.stop()
    }
  }, 240_000)
})
