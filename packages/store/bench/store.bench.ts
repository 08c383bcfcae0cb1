/**
 * The store benchmark: on a generated network of 10,000 members with
 * power-law degrees and one member with 5,000 contacts, measures
 *   - accept (the whole transaction: the request, both contact records, the
 *     notification, the outbox; the connection's news is read from the
 *     outbox by feeds, nothing more to write) — throughput and latency;
 *   - one page (20) of the hub's contacts with their categories — latency;
 * on SQLite and on PostgreSQL. Prints a table, then one JSON line.
 *
 *   pnpm bench                 (from packages/store or the root)
 *   pnpm bench -- --accepts 5000 --pages 5000
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Layer, ManagedRuntime } from "effect"
import {
  Contacts,
  Db,
  migrate,
  multiRow,
  newId,
  RequestService,
  storeServices,
} from "../src/index.js"
import { type DatabaseConfig, databaseLayer } from "../src/node.js"
import { generateNetwork, prng } from "../src/testing/network.js"
import { startPostgres } from "../src/testing/postgres.js"
import { seedNetwork } from "../src/testing/seed.js"
import { arg, ascending, percentile } from "./measure.js"

const MEMBERS = arg("members", 10_000)
const HUB_DEGREE = arg("hub", 5_000)
const ACCEPTS = arg("accepts", 3_000)
const PAGES = arg("pages", 3_000)

const network = generateNetwork(MEMBERS, HUB_DEGREE)
const ids = Array.from({ length: MEMBERS }, (_, i) => `m${String(i).padStart(6, "0")}`)
const degree = new Array<number>(MEMBERS).fill(0)
for (const [a, b] of network.edges) {
  degree[a] = (degree[a] ?? 0) + 1
  degree[b] = (degree[b] ?? 0) + 1
}

const insertCategories = multiRow(
  "INSERT INTO categories (id, owner_id, name, name_key, created_at) VALUES",
  5,
)
const insertFiled = multiRow(
  "INSERT INTO contact_categories (owner_id, contact_id, category_id) VALUES",
  3,
)
const insertRequests = multiRow(
  "INSERT INTO requests (id, from_id, to_id, pair_lo, pair_hi, state, created_at, updated_at) VALUES",
  8,
)

const seed = (at: string) =>
  Effect.gen(function* () {
    yield* seedNetwork(ids, network.edges, at)
    const db = yield* Db
    const chunk = <T>(xs: readonly T[], n: number) =>
      Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n))
    // The hub files its contacts under five categories.
    const hub = ids[network.hub] ?? ""
    const categories = ["Kunden", "Presse", "Gruppe K.", "Partner", "Messe"].map((name) => ({
      id: newId(),
      ownerId: hub,
      name,
      nameKey: name.toLowerCase(),
      createdAt: at,
    }))
    yield* db.run(
      insertCategories(categories.length),
      categories.flatMap((c) => [c.id, c.ownerId, c.name, c.nameKey, c.createdAt]),
    )
    const hubContacts = network.edges
      .filter(([a]) => a === network.hub)
      .map(([, b]) => ids[b] ?? "")
    for (const part of chunk(hubContacts, 300)) {
      const rows = part.flatMap((c, i) =>
        [0, 1].slice(0, 1 + (i % 2)).map((k) => [hub, c, categories[(i + k) % 5]?.id ?? ""]),
      )
      yield* db.run(insertFiled(rows.length), rows.flat())
    }
  })

// Pending requests between members of ordinary degree who are not yet connected.
const pendingPairs = (count: number) => {
  const random = prng(7)
  const connected = new Set(network.edges.map(([a, b]) => a * MEMBERS + b))
  const used = new Set<number>()
  const pairs: [number, number][] = []
  while (pairs.length < count) {
    const a = 1 + Math.floor(random() * (MEMBERS - 1))
    const b = 1 + Math.floor(random() * (MEMBERS - 1))
    const [lo, hi] = a < b ? [a, b] : [b, a]
    if (a === b || connected.has(lo * MEMBERS + hi) || used.has(lo * MEMBERS + hi)) continue
    used.add(lo * MEMBERS + hi)
    pairs.push([a, b])
  }
  return pairs
}

const measure = async (label: string, config: DatabaseConfig) => {
  const runtime = ManagedRuntime.make(
    storeServices.pipe(Layer.provideMerge(databaseLayer(config, { maxConnections: 4 }))),
  )
  const at = new Date().toISOString()
  await runtime.runPromise(migrate)
  const t0 = performance.now()
  await runtime.runPromise(seed(at))
  const seedSeconds = (performance.now() - t0) / 1000

  const pairs = pendingPairs(ACCEPTS)
  const requestIds = pairs.map(() => newId())
  const requestRows = pairs.map(([a, b], i) => {
    const [x, y] = [ids[a] ?? "", ids[b] ?? ""]
    const [lo, hi] = x < y ? [x, y] : [y, x]
    return [requestIds[i] ?? "", x, y, lo, hi, "pending", at, at]
  })
  await runtime.runPromise(
    Effect.flatMap(Db, (db) =>
      db.transaction(
        Effect.forEach(
          Array.from({ length: Math.ceil(requestRows.length / 100) }, (_, i) =>
            requestRows.slice(i * 100, i * 100 + 100),
          ),
          (part) => db.run(insertRequests(part.length), part.flat()),
          { discard: true },
        ),
      ),
    ),
  )

  const acceptTimes: number[] = []
  const acceptStart = performance.now()
  for (let i = 0; i < pairs.length; i++) {
    const [, b] = pairs[i] ?? [0, 0]
    const start = performance.now()
    await runtime.runPromise(
      Effect.flatMap(RequestService, (s) => s.accept(ids[b] ?? "", requestIds[i] ?? "", {})),
    )
    acceptTimes.push(performance.now() - start)
  }
  const acceptSeconds = (performance.now() - acceptStart) / 1000

  const hub = ids[network.hub] ?? ""
  const hubContacts = network.edges
    .filter(([a]) => a === network.hub)
    .map(([, b]) => `member ${ids[b]}`)
    .sort()
  const random = prng(11)
  const pageTimes: number[] = []
  let rows = 0
  for (let i = 0; i < PAGES; i++) {
    const startAt = Math.floor(random() * (hubContacts.length - 20))
    const key = hubContacts[startAt] ?? ""
    const after = i % 10 === 0 ? null : { key, id: key.slice("member ".length) }
    const start = performance.now()
    const page = await runtime.runPromise(
      Effect.flatMap(Contacts, (c) =>
        c.page(hub, { sort: "name", limit: 20, after, categoryId: null }),
      ),
    )
    pageTimes.push(performance.now() - start)
    rows += page.items.filter((r) => r.record.categoryIds.length > 0).length
  }
  await runtime.dispose()
  if (rows === 0) throw new Error("pages came back without categories")
  const accepts = ascending(acceptTimes)
  const pages = ascending(pageTimes)
  return {
    label,
    seedSeconds,
    acceptsPerSecond: pairs.length / acceptSeconds,
    acceptP50: percentile(accepts, 0.5),
    acceptP99: percentile(accepts, 0.99),
    pageP50: percentile(pages, 0.5),
    pageP99: percentile(pages, 0.99),
  }
}

const main = async () => {
  const dir = mkdtempSync(join(tmpdir(), "kontakt-bench-"))
  const pg = await startPostgres()
  try {
    await pg.createDatabase("bench")
    const sqlite = await measure("SQLite", { kind: "sqlite", filename: join(dir, "bench.db") })
    const postgres = await measure("PostgreSQL", { kind: "pg", url: pg.url("bench") })
    const maxDegree = Math.max(...degree)
    const sortedDegrees = ascending(degree)
    console.log(
      `network: ${MEMBERS} members, ${network.edges.length} connections, hub degree ${degree[network.hub]}, max ${maxDegree}, median ${percentile(sortedDegrees, 0.5)}, mean ${((2 * network.edges.length) / MEMBERS).toFixed(1)}`,
    )
    console.log(`accepts measured: ${ACCEPTS}, contact pages measured: ${PAGES}\n`)
    const fmt = (n: number, d = 2) => n.toFixed(d).padStart(10)
    console.log(
      `${"".padEnd(34)}${"SQLite".padStart(10)}${"PostgreSQL".padStart(12)}   target (SQLite)`,
    )
    const row = (name: string, a: number, b: number, target: string, d = 2) =>
      console.log(`${name.padEnd(34)}${fmt(a, d)}${fmt(b, d).padStart(12)}   ${target}`)
    row(
      "accept: per second",
      sqlite.acceptsPerSecond,
      postgres.acceptsPerSecond,
      "≥ 2000 (PostgreSQL ≥ 800)",
      0,
    )
    row("accept: p50 ms", sqlite.acceptP50, postgres.acceptP50, "")
    row("accept: p99 ms", sqlite.acceptP99, postgres.acceptP99, "≤ 5")
    row("hub contacts page (20): p50 ms", sqlite.pageP50, postgres.pageP50, "")
    row("hub contacts page (20): p99 ms", sqlite.pageP99, postgres.pageP99, "≤ 2")
    row("seeding the network: s", sqlite.seedSeconds, postgres.seedSeconds, "")
    const round = (n: number) => Math.round(n * 1000) / 1000
    console.log(
      JSON.stringify({
        bench: "store",
        members: MEMBERS,
        connections: network.edges.length,
        hubDegree: degree[network.hub],
        sqlite: {
          acceptsPerSecond: Math.round(sqlite.acceptsPerSecond),
          acceptP50Ms: round(sqlite.acceptP50),
          acceptP99Ms: round(sqlite.acceptP99),
          pageP50Ms: round(sqlite.pageP50),
          pageP99Ms: round(sqlite.pageP99),
        },
        postgres: {
          acceptsPerSecond: Math.round(postgres.acceptsPerSecond),
          acceptP50Ms: round(postgres.acceptP50),
          acceptP99Ms: round(postgres.acceptP99),
          pageP50Ms: round(postgres.pageP50),
          pageP99Ms: round(postgres.pageP99),
        },
      }),
    )
  } finally {
    await pg.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
