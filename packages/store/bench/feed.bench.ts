/**
 * The feed benchmark, on SQLite. Feeds are fanned out on read
 * (readmodel/FeedIndex.ts), so a post is one row and one outbox event
 * whatever the audience, and a page merges the reader's contacts' recent
 * activity. A generated network: 10,000 members with power-law degrees and a
 * hub with 5,000 contacts, plus a second hub with 30,000 contacts (30,001
 * members); and two readers of 100 contacts each, whose contacts produced
 * 100,000 items over time and 1,000 items. Measures:
 *   - publish by the 5,000- and the 30,000-contact member until the API could
 *     answer, and until a reader among their contacts sees it (the publish
 *     and that reader's next page);
 *   - the first feed page (20 items) of the 5,000-contact member;
 *   - pages of the two 100-contact readers, first and deep (by cursor):
 *     the same cost whatever the history;
 *   - that a like is in the liker's contacts' feeds on their next read.
 * Readers' contacts come from memory, as the API's network index gives them
 * (a worker without the index reads them from the database instead).
 * Prints a table, then one JSON line.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Layer, ManagedRuntime } from "effect"
import {
  Db,
  type FeedCursor,
  FeedService,
  migrate,
  multiRow,
  type NetworkView,
  newId,
  ReaderViews,
  ReadModel,
  storeServices,
} from "../src/index.js"
import { databaseLayer } from "../src/node.js"
import { generateNetwork, prng } from "../src/testing/network.js"
import { seedNetwork } from "../src/testing/seed.js"
import { arg, ascending, percentile } from "./measure.js"

const CORE = arg("members", 10_000)
const BIG = arg("big", 30_000)
const PUBLISHES = arg("publishes", 100)
const READS = arg("reads", 1_000)
const BACKGROUND_POSTS = arg("posts", 2_000)
const HISTORY = arg("history", 100_000)

const core = generateNetwork(CORE, 5_000)
const total = Math.max(CORE, BIG) + 1
const ids = Array.from({ length: total }, (_, i) => `m${String(i).padStart(6, "0")}`)
const hub5 = ids[core.hub] ?? ""
const hub30 = ids[total - 1] ?? ""
const edges: [number, number][] = [...core.edges.map(([a, b]) => [a, b] as [number, number])]
for (let i = 0; i < BIG; i++) edges.push([i, total - 1])
// Two readers of 100 contacts each, among members the core network hardly uses.
const readerDeep = `${ids[0]}-deep`
const readerShallow = `${ids[0]}-shallow`
const deepContacts = ids.slice(20_000, 20_100)
const shallowContacts = ids.slice(20_100, 20_200)

/** Who is connected to whom, in memory: what the API's network index answers for the feed. */
const inMemory = (pairs: readonly (readonly [string, string])[]): NetworkView => {
  const of = new Map<string, Set<string>>()
  const add = (a: string, b: string) => {
    const set = of.get(a) ?? new Set<string>()
    set.add(b)
    of.set(a, set)
  }
  for (const [a, b] of pairs) {
    add(a, b)
    add(b, a)
  }
  return {
    contactsOf: (m) => [...(of.get(m) ?? [])],
    isContact: (m, other) => of.get(m)?.has(other) ?? false,
    mutualCount: (m, other) => {
      const theirs = of.get(other) ?? new Set<string>()
      return [...(of.get(m) ?? [])].filter((c) => theirs.has(c)).length
    },
  }
}

const insertPosts = multiRow("INSERT INTO posts (id, author_id, text, created_at) VALUES", 4)
const insertEvents = multiRow("INSERT INTO outbox (tag, payload, at) VALUES", 3)

