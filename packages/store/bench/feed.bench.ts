/**
 * The feed benchmark. A generated network: 10,000 members with power-law
 * degrees and a hub with 5,000 contacts, plus a second hub with 30,000
 * contacts (so the network grows to 30,001 members: 30,000 contacts need
 * 30,000 other members). Measures on SQLite:
 *   - publish by the 5,000-contact member until the API could answer, and until every
 *     reader can see it (audiences over 1,000 are queued);
 *   - publish by the 30,000-contact member until the API could answer (fan-out queued),
 *     and until every reader can see it (the queue drained);
 *   - the first feed page (20 items) of the 5,000-contact member;
 *   - that a like is in the liker's contacts' feeds on their next read.
 * Prints a table, then one JSON line.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { SqlClient } from "@effect/sql"
import { Effect, Layer, ManagedRuntime } from "effect"
import { EventLog, FeedService, migrate, storeServices } from "../src/index.js"
import { databaseLayer } from "../src/node.js"
import { generateNetwork, prng } from "../src/testing/network.js"
import { seedNetwork } from "../src/testing/seed.js"
import { arg, ascending, percentile } from "./measure.js"

const CORE = arg("members", 10_000)
const BIG = arg("big", 30_000)
const PUBLISHES = arg("publishes", 100)
const READS = arg("reads", 1_000)
const BACKGROUND_POSTS = arg("posts", 2_000)

const core = generateNetwork(CORE, 5_000)
const total = Math.max(CORE, BIG) + 1
const ids = Array.from({ length: total }, (_, i) => `m${String(i).padStart(6, "0")}`)
const hub5 = ids[core.hub] ?? ""
const hub30 = ids[total - 1] ?? ""
const edges: [number, number][] = [...core.edges.map(([a, b]) => [a, b] as [number, number])]
for (let i = 0; i < BIG; i++) edges.push([i, total - 1])

const main = async () => {
  const dir = mkdtempSync(join(tmpdir(), "kontakt-feed-bench-"))
  const runtime = ManagedRuntime.make(
    storeServices.pipe(
      Layer.provideMerge(databaseLayer({ kind: "sqlite", filename: join(dir, "feed.db") })),
    ),
  )
  try {
    await runtime.runPromise(migrate)
    await runtime.runPromise(seedNetwork(ids, edges, new Date().toISOString()))
    const run = <A, E>(
      e: Effect.Effect<A, E, Layer.Layer.Success<typeof storeServices> | SqlClient.SqlClient>,
    ) => runtime.runPromise(e)
    const drainAll = async () => {
      while (await run(Effect.flatMap(EventLog, (l) => l.drainOnce))) {
        /* keep draining */
      }
    }

    // Background activity: the hub's contacts post, so the hub's feed has plenty to page through.
    const random = prng(5)
    const hubContacts = core.edges.filter(([a]) => a === core.hub).map(([, b]) => ids[b] ?? "")
    for (let i = 0; i < BACKGROUND_POSTS; i++) {
      const author = hubContacts[Math.floor(random() * hubContacts.length)] ?? ""
      await run(Effect.flatMap(FeedService, (s) => s.publish(author, { text: `Beitrag ${i}` })))
    }
    await drainAll()

    const publish5: number[] = []
    const visible5: number[] = []
    for (let i = 0; i < PUBLISHES; i++) {
      const t = performance.now()
      await run(Effect.flatMap(FeedService, (s) => s.publish(hub5, { text: `Hub-Beitrag ${i}` })))
      publish5.push(performance.now() - t)
      await drainAll()
      visible5.push(performance.now() - t)
    }

    const publish30: number[] = []
    const visible30: number[] = []
    const bigRounds = Math.max(5, Math.floor(PUBLISHES / 4))
    for (let i = 0; i < bigRounds; i++) {
      const t = performance.now()
      const post = await run(
        Effect.flatMap(FeedService, (s) => s.publish(hub30, { text: `An alle ${i}` })),
      )
      publish30.push(performance.now() - t)
      await drainAll()
      visible30.push(performance.now() - t)
      const [row] = await run(
        Effect.flatMap(
          SqlClient.SqlClient,
          (s) =>
            s<{
              n: number
            }>`SELECT CAST(COUNT(*) AS INTEGER) AS n FROM feed_items WHERE post_id = ${post.id}`,
        ),
      )
      if ((row?.n ?? 0) !== BIG + 1)
        throw new Error(`post reached ${row?.n} readers, expected ${BIG + 1}`)
    }

    const reads: number[] = []
    for (let i = 0; i < READS; i++) {
      const t = performance.now()
      const page = await run(Effect.flatMap(FeedService, (s) => s.feed(hub5, 20, null)))
      reads.push(performance.now() - t)
      if (page.items.length !== 20) throw new Error(`feed page had ${page.items.length} items`)
    }

    // A like reaches the liker's contacts on their next read.
    const liker = hubContacts[0] ?? ""
    const foreign = await run(
      Effect.flatMap(FeedService, (s) => s.publish(hub30, { text: "Mag das jemand?" })),
    )
    await drainAll()
    await run(Effect.flatMap(FeedService, (s) => s.like(liker, foreign.id)))
    const nextRead = await run(Effect.flatMap(FeedService, (s) => s.feed(hub5, 20, null)))
    const likeVisible = nextRead.items.some(
      (i) =>
        i.subject.kind === "post" &&
        i.subject.postId === foreign.id &&
        i.broughtBy.some((b) => b.member === liker),
    )

    const p5 = ascending(publish5)
    const v5 = ascending(visible5)
    const p30 = ascending(publish30)
    const v30 = ascending(visible30)
    const r = ascending(reads)
    const fmt = (n: number) => n.toFixed(2).padStart(10)
    console.log(
      `network: ${total} members, ${edges.length} connections; hubs with 5,000 and ${BIG.toLocaleString("en")} contacts; ${BACKGROUND_POSTS} background posts\n`,
    )
    console.log(`${"".padEnd(46)}${"p50 ms".padStart(10)}${"p99 ms".padStart(10)}   target`)
    console.log(
      `${"publish, 5,000 contacts (queued fan-out)".padEnd(46)}${fmt(percentile(p5, 0.5))}${fmt(percentile(p5, 0.99))}   p99 ≤ 50`,
    )
    console.log(
      `${"  … until every reader sees it".padEnd(46)}${fmt(percentile(v5, 0.5))}${fmt(percentile(v5, 0.99))}`,
    )
    console.log(
      `${"publish, 30,000 contacts (queued fan-out)".padEnd(46)}${fmt(percentile(p30, 0.5))}${fmt(percentile(p30, 0.99))}   p99 ≤ 100`,
    )
    console.log(
      `${"  … until every reader sees it".padEnd(46)}${fmt(percentile(v30, 0.5))}${fmt(percentile(v30, 0.99))}   ≤ 2000`,
    )
    console.log(
      `${"first feed page (20), 5,000-contact member".padEnd(46)}${fmt(percentile(r, 0.5))}${fmt(percentile(r, 0.99))}   p99 ≤ 10`,
    )
    console.log(
      `${"a like is in the liker's contacts' next read".padEnd(46)}${String(likeVisible).padStart(20)}`,
    )
    const round = (n: number) => Math.round(n * 1000) / 1000
    console.log(
      JSON.stringify({
        bench: "feed",
        members: total,
        connections: edges.length,
        publish5kP50Ms: round(percentile(p5, 0.5)),
        publish5kP99Ms: round(percentile(p5, 0.99)),
        visible5kP99Ms: round(percentile(v5, 0.99)),
        publish30kP50Ms: round(percentile(p30, 0.5)),
        publish30kP99Ms: round(percentile(p30, 0.99)),
        visible30kP99Ms: round(percentile(v30, 0.99)),
        feedPageP50Ms: round(percentile(r, 0.5)),
        feedPageP99Ms: round(percentile(r, 0.99)),
        likeVisibleOnNextRead: likeVisible,
      }),
    )
  } finally {
    await runtime.dispose()
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
