import { Effect, Either } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { FeedService, RequestService } from "../src/index.js"
import { type RunningPostgres, startPostgres } from "../src/testing/postgres.js"
import { type Harness, makeHarness } from "./support/harness.js"
import { countConnections, countOpenBetween, expectInvariants, tally } from "./support/races.js"

const outcome = (e: Either.Either<unknown, { readonly _tag: string }>) =>
  Either.isLeft(e) ? e.left._tag : "ok"

describe("races on PostgreSQL (separate connections)", () => {
  let pg: RunningPostgres
  let h: Harness
  beforeAll(async () => {
    pg = await startPostgres()
    await pg.createDatabase("races")
    h = await makeHarness({ kind: "pg", url: pg.url("races") }, { maxConnections: 40 })
  })
  afterAll(async () => {
    await h?.close()
    await pg?.stop()
  })

  it("A→B and B→A sent at the same moment end as exactly one connection", async () => {
    for (let round = 0; round < 20; round++) {
      const a = await h.member(`a${round}`)
      const b = await h.member(`b${round}`)
      const results = await Promise.all([
        h.attempt(
          Effect.flatMap(RequestService, (s) =>
            s.send(a, `b${round}`, { message: null, foundVia: null }),
          ),
        ),
        h.attempt(
          Effect.flatMap(RequestService, (s) =>
            s.send(b, `a${round}`, { message: null, foundVia: null }),
          ),
        ),
      ])
      expect(results.map(outcome)).toEqual(["ok", "ok"])
      expect(results.map((r) => (Either.isRight(r) ? r.right._tag : null)).sort()).toEqual([
        "Connected",
        "Sent",
      ])
      expect(await countConnections(h, a, b)).toEqual({ connections: 1, records: 2 })
      expect(await countOpenBetween(h, a, b)).toBe(0)
    }
    await expectInvariants(h)
  })

  it("one request accepted twice at once ends accepted once", async () => {
    for (let round = 0; round < 20; round++) {
      const a = await h.member(`acc-a${round}`)
      const b = await h.member(`acc-b${round}`)
      const sent = await h.run(
        Effect.flatMap(RequestService, (s) =>
          s.send(a, `acc-b${round}`, { message: null, foundVia: null }),
        ),
      )
      if (sent._tag !== "Sent") throw new Error("not sent")
      const results = await Promise.all(
        [1, 2, 3].map(() =>
          h.attempt(Effect.flatMap(RequestService, (s) => s.accept(b, sent.request.id, {}))),
        ),
      )
      expect(results.map(outcome).sort()).toEqual(["RequestNotFound", "RequestNotFound", "ok"])
      expect(await countConnections(h, a, b)).toEqual({ connections: 1, records: 2 })
    }
    await expectInvariants(h)
  })

  it("one member liking one post three times at once: one like, the others AlreadyLiked", async () => {
    const author = await h.member("liked-author")
    const fan = await h.member("liked-fan")
    const sent = await h.run(
      Effect.flatMap(RequestService, (s) =>
        s.send(author, "liked-fan", { message: null, foundVia: null }),
      ),
    )
    if (sent._tag !== "Sent") throw new Error("not sent")
    await h.run(Effect.flatMap(RequestService, (s) => s.accept(fan, sent.request.id, {})))
    for (let round = 0; round < 20; round++) {
      const post = await h.run(
        Effect.flatMap(FeedService, (s) => s.publish(author, { text: `Beitrag ${round}` })),
      )
      const results = await Promise.all(
        [1, 2, 3].map(() =>
          h.attempt(Effect.flatMap(FeedService, (s) => s.like(fan, post.post.id))),
        ),
      )
      expect(results.map(outcome).sort()).toEqual(["AlreadyLiked", "AlreadyLiked", "ok"])
      expect(
        await h.query("SELECT COUNT(*) AS n FROM likes WHERE post_id = ?", [post.post.id]),
      ).toEqual([{ n: 1 }])
    }
    await expectInvariants(h)
  })

  it("150 concurrent sends by one member honour the weekly limit of 100 exactly", async () => {
    const sender = await h.member("spammer")
    for (let i = 0; i < 150; i++) await h.member(`target${i}`)
    const results = await Promise.all(
      Array.from({ length: 150 }, (_, i) =>
        h.attempt(
          Effect.flatMap(RequestService, (s) =>
            s.send(sender, `target${i}`, { message: null, foundVia: null }),
          ),
        ),
      ),
    )
    const counted = tally(results.map(outcome))
    expect(counted).toEqual({ ok: 100, RateLimited: 50 })
  })
})