/** `count` posts by `authors` over the last `days`, written as the store would, in bulk. */
const history = (authors: readonly string[], count: number, days: number) =>
  Effect.gen(function* () {
    const db = yield* Db
    const start = Date.now() - days * 86_400_000
    yield* db.transaction(
      Effect.gen(function* () {
        for (let i = 0; i < count; i += 200) {
          const part = Array.from({ length: Math.min(200, count - i) }, (_, k) => {
            const n = i + k
            const author = authors[n % authors.length] ?? ""
            const at = new Date(start + (n * days * 86_400_000) / count).toISOString()
            return { id: newId(), author, at }
          })
          yield* db.run(
            insertPosts(part.length),
            part.flatMap((p) => [p.id, p.author, "Aus der Geschichte", p.at]),
          )
          yield* db.run(
            insertEvents(part.length),
            part.flatMap((p) => [
              "PostPublished",
              JSON.stringify({ _tag: "PostPublished", postId: p.id, author: p.author, at: p.at }),
              p.at,
            ]),
          )
        }
      }),
    )
  })

const POPULAR_LIKES = 5_000
const POPULAR_COMMENTS = 500
const insertLikes = multiRow("INSERT INTO likes (post_id, member_id, at) VALUES", 3)
const insertComments = multiRow(
  "INSERT INTO comments (id, post_id, author_id, text, created_at) VALUES",
  5,
)

/** Likes by `likers` and `comments` comments (by the first of them) on each of `posts`. */
const popular = (
  posts: readonly string[],
  likers: readonly string[],
  comments: number,
  at: string,
) =>
  Effect.gen(function* () {
    const db = yield* Db
    yield* db.transaction(
      Effect.gen(function* () {
        for (const post of posts) {
          for (let i = 0; i < likers.length; i += 300) {
            const part = likers.slice(i, i + 300)
            yield* db.run(
              insertLikes(part.length),
              part.flatMap((m) => [post, m, at]),
            )
          }
          for (let i = 0; i < comments; i += 200) {
            const n = Math.min(200, comments - i)
            const authors = likers.slice(i, i + n)
            yield* db.run(
              insertComments(authors.length),
              authors.flatMap((m) => [newId(), post, m, "Gern dabei", at]),
            )
          }
        }
      }),
    )
  })

