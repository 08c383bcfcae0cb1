/**
 * Queued fan-out: an audience larger than the inline limit is queued in the
 * transaction that caused it, written out in batches, and cancelled with its post.
 */
import { SqlClient } from "@effect/sql"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { EventLog, FanoutSettings, FeedService, RequestService } from "../../src/index.js"
import type { DatabaseConfig } from "../../src/node.js"
import { type Harness, makeHarness } from "./harness.js"

export const fanoutSuite = (
  label: string,
  database: () => Promise<{ config: DatabaseConfig; teardown: () => Promise<void> }>,
) =>
  describe(`fan-out to large audiences on ${label}`, () => {
    let h: Harness
    let teardown: () => Promise<void> = async () => {}
    beforeAll(async () => {
      const db = await database()
      teardown = db.teardown
      h = await makeHarness(db.config)
    })
    afterAll(async () => {
      await h?.close()
      await teardown()
    })

    // A small inline limit and batch, so that a handful of contacts exercises the queue.
    const small = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
      Effect.provideService(effect, FanoutSettings, { inlineMax: 3, batch: 2 })
    const feedCount = (postId: string) =>
      h
        .run(
          Effect.flatMap(
            SqlClient.SqlClient,
            (s) =>
              s<{
                n: number
              }>`SELECT CAST(COUNT(*) AS INTEGER) AS n FROM feed_items WHERE post_id = ${postId}`,
          ),
        )
        .then((r) => r[0]?.n ?? 0)
    const jobs = () =>
      h
        .run(
          Effect.flatMap(
            SqlClient.SqlClient,
            (s) => s<{ n: number }>`SELECT CAST(COUNT(*) AS INTEGER) AS n FROM fanout_jobs`,
          ),
        )
        .then((r) => r[0]?.n ?? 0)

    const hubWithContacts = async (name: string, n: number) => {
      const hub = await h.member(name)
      for (let i = 0; i < n; i++) {
        const handle = `${name}-fan${i}`
        const fan = await h.member(handle)
        const sent = await h.run(
          Effect.flatMap(RequestService, (s) =>
            s.send(fan, name, { message: null, foundVia: null }),
          ),
        )
        if (sent._tag === "Sent")
          await h.run(Effect.flatMap(RequestService, (s) => s.accept(hub, sent.request.id, {})))
      }
      // The news of these connections is delivered now, so that only the post is left to drain.
      await h.run(Effect.flatMap(EventLog, (l) => l.catchUpNews))
      return hub
    }

    it("queues the delivery with the post and writes it out in batches", async () => {
      const hub = await hubWithContacts("bighub", 5)
      const post = await h.run(
        small(Effect.flatMap(FeedService, (s) => s.publish(hub, { text: "An alle" }))),
      )
      // Only the author's own item is written at once; the contacts' items are queued.
      expect(await feedCount(post.id)).toBe(1)
      expect(await jobs()).toBe(1)
      const drain = () => h.run(small(Effect.flatMap(EventLog, (l) => l.drainOnce)))
      expect(await drain()).toBe(true)
      expect(await feedCount(post.id)).toBe(3)
      expect(await drain()).toBe(true)
      expect(await drain()).toBe(true)
      expect(await feedCount(post.id)).toBe(6)
      expect(await jobs()).toBe(0)
      expect(await drain()).toBe(false)
    })

    it("a post deleted before its fan-out is drained reaches no one", async () => {
      const hub = await hubWithContacts("hub2", 4)
      const post = await h.run(
        small(Effect.flatMap(FeedService, (s) => s.publish(hub, { text: "Gleich weg" }))),
      )
      expect(await jobs()).toBe(1)
      await h.run(Effect.flatMap(FeedService, (s) => s.remove(hub, post.id)))
      expect(await jobs()).toBe(0)
      expect(await h.run(small(Effect.flatMap(EventLog, (l) => l.drainOnce)))).toBe(false)
      expect(await feedCount(post.id)).toBe(0)
    })

    it("small audiences are written at once", async () => {
      const hub = await hubWithContacts("smallhub", 2)
      const post = await h.run(
        small(Effect.flatMap(FeedService, (s) => s.publish(hub, { text: "Kleiner Kreis" }))),
      )
      expect(await feedCount(post.id)).toBe(3)
      expect(await jobs()).toBe(0)
    })
  })