const main = async () => {
  const dir = mkdtempSync(join(tmpdir(), "kontakt-feed-bench-"))
  const filename = join(dir, "feed.db")
  const open = () =>
    ManagedRuntime.make(
      storeServices.pipe(Layer.provideMerge(databaseLayer({ kind: "sqlite", filename }))),
    )
  let runtime = open()
  try {
    const at = new Date().toISOString()
    await runtime.runPromise(migrate)
    const extra = [readerDeep, readerShallow]
    await runtime.runPromise(
      seedNetwork(
        [...ids, ...extra],
        [
          ...edges,
          ...deepContacts.map((c) => [total, ids.indexOf(c)] as [number, number]),
          ...shallowContacts.map((c) => [total + 1, ids.indexOf(c)] as [number, number]),
        ],
        at,
      ),
    )
    await runtime.runPromise(history(deepContacts, HISTORY, 170))
    await runtime.runPromise(history(shallowContacts, Math.max(1, HISTORY / 100), 170))
    // A fresh process: the read model loads the whole window from the outbox.
    await runtime.dispose()
    runtime = open()
    const run = <A, E>(e: Effect.Effect<A, E, Layer.Layer.Success<typeof storeServices> | Db>) =>
      runtime.runPromise(e)
    const allPairs = [
      ...edges.map(([a, b]) => [ids[a] ?? "", ids[b] ?? ""] as const),
      ...deepContacts.map((c) => [readerDeep, c] as const),
      ...shallowContacts.map((c) => [readerShallow, c] as const),
    ]
    await run(Effect.map(ReaderViews, (v) => v.useNetwork(inMemory(allPairs))))
    const loadStart = performance.now()
    await run(Effect.flatMap(ReadModel, (m) => m.sync))
    const loadMs = performance.now() - loadStart
    const entries = await run(Effect.map(ReadModel, (m) => m.feed().size))

    // Background activity: the hub's contacts post, so the hub's feed has plenty to page through.
    const random = prng(5)
    const hubContacts = core.edges.filter(([a]) => a === core.hub).map(([, b]) => ids[b] ?? "")
    for (let i = 0; i < BACKGROUND_POSTS; i++) {
      const author = hubContacts[Math.floor(random() * hubContacts.length)] ?? ""
      await run(Effect.flatMap(FeedService, (s) => s.publish(author, { text: `Beitrag ${i}` })))
    }

    // Publish, then a reader among the author's contacts reads their first page.
    const publishAndSee = async (author: string, readers: readonly string[], rounds: number) => {
      const answered: number[] = []
      const seen: number[] = []
      for (let i = 0; i < rounds; i++) {
        const t = performance.now()
        const post = await run(
          Effect.flatMap(FeedService, (s) => s.publish(author, { text: `An alle ${i}` })),
        )
        answered.push(performance.now() - t)
        const reader = readers[Math.floor(random() * readers.length)] ?? ""
        const page = await run(Effect.flatMap(FeedService, (s) => s.feed(reader, 20, null)))
        seen.push(performance.now() - t)
        if (!page.items.some((item) => item.post?.post.id === post.post.id))
          throw new Error(`${reader} did not see the post of ${author}`)
      }
      return { answered: ascending(answered), seen: ascending(seen) }
    }
    const five = await publishAndSee(hub5, hubContacts, PUBLISHES)
    const thirty = await publishAndSee(
      hub30,
      ids.slice(0, BIG),
      Math.max(5, Math.floor(PUBLISHES / 4)),
    )

    const pages = async (reader: string, deep: boolean) => {
      const times: number[] = []
      let after: FeedCursor | null = null
      for (let i = 0; i < READS; i++) {
        const t = performance.now()
        const page = await run(Effect.flatMap(FeedService, (s) => s.feed(reader, 20, after)))
        times.push(performance.now() - t)
        if (page.items.length !== 20) throw new Error(`feed page had ${page.items.length} items`)
        // Deep: walk on by cursor, and start over near the end of what the feed keeps.
        after = deep && i % 40 !== 39 ? page.next : null
      }
      return ascending(times)
    }
    const hubPages = await pages(hub5, false)
    const deepFirst = await pages(readerDeep, false)
    const shallowFirst = await pages(readerShallow, false)
    const deepPaged = await pages(readerDeep, true)
    const shallowPaged = await pages(readerShallow, true)

    // Popular posts: every post of the shallow reader's first page liked by 5,000 members and
    // commented on 500 times (straight into the tables: the page keeps its items, only its
    // counts grow). Its cost must not grow with them.
    const shown = (
      await run(Effect.flatMap(FeedService, (s) => s.feed(readerShallow, 20, null)))
    ).items.flatMap((i) => (i.post === null ? [] : [i.post.post.id]))
    await run(popular(shown, ids.slice(0, POPULAR_LIKES), POPULAR_COMMENTS, at))
    const popularFirst = await pages(readerShallow, false)
    const popularPage = await run(
      Effect.flatMap(FeedService, (s) => s.feed(readerShallow, 20, null)),
    )
    const popularCounted = popularPage.items.every(
      (i) =>
        i.post === null || (i.post.likes === POPULAR_LIKES && i.post.comments === POPULAR_COMMENTS),
    )
    if (shown.length === 0 || !popularCounted)
      throw new Error("the popular posts' counts did not come back as written")

    // A like reaches the liker's contacts on their next read.
    const liker = hubContacts[0] ?? ""
    const foreign = await run(
      Effect.flatMap(FeedService, (s) => s.publish(hub30, { text: "Mag das jemand?" })),
    )
    await run(Effect.flatMap(FeedService, (s) => s.like(liker, foreign.post.id)))
    const nextRead = await run(Effect.flatMap(FeedService, (s) => s.feed(hub5, 20, null)))
    const likeVisible = nextRead.items.some(
      (i) => i.post?.post.id === foreign.post.id && i.broughtBy.some((b) => b.member?.id === liker),
    )

    const fmt = (n: number) => n.toFixed(2).padStart(10)
    const p = (xs: readonly number[], q: number) => percentile(xs, q)
    console.log(
      `network: ${total + 2} members, ${edges.length + 200} connections; hubs with 5,000 and ${BIG.toLocaleString("en")} contacts; ${BACKGROUND_POSTS} background posts; readers of 100 contacts with ${HISTORY.toLocaleString("en")} and ${Math.max(1, HISTORY / 100).toLocaleString("en")} items behind them`,
    )
    console.log(
      `read model loaded in ${loadMs.toFixed(0)} ms (${entries.toLocaleString("en")} entries kept)\n`,
    )
    console.log(`${"".padEnd(52)}${"p50 ms".padStart(10)}${"p99 ms".padStart(10)}   target`)
    const line = (name: string, xs: readonly number[], target = "") =>
      console.log(`${name.padEnd(52)}${fmt(p(xs, 0.5))}${fmt(p(xs, 0.99))}   ${target}`)
    line("publish, 5,000 contacts, until the API answers", five.answered, "p99 ≤ 50")
    line("  … and a reader among them sees it", five.seen)
    line("publish, 30,000 contacts, until the API answers", thirty.answered, "p99 ≤ 100")
    line("  … and a reader among them sees it", thirty.seen, "≤ 2000")
    line("first feed page (20), 5,000-contact member", hubPages, "p99 ≤ 10")
    line(
      `first page, reader with ${HISTORY.toLocaleString("en")} items behind`,
      deepFirst,
      "p99 ≤ 2",
    )
    line(
      `first page, reader with ${(HISTORY / 100).toLocaleString("en")} items behind`,
      shallowFirst,
      "the same",
    )
    line(`pages by cursor, ${HISTORY.toLocaleString("en")} items behind`, deepPaged, "p99 ≤ 2")
    line(
      `pages by cursor, ${(HISTORY / 100).toLocaleString("en")} items behind`,
      shallowPaged,
      "the same",
    )
    line(
      `first page, ${shown.length} posts liked ${POPULAR_LIKES.toLocaleString("en")} times each`,
      popularFirst,
      "p99 ≤ 2",
    )
    console.log(
      `${"a like is in the liker's contacts' next read".padEnd(52)}${String(likeVisible).padStart(20)}`,
    )
    const round = (n: number) => Math.round(n * 1000) / 1000
    console.log(
      JSON.stringify({
        bench: "feed",
        members: total + 2,
        readModelLoadMs: Math.round(loadMs),
        readModelEntries: entries,
        publish5kP50Ms: round(p(five.answered, 0.5)),
        publish5kP99Ms: round(p(five.answered, 0.99)),
        visible5kP99Ms: round(p(five.seen, 0.99)),
        publish30kP50Ms: round(p(thirty.answered, 0.5)),
        publish30kP99Ms: round(p(thirty.answered, 0.99)),
        visible30kP99Ms: round(p(thirty.seen, 0.99)),
        hubFirstPageP50Ms: round(p(hubPages, 0.5)),
        hubFirstPageP99Ms: round(p(hubPages, 0.99)),
        deepHistoryFirstPageP99Ms: round(p(deepFirst, 0.99)),
        shallowHistoryFirstPageP99Ms: round(p(shallowFirst, 0.99)),
        deepHistoryPagedP99Ms: round(p(deepPaged, 0.99)),
        shallowHistoryPagedP99Ms: round(p(shallowPaged, 0.99)),
        popularPosts: shown.length,
        popularFirstPageP50Ms: round(p(popularFirst, 0.5)),
        popularFirstPageP99Ms: round(p(popularFirst, 0.99)),
        likeVisibleOnNextRead: likeVisible,
      }),
    )
    if (!likeVisible) throw new Error("the like was not in the liker's contacts' next read")
  } finally {
    await runtime.dispose()
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
